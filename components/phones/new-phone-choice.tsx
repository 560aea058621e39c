'use client';

import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import type { ActionResult } from '@/lib/http/action-result';

type Props = {
  /** The Cloud API form. */
  children: ReactNode;
  /** Present when this installation runs the built-in sandbox (development). */
  addSandbox: ((input: unknown) => Promise<ActionResult<{ id: string }>>) | null;
};

/** "Add phone": a Cloud API number, or (in development) the built-in sandbox. */
export function NewPhoneChoice({ children, addSandbox }: Props) {
  const router = useRouter();
  const [kind, setKind] = useState<'cloud_api' | 'sandbox'>('cloud_api');
  const [label, setLabel] = useState('Sandbox');
  const [error, setError] = useState<{ message: string; field?: string } | null>(null);
  const [isSaving, setSaving] = useState(false);
  if (!addSandbox) return <>{children}</>;

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    const result = await addSandbox({ label });
    setSaving(false);
    if (result.ok) {
      router.push('/phones');
      router.refresh();
      return;
    }
    setError({ message: result.message, field: result.fields?.label });
  };

  return (
    <>
      <fieldset className="mb-3" style={{ maxWidth: 760 }}>
        <legend className="form-label fs-6 mb-1">What to connect</legend>
        <Form.Check type="radio" id="phone-kind-cloud" name="phone-kind" label="A number registered with the WhatsApp Cloud API" checked={kind === 'cloud_api'} onChange={() => setKind('cloud_api')} />
        <Form.Check
          type="radio"
          id="phone-kind-sandbox"
          name="phone-kind"
          label="The built-in sandbox (development: simulated sends, deliveries and replies, nothing leaves this server)"
          checked={kind === 'sandbox'}
          onChange={() => setKind('sandbox')}
        />
      </fieldset>
      {kind === 'cloud_api' ? (
        children
      ) : (
        <Form noValidate onSubmit={submit} className="bg-white rounded shadow-sm p-3 p-md-4" style={{ maxWidth: 760 }} data-testid="sandbox-phone-form">
          {error && <Alert variant="danger">{error.message}</Alert>}
          <Form.Group className="mb-3" controlId="sandbox-label">
            <Form.Label>Label</Form.Label>
            <Form.Control value={label} onChange={(e) => setLabel(e.currentTarget.value)} isInvalid={!!error?.field} maxLength={80} />
            <Form.Control.Feedback type="invalid">{error?.field}</Form.Control.Feedback>
            <Form.Text>The sandbox is checked like a real number before it is added.</Form.Text>
          </Form.Group>
          <div className="d-flex gap-2">
            <Button type="submit" variant="success" disabled={isSaving}>
              {isSaving ? 'Checking…' : 'Add the sandbox'}
            </Button>
            <Button variant="outline-secondary" onClick={() => router.push('/phones')}>
              Cancel
            </Button>
          </div>
        </Form>
      )}
    </>
  );
}
