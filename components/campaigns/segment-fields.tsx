'use client';

import Button from 'react-bootstrap/Button';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { useFieldArray, useWatch, type UseFormReturn } from 'react-hook-form';
import { LEAD_SOURCES, LIFECYCLE_STATUSES } from '@/db/schema';
import type { CampaignFormValues } from '@/lib/campaigns/schema';
import { APPOINTMENT_STATUSES, APPOINTMENT_STATUS_LABELS } from '@/lib/appointments/schema';
import { ATTRIBUTE_OPS } from '@/lib/segments/schema';
import { CheckboxGroup } from './checkbox-group';

const SOURCE_LABELS: Record<string, string> = { landing_page: 'Landing page', import: 'Import', api: 'API', whatsapp: 'WhatsApp', manual: 'Manual' };
const OP_LABELS: Record<(typeof ATTRIBUTE_OPS)[number], string> = { equals: 'is', contains: 'contains', exists: 'is set', missing: 'is not set' };

/** The audience filters of a broadcast (campaigns.segment). Empty lists mean "any". */
export function SegmentFields({ form, tags }: { form: UseFormReturn<CampaignFormValues>; tags: { tag: string; count: number }[] }) {
  const { control, register, formState } = form;
  const attributeValues = useWatch({ control, name: 'segment.attributes' });
  const errors = formState.errors.segment;
  const attributes = useFieldArray({ control, name: 'segment.attributes' });
  return (
    <>
      <p className="small text-muted">Leads matching every filter you set. Leave a filter empty to not filter on it.</p>
      <CheckboxGroup control={control} name="segment.sources" legend="Source" inline options={LEAD_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))} />
      <CheckboxGroup
        control={control}
        name="segment.tags"
        legend="Tagged with any of"
        inline
        options={tags.map((t) => ({ value: t.tag, label: t.tag, hint: String(t.count) }))}
        error={errors?.tags?.message}
      />
      <CheckboxGroup
        control={control}
        name="segment.lifecycleStatuses"
        legend="Lifecycle status"
        inline
        options={LIFECYCLE_STATUSES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) }))}
      />
      <fieldset className="mb-3">
        <legend className="form-label fs-6 mb-1">Custom attributes</legend>
        {attributes.fields.map((f, i) => {
          const op = attributeValues?.[i]?.op;
          const e = errors?.attributes?.[i];
          return (
            <Row className="g-2 mb-2" key={f.id}>
              <Col sm={4}>
                <Form.Control aria-label={`Attribute ${i + 1} name`} placeholder="e.g. plan" isInvalid={!!e?.key} {...register(`segment.attributes.${i}.key`)} />
                <Form.Control.Feedback type="invalid">{e?.key?.message}</Form.Control.Feedback>
              </Col>
              <Col sm={3}>
                <Form.Select aria-label={`Attribute ${i + 1} condition`} {...register(`segment.attributes.${i}.op`)}>
                  {ATTRIBUTE_OPS.map((o) => (
                    <option key={o} value={o}>{OP_LABELS[o]}</option>
                  ))}
                </Form.Select>
              </Col>
              <Col sm={4}>
                <Form.Control
                  aria-label={`Attribute ${i + 1} value`}
                  disabled={op === 'exists' || op === 'missing'}
                  isInvalid={!!e?.value}
                  {...register(`segment.attributes.${i}.value`)}
                />
                <Form.Control.Feedback type="invalid">{e?.value?.message}</Form.Control.Feedback>
              </Col>
              <Col sm={1}>
                <Button variant="outline-secondary" onClick={() => attributes.remove(i)} aria-label={`Remove attribute filter ${i + 1}`}>×</Button>
              </Col>
            </Row>
          );
        })}
        <Button size="sm" variant="outline-secondary" onClick={() => attributes.append({ key: '', op: 'equals', value: '' })} disabled={attributes.fields.length >= 10}>
          Add attribute filter
        </Button>
      </fieldset>
      <Row className="g-2 mb-3">
        <Col sm={4}>
          <Form.Group controlId="segment-created-from">
            <Form.Label>Created from</Form.Label>
            <Form.Control type="date" isInvalid={!!errors?.createdFrom} {...register('segment.createdFrom')} />
            <Form.Control.Feedback type="invalid">{errors?.createdFrom?.message}</Form.Control.Feedback>
          </Form.Group>
        </Col>
        <Col sm={4}>
          <Form.Group controlId="segment-created-to">
            <Form.Label>Created until</Form.Label>
            <Form.Control type="date" isInvalid={!!errors?.createdTo} {...register('segment.createdTo')} />
            <Form.Control.Feedback type="invalid">{errors?.createdTo?.message}</Form.Control.Feedback>
          </Form.Group>
        </Col>
        <Col sm={4}>
          <Form.Group controlId="segment-replied">
            <Form.Label>Replied to us</Form.Label>
            <Form.Select {...register('segment.replied')}>
              <option value="any">Any</option>
              <option value="yes">Has written to us</option>
              <option value="no">Has not written to us</option>
            </Form.Select>
          </Form.Group>
        </Col>
      </Row>
      <Row className="g-2 mb-3">
        <Col sm={4}>
          <Form.Group controlId="segment-replied-days">
            <Form.Label>…in the last (days)</Form.Label>
            <Form.Control inputMode="numeric" placeholder="ever" isInvalid={!!errors?.repliedDays} {...register('segment.repliedDays')} />
            <Form.Control.Feedback type="invalid">{errors?.repliedDays?.message}</Form.Control.Feedback>
          </Form.Group>
        </Col>
        <Col sm={4}>
          <Form.Group controlId="segment-appointment">
            <Form.Label>Upcoming appointment</Form.Label>
            <Form.Select {...register('segment.appointment')}>
              <option value="any">Any</option>
              <option value="upcoming">Has an upcoming appointment</option>
              <option value="none">No upcoming appointment</option>
            </Form.Select>
          </Form.Group>
        </Col>
        <Col sm={4}>
          <Form.Group controlId="segment-frequency-cap">
            <Form.Label>Skip leads messaged by any campaign in the last (hours)</Form.Label>
            <Form.Control inputMode="numeric" placeholder="no cap" isInvalid={!!errors?.frequencyCapHours} {...register('segment.frequencyCapHours')} />
            <Form.Control.Feedback type="invalid">{errors?.frequencyCapHours?.message}</Form.Control.Feedback>
          </Form.Group>
        </Col>
      </Row>
      <CheckboxGroup
        control={control}
        name="segment.appointmentStatuses"
        legend="Has an appointment that is"
        inline
        options={APPOINTMENT_STATUSES.map((s) => ({ value: s, label: APPOINTMENT_STATUS_LABELS[s] }))}
      />
    </>
  );
}
