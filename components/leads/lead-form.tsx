'use client';

import { faPlus, faTrash } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import { zodResolver } from '@hookform/resolvers/zod';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { Controller, useFieldArray, useForm, useWatch, type FieldPath } from 'react-hook-form';
import { LIFECYCLE_STATUSES } from '@/db/schema/leads';
import { leadFormSchema, MAX_ATTRIBUTES, MAX_TAGS, type LeadFormInput, type LeadFormValues, type SaveLeadResult } from '@/lib/leads/schema';
import { TagsEditor } from './tags-editor';

type Props = {
  defaultValues: LeadFormValues;
  defaultCountry: string;
  submitLabel: string;
  cancelHref: string;
  action: (values: LeadFormValues) => Promise<SaveLeadResult>;
  /** New lead form: the active campaigns that list the Manual source (a checkbox sends them). */
  manualCampaignNames?: string[];
};

export function LeadForm({ defaultValues, defaultCountry, submitLabel, cancelHref, action, manualCampaignNames }: Props) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [duplicateLeadId, setDuplicateLeadId] = useState<string | null>(null);
  const { register, control, handleSubmit, setError, formState } = useForm<LeadFormInput, unknown, LeadFormValues>({
    resolver: zodResolver(leadFormSchema),
    defaultValues,
  });
  const attributes = useFieldArray({ control, name: 'attributes' });
  const { errors, isSubmitting } = formState;
  const hasConsent = useWatch({ control, name: 'hasConsent' });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setDuplicateLeadId(null);
    const result = await action(values);
    if (result.ok) {
      router.push(`/leads/${result.data.id}`);
      router.refresh();
      return;
    }
    for (const [field, message] of Object.entries(result.fields ?? {})) {
      setError(field as FieldPath<LeadFormInput>, { message });
    }
    setDuplicateLeadId(result.duplicateLeadId ?? null);
    if (!result.fields || Object.keys(result.fields).length === 0) setFormError(result.message);
  });

  return (
    <Form noValidate onSubmit={onSubmit} className="bg-white rounded shadow-sm p-4" aria-label="Lead">
      {formError && <Alert variant="danger">{formError}</Alert>}
      {Object.keys(errors).length > 0 && !formError && (
        <Alert variant="danger" className="py-2">Please check the highlighted fields.</Alert>
      )}
      <Row className="g-3">
        <Col md={6}>
          <Form.Group controlId="lead-name">
            <Form.Label>Name</Form.Label>
            <Form.Control autoComplete="off" isInvalid={!!errors.name} {...register('name')} />
            <Form.Control.Feedback type="invalid">{errors.name?.message}</Form.Control.Feedback>
          </Form.Group>
        </Col>
        <Col md={6}>
          <Form.Group controlId="lead-phone">
            <Form.Label>WhatsApp number</Form.Label>
            <Form.Control type="tel" autoComplete="off" isInvalid={!!errors.phone} aria-describedby="lead-phone-help" {...register('phone')} />
            <Form.Control.Feedback type="invalid">
              {errors.phone?.message}
              {duplicateLeadId && (
                <>
                  {' '}
                  <Link href={`/leads/${duplicateLeadId}`}>Open that lead</Link>
                </>
              )}
            </Form.Control.Feedback>
            <Form.Text id="lead-phone-help" muted>
              Any format. A number without a country code is read as {defaultCountry}.
            </Form.Text>
          </Form.Group>
        </Col>
        <Col md={6}>
          <Form.Group controlId="lead-email">
            <Form.Label>E-mail</Form.Label>
            <Form.Control type="email" autoComplete="off" isInvalid={!!errors.email} {...register('email')} />
            <Form.Control.Feedback type="invalid">{errors.email?.message}</Form.Control.Feedback>
          </Form.Group>
        </Col>
        <Col md={6}>
          <Form.Group controlId="lead-status">
            <Form.Label>Lifecycle status</Form.Label>
            <Form.Select isInvalid={!!errors.lifecycleStatus} {...register('lifecycleStatus')}>
              {LIFECYCLE_STATUSES.map((s) => (
                <option key={s} value={s}>{s[0].toUpperCase() + s.slice(1)}</option>
              ))}
            </Form.Select>
            <Form.Control.Feedback type="invalid">{errors.lifecycleStatus?.message}</Form.Control.Feedback>
          </Form.Group>
        </Col>

        <Col xs={12}>
          <Form.Label htmlFor="lead-tags">Tags</Form.Label>
          <Controller
            control={control}
            name="tags"
            render={({ field }) => (
              <TagsEditor
                id="lead-tags"
                value={field.value}
                onChange={field.onChange}
                max={MAX_TAGS}
                error={errors.tags?.message ?? (Array.isArray(errors.tags) ? errors.tags.find(Boolean)?.message : undefined)}
              />
            )}
          />
        </Col>

        <Col xs={12}>
          <fieldset>
            <legend className="form-label fs-6 mb-2">Custom attributes</legend>
            {attributes.fields.length === 0 && <p className="small text-muted mb-2">None yet: add things like city, plan or budget.</p>}
            {attributes.fields.map((f, i) => (
              <Row key={f.id} className="g-2 mb-2 align-items-start">
                <Col xs={5}>
                  <Form.Control size="sm" placeholder="Name" aria-label={`Attribute ${i + 1} name`} isInvalid={!!errors.attributes?.[i]?.key} {...register(`attributes.${i}.key`)} />
                  <Form.Control.Feedback type="invalid">{errors.attributes?.[i]?.key?.message}</Form.Control.Feedback>
                </Col>
                <Col xs={6}>
                  <Form.Control size="sm" placeholder="Value" aria-label={`Attribute ${i + 1} value`} isInvalid={!!errors.attributes?.[i]?.value} {...register(`attributes.${i}.value`)} />
                  <Form.Control.Feedback type="invalid">{errors.attributes?.[i]?.value?.message}</Form.Control.Feedback>
                </Col>
                <Col xs={1}>
                  <Button variant="outline-danger" size="sm" aria-label={`Remove attribute ${i + 1}`} onClick={() => attributes.remove(i)}>
                    <FontAwesomeIcon icon={faTrash} aria-hidden />
                  </Button>
                </Col>
              </Row>
            ))}
            <Button variant="outline-secondary" size="sm" onClick={() => attributes.append({ key: '', value: '' })} disabled={attributes.fields.length >= MAX_ATTRIBUTES}>
              <FontAwesomeIcon icon={faPlus} className="me-1" aria-hidden />
              Add attribute
            </Button>
            {errors.attributes?.message && <div className="small text-danger mt-1">{errors.attributes.message}</div>}
          </fieldset>
        </Col>

        <Col md={6}>
          <fieldset>
            <legend className="form-label fs-6 mb-2">Consent</legend>
            <Form.Check id="lead-consent" label="This person agreed to receive WhatsApp messages" {...register('hasConsent')} />
            {hasConsent && (
              <Form.Group controlId="lead-consent-text" className="mt-2">
                <Form.Label className="small">How they agreed (optional)</Form.Label>
                <Form.Control as="textarea" rows={2} size="sm" isInvalid={!!errors.consentText} {...register('consentText')} />
                <Form.Control.Feedback type="invalid">{errors.consentText?.message}</Form.Control.Feedback>
              </Form.Group>
            )}
            {manualCampaignNames && manualCampaignNames.length > 0 && (
              <Form.Group className="mt-2">
                <Form.Check
                  id="lead-trigger-campaigns"
                  disabled={!hasConsent}
                  label={`Send the automated ${manualCampaignNames.length === 1 ? 'campaign' : 'campaigns'} for manual leads: ${manualCampaignNames.join(', ')}`}
                  aria-describedby="lead-trigger-campaigns-help"
                  {...register('triggerCampaigns')}
                />
                <Form.Text id="lead-trigger-campaigns-help" muted>
                  {hasConsent ? 'Queued when you create the lead.' : 'Only with their consent: tick the box above first.'}
                </Form.Text>
              </Form.Group>
            )}
          </fieldset>
        </Col>
        <Col md={6}>
          <fieldset>
            <legend className="form-label fs-6 mb-2">Opt-out</legend>
            <Form.Check type="switch" id="lead-opted-out" label="Opted out: never message this lead" {...register('optedOut')} />
          </fieldset>
        </Col>
      </Row>
      <div className="d-flex gap-2 mt-4">
        <Button type="submit" variant="success" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : submitLabel}
        </Button>
        <Link href={cancelHref} className="btn btn-outline-secondary">Cancel</Link>
      </div>
    </Form>
  );
}
