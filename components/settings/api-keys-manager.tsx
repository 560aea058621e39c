'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import Alert from 'react-bootstrap/Alert';
import Badge from 'react-bootstrap/Badge';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import Form from 'react-bootstrap/Form';
import Table from 'react-bootstrap/Table';
import { useForm } from 'react-hook-form';
import { createApiKeySchema, type CreateApiKeyInput } from '@/lib/api-keys/schema';
import type { ActionResult } from '@/lib/http/action-result';

type KeyRow = {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdBy: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

type Props = {
  keys: KeyRow[];
  actions: {
    create: (input: unknown) => Promise<ActionResult<{ key: string; name: string }>>;
    revoke: (input: unknown) => Promise<ActionResult<undefined>>;
  };
};

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '—');

function status(k: KeyRow): { label: string; bg: string } {
  if (k.revokedAt) return { label: 'Revoked', bg: 'secondary' };
  if (k.expiresAt && Date.parse(k.expiresAt) <= Date.now()) return { label: 'Expired', bg: 'warning' };
  return { label: 'Active', bg: 'success' };
}

export function ApiKeysManager({ keys, actions }: Props) {
  const router = useRouter();
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [, startTransition] = useTransition();
  const { register, handleSubmit, setError, reset, formState } = useForm<CreateApiKeyInput>({
    resolver: zodResolver(createApiKeySchema),
    defaultValues: { name: '', scopes: ['read'], expiresOn: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    setCreated(null);
    const result = await actions.create(values);
    if (!result.ok) {
      for (const [field, message] of Object.entries(result.fields ?? {})) setError(field as keyof CreateApiKeyInput, { message });
      setFormError(result.message);
      return;
    }
    setCreated(result.data);
    reset();
    startTransition(() => router.refresh());
  });

  async function revoke(k: KeyRow) {
    if (!window.confirm(`Revoke "${k.name}"? Systems using it stop working at once.`)) return;
    const result = await actions.revoke({ id: k.id });
    if (!result.ok) setFormError(result.message);
    startTransition(() => router.refresh());
  }

  const { errors, isSubmitting } = formState;
  return (
    <>
      {created && (
        <Alert variant="success" data-testid="new-api-key">
          <Alert.Heading as="h2" className="h6">Key “{created.name}” created</Alert.Heading>
          <p className="mb-2">Copy it now: it is shown only this once and cannot be read again.</p>
          <div className="d-flex gap-2 align-items-center">
            <code className="fs-6 user-select-all" aria-label="New API key">{created.key}</code>
            <Button size="sm" variant="outline-secondary" onClick={() => navigator.clipboard?.writeText(created.key)}>Copy</Button>
          </div>
        </Alert>
      )}
      <Card className="shadow-sm border-0 mb-4" style={{ maxWidth: 720 }}>
        <Card.Header as="h2" className="h6 bg-white">New key</Card.Header>
        <Card.Body>
          <Form noValidate onSubmit={onSubmit}>
            {formError && <Alert variant="danger">{formError}</Alert>}
            <Form.Group className="mb-3" controlId="api-key-name">
              <Form.Label>Name</Form.Label>
              <Form.Control placeholder="e.g. Website form, Zapier" isInvalid={!!errors.name} {...register('name')} />
              <Form.Control.Feedback type="invalid">{errors.name?.message}</Form.Control.Feedback>
            </Form.Group>
            <fieldset className="mb-3">
              <legend className="form-label fs-6">Scopes</legend>
              <Form.Check inline id="scope-read" type="checkbox" value="read" label="read (queries)" {...register('scopes')} />
              <Form.Check inline id="scope-write" type="checkbox" value="write" label="write (mutations)" {...register('scopes')} />
              {errors.scopes && <div className="invalid-feedback d-block">{errors.scopes.message}</div>}
            </fieldset>
            <Form.Group className="mb-3" controlId="api-key-expires">
              <Form.Label>Expires on (optional)</Form.Label>
              <Form.Control type="date" isInvalid={!!errors.expiresOn} {...register('expiresOn')} style={{ maxWidth: 220 }} />
              <Form.Control.Feedback type="invalid">{errors.expiresOn?.message}</Form.Control.Feedback>
            </Form.Group>
            <Button type="submit" disabled={isSubmitting}>{isSubmitting ? 'Creating…' : 'Create key'}</Button>
          </Form>
        </Card.Body>
      </Card>
      {keys.length === 0 ? (
        <p className="text-muted">No keys yet.</p>
      ) : (
        <Table responsive hover className="bg-white shadow-sm" aria-label="API keys">
          <thead>
            <tr>
              <th>Name</th><th>Key</th><th>Scopes</th><th>Created</th><th>Last used</th><th>Expires</th><th>Status</th><th />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => {
              const st = status(k);
              return (
                <tr key={k.id}>
                  <td>{k.name}<div className="small text-muted">{k.createdBy ? `by ${k.createdBy}` : ''}</div></td>
                  <td><code>{k.prefix}…</code></td>
                  <td>{k.scopes.join(', ')}</td>
                  <td>{day(k.createdAt)}</td>
                  <td>{day(k.lastUsedAt)}</td>
                  <td>{day(k.expiresAt)}</td>
                  <td><Badge bg={st.bg}>{st.label}</Badge></td>
                  <td className="text-end">
                    {!k.revokedAt && (
                      <Button size="sm" variant="outline-danger" onClick={() => revoke(k)} aria-label={`Revoke ${k.name}`}>Revoke</Button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </Table>
      )}
    </>
  );
}
