'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Col from 'react-bootstrap/Col';
import Form from 'react-bootstrap/Form';
import Row from 'react-bootstrap/Row';
import { useForm, type Resolver } from 'react-hook-form';
import type { ActionResult } from '@/lib/http/action-result';
import { createSenderPhoneSchema, updateSenderPhoneSchema, type UpdateSenderPhoneInput } from '@/lib/phones/schema';

type Values = Omit<UpdateSenderPhoneInput, 'id' | 'rateLimitPerSecond'> & { id?: string; rateLimitPerSecond: string | number };

type Props = {
  /** Absent for a new phone. The stored token and app secret are never given to this form. */
  initial: Omit<Values, 'accessToken' | 'appSecret'>;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
};

/** Secrets are write-only: a stored one shows as "set" with a Replace button, never as text. */
function SecretField({ name, label, help, isSet, form }: {
  name: 'accessToken' | 'appSecret';
  label: string;
  help: string;
  isSet: boolean;
  form: ReturnType<typeof useForm<Values>>;
}) {
  const [isReplacing, setReplacing] = useState(!isSet);
  const error = form.formState.errors[name]?.message;
  return (
    <Form.Group className="mb-3" controlId={`phone-${name}`}>
      <Form.Label>{label}</Form.Label>
      {isReplacing ? (
        <>
          <Form.Control type="password" autoComplete="off" spellCheck={false} isInvalid={!!error} {...form.register(name)} />
          <Form.Control.Feedback type="invalid">{error}</Form.Control.Feedback>
          <Form.Text>{isSet ? 'Leave empty to keep the stored value. ' : ''}{help}</Form.Text>
        </>
      ) : (
        <div className="d-flex align-items-center gap-2" data-testid={`${name}-set`}>
          <span className="badge text-bg-light border">Set · stored encrypted</span>
          <Button size="sm" variant="outline-secondary" onClick={() => setReplacing(true)}>
            Replace
          </Button>
        </div>
      )}
    </Form.Group>
  );
}

export function SenderPhoneForm({ initial, action }: Props) {
  const router = useRouter();
  const isEdit = Boolean(initial.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    // Create needs both secrets; edit accepts empty ones ("keep").
    resolver: zodResolver(isEdit ? updateSenderPhoneSchema : createSenderPhoneSchema) as unknown as Resolver<Values>,
    defaultValues: { ...initial, accessToken: '', appSecret: '' },
  });
  const { register, handleSubmit, setError, formState } = form;
  const { errors, isSubmitting } = formState;

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = await action(values);
    if (result.ok) {
      router.push('/phones');
      router.refresh();
      return;
    }
    for (const [field, message] of Object.entries(result.fields ?? {})) setError(field as keyof Values, { message });
    setFormError(result.message);
  });

  const text = (name: 'label' | 'phoneNumberId' | 'wabaId' | 'webhookVerifyToken', label: string, help?: string) => (
    <Form.Group className="mb-3" controlId={`phone-${name}`}>
      <Form.Label>{label}</Form.Label>
      <Form.Control autoComplete="off" spellCheck={false} isInvalid={!!errors[name]} {...register(name)} />
      <Form.Control.Feedback type="invalid">{errors[name]?.message}</Form.Control.Feedback>
      {help && <Form.Text>{help}</Form.Text>}
    </Form.Group>
  );

  return (
    <Form noValidate onSubmit={onSubmit} className="bg-white rounded shadow-sm p-3 p-md-4" style={{ maxWidth: 760 }}>
      {formError && <Alert variant="danger">{formError}</Alert>}
      {text('label', 'Label', 'How this number is called in WhatsLab, e.g. "Sales (São Paulo)".')}
      <Row>
        <Col md={6}>{text('phoneNumberId', 'Phone number ID', 'WhatsApp → API Setup in Meta’s App Dashboard.')}</Col>
        <Col md={6}>{text('wabaId', 'WhatsApp Business Account ID', 'Owns the templates and the webhook subscription.')}</Col>
      </Row>
      <SecretField form={form} name="accessToken" label="Access token" isSet={isEdit} help="A permanent system user token; dashboard tokens expire within a day." />
      <SecretField form={form} name="appSecret" label="App secret" isSet={isEdit} help="App settings → Basic. Used to check webhook signatures." />
      {text('webhookVerifyToken', 'Webhook verify token', 'Generated for you; paste it into Meta’s webhook settings together with the callback URL.')}
      <Row className="align-items-end">
        <Col md={6}>
          <Form.Group className="mb-3" controlId="phone-rateLimitPerSecond">
            <Form.Label>Messages per second</Form.Label>
            <Form.Control type="number" min={1} max={1000} isInvalid={!!errors.rateLimitPerSecond} {...register('rateLimitPerSecond')} />
            <Form.Control.Feedback type="invalid">{errors.rateLimitPerSecond?.message}</Form.Control.Feedback>
            <Form.Text>Meta allows 80 by default (20 for numbers shared with the WhatsApp Business app).</Form.Text>
          </Form.Group>
        </Col>
        <Col md={6}>
          <Form.Check className="mb-4" type="switch" id="phone-isActive" label="Active (may send messages)" {...register('isActive')} />
        </Col>
      </Row>
      <div className="d-flex gap-2">
        <Button type="submit" variant="success" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : isEdit ? 'Save changes' : 'Add phone'}
        </Button>
        <Button variant="outline-secondary" onClick={() => router.push('/phones')}>
          Cancel
        </Button>
      </div>
    </Form>
  );
}
