'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import { useForm } from 'react-hook-form';
import { OUTBOUND_EVENT_TYPES } from '@/db/schema/outbound-webhooks';
import type { ActionResult } from '@/lib/http/action-result';
import { EVENT_DESCRIPTIONS, webhookEndpointFormSchema, type WebhookEndpointFormValues } from '@/lib/outbound-webhooks/schema';

type Props = { action: (input: unknown) => Promise<ActionResult<{ id: string; secret: string }>> };

/** Adds an endpoint, then shows its signing secret once (it is stored encrypted and never shown again). */
export function WebhookEndpointForm({ action }: Props) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const { register, handleSubmit, setError, reset, formState } = useForm<WebhookEndpointFormValues>({
    resolver: zodResolver(webhookEndpointFormSchema),
    defaultValues: { url: '', description: '', events: ['lead.created'] },
  });
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await action(values);
    if (result.ok) {
      setCreated(result.data);
      reset();
      router.refresh();
      return;
    }
    for (const [field, message] of Object.entries(result.fields ?? {})) setError(field as keyof WebhookEndpointFormValues, { message });
    setFormError(result.message);
  });

  if (created) {
    return (
      <Alert variant="success" data-testid="webhook-secret-once">
        <Alert.Heading as="h3" className="h6">Endpoint added: copy its signing secret now</Alert.Heading>
        <p className="mb-2">This is the only time it is shown. Use it to verify the WhatsLab-Signature header (docs/webhooks.md).</p>
        <code className="d-block p-2 bg-white border rounded text-break user-select-all" data-testid="webhook-secret">{created.secret}</code>
        <Button className="mt-3" size="sm" variant="outline-success" onClick={() => setCreated(null)}>
          I have copied it
        </Button>
      </Alert>
    );
  }

  return (
    <Form noValidate onSubmit={onSubmit}>
      {formError && <Alert variant="danger">{formError}</Alert>}
      <Form.Group className="mb-3" controlId="webhook-url">
        <Form.Label>Endpoint URL</Form.Label>
        <Form.Control type="url" placeholder="https://example.com/whatslab-events" autoComplete="off" spellCheck={false} isInvalid={!!errors.url} {...register('url')} />
        <Form.Control.Feedback type="invalid">{errors.url?.message}</Form.Control.Feedback>
      </Form.Group>
      <Form.Group className="mb-3" controlId="webhook-description">
        <Form.Label>Description (optional)</Form.Label>
        <Form.Control autoComplete="off" isInvalid={!!errors.description} {...register('description')} />
        <Form.Control.Feedback type="invalid">{errors.description?.message}</Form.Control.Feedback>
      </Form.Group>
      <fieldset className="mb-3">
        <legend className="form-label fs-6">Events</legend>
        {OUTBOUND_EVENT_TYPES.map((type) => (
          <Form.Check key={type} id={`webhook-event-${type}`} type="checkbox" value={type} {...register('events')} label={<><code>{type}</code> <span className="text-muted small">{EVENT_DESCRIPTIONS[type]}</span></>} />
        ))}
        {errors.events && <div className="invalid-feedback d-block">{errors.events.message}</div>}
      </fieldset>
      <Button type="submit" variant="success" disabled={isSubmitting}>
        {isSubmitting ? 'Adding…' : 'Add endpoint'}
      </Button>
    </Form>
  );
}
