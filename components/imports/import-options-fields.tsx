'use client';

import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import type { ExistingLeadPolicy, UnknownLeadPolicy } from '@/lib/imports/schema';

export type WizardOptions = {
  defaultCountry: string;
  tags: string;
  sourceLabel: string;
  existing: ExistingLeadPolicy;
  triggerCampaigns: boolean;
  unknownLeads: UnknownLeadPolicy;
};

const POLICIES: [ExistingLeadPolicy, string, string][] = [
  ['fill_empty', 'Update empty fields only', 'Keeps what a lead already has; fills in what is missing.'],
  ['overwrite', 'Overwrite', 'Values in the file replace the lead’s (empty cells never erase anything).'],
  ['skip', 'Skip', 'Leaves existing leads exactly as they are.'],
];

const UNKNOWN: [UnknownLeadPolicy, string, string][] = [
  ['reject', 'Reject the row', 'It is listed with its reason in the rejected rows.'],
  ['create', 'Create the lead', 'A new lead with the row’s phone (source: import); rows with only an e-mail are still rejected.'],
];

export function ImportOptionsFields({
  value,
  onChange,
  kind = 'leads',
  timeZone,
}: {
  value: WizardOptions;
  onChange: (v: WizardOptions) => void;
  kind?: 'leads' | 'appointments';
  timeZone?: string;
}) {
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
      {kind === 'appointments' && (
        <>
          <Col md={9}>
            <fieldset>
              <legend className="small mb-1 fs-6">Rows whose lead does not exist (no lead with that phone or e-mail)</legend>
              {UNKNOWN.map(([policy, label, help]) => (
                <Form.Check
                  key={policy}
                  type="radio"
                  id={`import-unknown-${policy}`}
                  name="import-unknown"
                  checked={value.unknownLeads === policy}
                  onChange={() => set('unknownLeads', policy)}
                  label={
                    <>
                      {label} <span className="small text-muted">— {help}</span>
                    </>
                  }
                />
              ))}
            </fieldset>
          </Col>
          <Col md={12}>
            <p className="small mb-0" data-testid="import-time-zone-note">
              Times written without an offset (such as <code>2026-12-10 14:30</code> or <code>10/12/2026 14:30</code>, day first) are read
              in the workspace’s time zone, <strong>{timeZone}</strong>; times with one (<code>2026-12-10T14:30-03:00</code>) keep it. A row
              with an external id that is already in the workspace updates that appointment. Active appointment campaigns (booked,
              reminders) queue their messages as for appointments booked in the admin.
            </p>
          </Col>
        </>
      )}
      {kind === 'leads' && (
        <Col md={5}>
          <Form.Group controlId="import-tags">
            <Form.Label className="small mb-1">Tags to add</Form.Label>
            <Form.Control size="sm" value={value.tags} placeholder="fair-2026, vip" onChange={(e) => set('tags', e.target.value)} />
          </Form.Group>
        </Col>
      )}
      <Col md={4}>
        <Form.Group controlId="import-source-label">
          <Form.Label className="small mb-1">Source label</Form.Label>
          <Form.Control
            size="sm"
            value={value.sourceLabel}
            maxLength={100}
            placeholder="Trade fair list"
            onChange={(e) => set('sourceLabel', e.target.value)}
          />
        </Form.Group>
      </Col>
      {kind === 'leads' && (
        <>
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
        </>
      )}
    </Row>
  );
}
