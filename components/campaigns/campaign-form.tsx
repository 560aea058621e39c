'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { useForm, useWatch } from 'react-hook-form';
import { LEAD_SOURCES } from '@/db/schema';
import { campaignFormSchema, type CampaignFormValues } from '@/lib/campaigns/schema';
import type { ActionResult } from '@/lib/http/action-result';
import { CheckboxGroup } from './checkbox-group';
import { SegmentFields } from './segment-fields';
import { SendWindowFields } from './send-window-fields';

export type CampaignFormOptions = {
  templates: { id: string; name: string; kind: 'session_text' | 'whatsapp_template' }[];
  senders: { id: string; label: string; provider: 'cloud_api' | 'sandbox'; status: string }[];
  landingPages: { id: string; title: string }[];
  tags: { tag: string; count: number }[];
};

type Props = {
  initial: CampaignFormValues;
  options: CampaignFormOptions;
  timeZone: string;
  isKindLocked: boolean;
  submitLabel: string;
  cancelHref: string;
  save: (values: CampaignFormValues) => Promise<ActionResult<{ id: string }>>;
};

const SOURCE_LABELS: Record<string, string> = { landing_page: 'Landing page', import: 'Import', api: 'API', whatsapp: 'WhatsApp', manual: 'Manual' };

