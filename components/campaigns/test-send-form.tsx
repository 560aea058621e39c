'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import InputGroup from 'react-bootstrap/InputGroup';
import { useForm } from 'react-hook-form';
import { testSendSchema, type TestSendInput } from '@/lib/campaigns/schema';
import type { ActionResult } from '@/lib/http/action-result';

type Props = { campaignId: string; send: (input: TestSendInput) => Promise<ActionResult<string>> };

/** Sends the campaign's message to one number (yours), as a lead would get it. */
export function TestSendForm({ campaignId, send }: Props) {
  const router = useRouter();
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const { register, handleSubmit, setError, formState } = useForm<TestSendInput>({
    resolver: zodResolver(testSendSchema),
    defaultValues: { campaignId, phone: '' },
  });
  const onSubmit = handleSubmit(async (values) => {
    setResult(null);
    const r = await send(values);
    if (!r.ok) {
      if (r.fields?.phone) setError('phone', { message: r.fields.phone });
      setResult({ ok: false, text: r.message });
      return;
    }
    setResult({ ok: true, text: r.data });
    router.refresh();
  });
  const { errors, isSubmitting } = formState;
  return (
    <Form noValidate onSubmit={onSubmit} aria-label="Test send">
      <Form.Label htmlFor="test-phone">Send a test to</Form.Label>
      <InputGroup hasValidation>
        <Form.Control id="test-phone" type="tel" placeholder="+55 11 98765-4321" isInvalid={!!errors.phone} {...register('phone')} />
        <Button type="submit" variant="outline-success" disabled={isSubmitting}>{isSubmitting ? 'Queuing…' : 'Send test'}</Button>
        <Form.Control.Feedback type="invalid">{errors.phone?.message}</Form.Control.Feedback>
      </InputGroup>
      <Form.Text>Rendered with that lead’s data. A number with no lead yet becomes a lead tagged “test-recipient”.</Form.Text>
      {result && !errors.phone && (
        <Alert variant={result.ok ? 'success' : 'danger'} className="mt-2 mb-0 py-2" role="status">{result.text}</Alert>
      )}
    </Form>
  );
}
