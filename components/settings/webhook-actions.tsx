'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import Button from 'react-bootstrap/Button';
import type { ActionResult } from '@/lib/http/action-result';

type Action = (input: unknown) => Promise<ActionResult<undefined>>;

function useRun() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, start] = useTransition();
  const run = (action: Action, input: unknown, after?: () => void) =>
    start(async () => {
      setError(null);
      const result = await action(input);
      if (!result.ok) return setError(result.message);
      if (after) after();
      else router.refresh();
    });
  return { error, isPending, run, router };
}

/** Enable / disable / delete one endpoint. */
export function WebhookEndpointActions({ id, isEnabled, setEnabled, remove }: { id: string; isEnabled: boolean; setEnabled: Action; remove: Action }) {
  const { error, isPending, run, router } = useRun();
  return (
    <div className="d-flex flex-wrap gap-2 align-items-center">
      <Button size="sm" variant={isEnabled ? 'outline-secondary' : 'outline-success'} disabled={isPending} onClick={() => run(setEnabled, { id, enabled: !isEnabled })}>
        {isEnabled ? 'Disable' : 'Enable'}
      </Button>
      <Button
        size="sm"
        variant="outline-danger"
        disabled={isPending}
        onClick={() => {
          if (window.confirm('Delete this endpoint and its delivery log?')) run(remove, { id }, () => router.push('/settings/webhooks'));
        }}
      >
        Delete
      </Button>
      {error && <span role="alert" className="text-danger small">{error}</span>}
    </div>
  );
}

/** Queues one delivery again (same event id). */
export function ResendDeliveryButton({ id, resend }: { id: string; resend: Action }) {
  const { error, isPending, run } = useRun();
  return (
    <>
      <Button size="sm" variant="outline-primary" disabled={isPending} onClick={() => run(resend, { id })}>
        Resend
      </Button>
      {error && <div role="alert" className="text-danger small">{error}</div>}
    </>
  );
}
