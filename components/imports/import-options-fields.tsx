'use client';

import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import type { ExistingLeadPolicy } from '@/lib/imports/schema';

export type WizardOptions = {
  defaultCountry: string;
  tags: string;
  sourceLabel: string;
  existing: ExistingLeadPolicy;
  triggerCampaigns: boolean;
};

const POLICIES: [ExistingLeadPolicy, string, string][] = [
  ['fill_empty', 'Update empty fields only', 'Keeps what a lead already has; fills in what is missing.'],
  ['overwrite', 'Overwrite', 'Values in the file replace the lead’s (empty cells never erase anything).'],
  ['skip', 'Skip', 'Leaves existing leads exactly as they are.'],
];

export function ImportOptionsFields({ value, onChange }: { value: WizardOptions; onChange: (v: WizardOptions) => void }) {
  const set = <K extends keyof WizardOptions>(key: K, v: WizardOptions[K]) => onChange({ ...value, [key]: v });
  const countryOk = /^[A-Za-z]{2}$/.test(value.defaultCountry);
  return (
    <Row className="g-3">
      <Col md={3}>
        <Form.Group controlId="import-country">
          <Form.Label className="small mb-1">Default country</Form.Label>
          <Form.Control
            size="sm"
            value={value.defaultCountry}
            maxLength={2}
            isInvalid={!countryOk}
            onChange={(e) => set('defaultCountry', e.target.value.toUpperCase())}
          />
          <Form.Control.Feedback type="invalid">Two letters, such as BR.</Form.Control.Feedback>
          <Form.Text>For numbers written without +country code.</Form.Text>
        </Form.Group>
      </Col>
      <Col md={5}>
        <Form.Group controlId="import-tags">
          <Form.Label className="small mb-1">Tags to add</Form.Label>
          <Form.Control size="sm" value={value.tags} placeholder="fair-2026, vip" onChange={(e) => set('tags', e.target.value)} />
        </Form.Group>
      </Col>
      <Col md={4}>
        <Form.Group controlId="import-source-label">
          <Form.Label className="small mb-1">Source label</Form.Label>
          <Form.Control size="sm" value={value.sourceLabel} maxLength={100} placeholder="Trade fair list" onChange={(e) => set('sourceLabel', e.target.value)} />
        </Form.Group>
      </Col>
      <Col md={8}>
        <fieldset>
          <legend className="small mb-1 fs-6">Leads that already exist (same phone)</legend>
          {POLICIES.map(([policy, label, help]) => (
            <Form.Check
              key={policy}
              type="radio"
              id={`import-existing-${policy}`}
              name="import-existing"
              checked={value.existing === policy}
              onChange={() => set('existing', policy)}
              label={
                <>
                  {label} <span className="small text-muted">— {help}</span>
                </>
              }
            />
          ))}
        </fieldset>
      </Col>
      <Col md={4}>
        <Form.Check
          type="switch"
          id="import-trigger-campaigns"
          label="Start automated campaigns for imported leads"
          checked={value.triggerCampaigns}
          onChange={(e) => set('triggerCampaigns', e.target.checked)}
        />
        <Form.Text>Off by default: only leads who agreed to be contacted should get messages.</Form.Text>
      </Col>
    </Row>
  );
}