export function CampaignForm({ initial, options, timeZone, isKindLocked, submitLabel, cancelHref, save }: Props) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CampaignFormValues>({ resolver: zodResolver(campaignFormSchema), defaultValues: initial });
  const { register, handleSubmit, setError, formState, control } = form;
  const { errors, isSubmitting } = formState;
  const kind = useWatch({ control, name: 'kind' });
  const delayMode = useWatch({ control, name: 'delayMode' });
  const triggerKind = useWatch({ control, name: 'triggerKind' });
  const scheduleMode = useWatch({ control, name: 'scheduleMode' });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await save(values);
    if (result.ok) {
      router.push(`/campaigns/${result.data.id}`);
      router.refresh();
      return;
    }
    for (const [field, message] of Object.entries(result.fields ?? {})) setError(field as keyof CampaignFormValues, { message });
    setFormError(result.message);
  });

  return (
    <Form noValidate onSubmit={onSubmit} aria-label="Campaign">
      {formError && <Alert variant="danger">{formError}</Alert>}
      <Card className="shadow-sm border-0 mb-3">
        <Card.Body>
          <Form.Group className="mb-3" controlId="campaign-name">
            <Form.Label>Name</Form.Label>
            <Form.Control isInvalid={!!errors.name} {...register('name')} />
            <Form.Control.Feedback type="invalid">{errors.name?.message}</Form.Control.Feedback>
          </Form.Group>
          <fieldset className="mb-3" disabled={isKindLocked}>
            <legend className="form-label fs-6 mb-1">Kind</legend>
            <Form.Check inline type="radio" id="kind-automated" value="automated" label="Automated: message new leads as they arrive" {...register('kind')} />
            <Form.Check inline type="radio" id="kind-broadcast" value="broadcast" label="Broadcast: message a segment once" {...register('kind')} />
          </fieldset>
          <Form.Group className="mb-3" controlId="campaign-template">
            <Form.Label>Template</Form.Label>
            <Form.Select isInvalid={!!errors.templateId} {...register('templateId')}>
              <option value="">Choose a template…</option>
              {options.templates.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} ({t.kind === 'whatsapp_template' ? 'approved WhatsApp template' : 'session text: needs the lead’s 24 h window'})
                </option>
              ))}
            </Form.Select>
            <Form.Control.Feedback type="invalid">{errors.templateId?.message}</Form.Control.Feedback>
          </Form.Group>
          <CheckboxGroup
            control={control}
            name="senderPhoneIds"
            legend="Sender phone (choose several for a pool: each lead always gets the same one)"
            options={options.senders.map((s) => ({ value: s.id, label: s.label, hint: s.status === 'active' ? s.provider.replace('_', ' ') : s.status }))}
            error={errors.senderPhoneIds?.message ?? errors.senderPhoneIds?.root?.message}
          />
        </Card.Body>
      </Card>

      {kind === 'automated' ? (
        <Card className="shadow-sm border-0 mb-3">
          <Card.Header as="h2" className="h6 bg-white">Which new leads</Card.Header>
          <Card.Body>
            <Form.Group className="mb-3" controlId="campaign-trigger-kind">
              <Form.Label>Triggered by</Form.Label>
              <Form.Select {...register('triggerKind')}>
                <option value="capture">A new lead</option>
                <option value="booked">An appointment booked (created or confirmed)</option>
                <option value="reminder">A reminder before an appointment</option>
                <option value="no_show">An appointment marked no-show</option>
              </Form.Select>
            </Form.Group>
            {triggerKind === 'reminder' && (
              <Form.Group className="mb-3" controlId="campaign-reminder-hours">
                <Form.Label>Hours before the appointment</Form.Label>
                <Form.Control type="number" min={1} max={168} isInvalid={!!errors.reminderHours} {...register('reminderHours', { valueAsNumber: true })} />
                <Form.Text>Never sent after the appointment starts; moving the appointment moves the reminder.</Form.Text>
                <Form.Control.Feedback type="invalid">{errors.reminderHours?.message}</Form.Control.Feedback>
              </Form.Group>
            )}
            <p className="small text-muted">
              A new lead gets the message when it matches every list you fill in; empty lists match anything, except that leads added by hand
              (Manual, with consent) and people who write to you first (WhatsApp) get it only when their source is ticked, and an import only
              when it asks for campaigns.
            </p>
            <CheckboxGroup control={control} name="triggerSources" legend="From sources" inline options={LEAD_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] }))} />
            <CheckboxGroup
              control={control}
              name="triggerLandingPageIds"
              legend="Through landing pages"
              options={options.landingPages.map((p) => ({ value: p.id, label: p.title }))}
              error={errors.triggerLandingPageIds?.message}
            />
            <Form.Group className="mb-3" controlId="campaign-trigger-tags">
              <Form.Label>Tagged with any of</Form.Label>
              <Form.Control placeholder="e.g. vip, spring-sale" isInvalid={!!errors.triggerTags} {...register('triggerTags')} />
              <Form.Text>Separate tags with commas.</Form.Text>
              <Form.Control.Feedback type="invalid">{errors.triggerTags?.message}</Form.Control.Feedback>
            </Form.Group>
            <Form.Check className="mb-3" type="switch" id="campaign-on-import" label="Also leads created by a CSV import that asks for campaigns" {...register('onImport')} />
            <fieldset>
              <legend className="form-label fs-6 mb-1">When</legend>
              <Form.Check type="radio" id="delay-now" value="now" label="Right away" {...register('delayMode')} />
              <Form.Check type="radio" id="delay-minutes" value="minutes" label="After a delay" {...register('delayMode')} />
              {delayMode === 'minutes' && (
                <Form.Group as={Row} className="mt-2 g-2 align-items-center" controlId="campaign-delay-minutes">
                  <Col xs="auto">
                    <Form.Control type="number" min={1} style={{ width: 120 }} isInvalid={!!errors.delayMinutes} {...register('delayMinutes', { valueAsNumber: true })} />
                  </Col>
                  <Col xs="auto">
                    <Form.Label className="mb-0">minutes after the lead arrives</Form.Label>
                  </Col>
                  {errors.delayMinutes && <div className="invalid-feedback d-block">{errors.delayMinutes.message}</div>}
                </Form.Group>
              )}
            </fieldset>
          </Card.Body>
        </Card>
      ) : (
        <Card className="shadow-sm border-0 mb-3">
          <Card.Header as="h2" className="h6 bg-white">Audience and time</Card.Header>
          <Card.Body>
            <SegmentFields form={form} tags={options.tags} />
            <fieldset>
              <legend className="form-label fs-6 mb-1">When</legend>
              <Form.Check type="radio" id="schedule-now" value="now" label="When I start it" {...register('scheduleMode')} />
              <Form.Check type="radio" id="schedule-later" value="later" label={`At a set time (${timeZone})`} {...register('scheduleMode')} />
              {scheduleMode === 'later' && (
                <Form.Group className="mt-2" controlId="campaign-scheduled-at" style={{ maxWidth: 280 }}>
                  <Form.Label visuallyHidden>Send at</Form.Label>
                  <Form.Control type="datetime-local" isInvalid={!!errors.scheduledAt} {...register('scheduledAt')} />
                  <Form.Control.Feedback type="invalid">{errors.scheduledAt?.message}</Form.Control.Feedback>
                  <Form.Text>The audience is taken when you start it; messages wait until this time.</Form.Text>
                </Form.Group>
              )}
            </fieldset>
          </Card.Body>
        </Card>
      )}

      <Card className="shadow-sm border-0 mb-3">
        <Card.Header as="h2" className="h6 bg-white">Send window</Card.Header>
        <Card.Body>
          <SendWindowFields form={form} timeZone={timeZone} />
        </Card.Body>
      </Card>

      <div className="d-flex gap-2">
        <Button type="submit" variant="success" disabled={isSubmitting}>{isSubmitting ? 'Saving…' : submitLabel}</Button>
        <Link href={cancelHref} className="btn btn-outline-secondary">Cancel</Link>
      </div>
    </Form>
  );
}
