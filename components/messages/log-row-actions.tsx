'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import Button from 'react-bootstrap/Button';
import type { MessageStatus } from '@/db/schema';
import type { ActionResult } from '@/lib/http/action-result';

export type LogRowActionHandlers = {
  retry: (input: { messageId: string }) => Promise<ActionResult>;
  cancel: (input: { messageId: string }) => Promise<ActionResult>;
};

/** Retry (failed/unknown) or cancel (queued) one message; an unknown one asks first: it may have arrived. */
export function LogRowActions({ messageId, status, actions }: { messageId: string; status: MessageStatus; actions: LogRowActionHandlers }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = (op: 'retry' | 'cancel') =>
    startTransition(async () => {
      setConfirming(false);
      const r = await actions[op]({ messageId });
      setError(r.ok ? null : r.message);
      router.refresh();
    });

  if (status === 'queued') {
    return (
      <Button size="sm" variant="outline-secondary" disabled={pending} onClick={() => run('cancel')}>Cancel</Button>
    );
  }
  if (status !== 'failed' && status !== 'unknown') return null;
  return (
    <div>
      {status === 'unknown' && confirming ? (
        <div className="small">
          <div className="mb-1">It may already have reached the lead. Send again?</div>
          <Button size="sm" variant="warning" disabled={pending} onClick={() => run('retry')} className="me-1">Yes, resend</Button>
          <Button size="sm" variant="outline-secondary" onClick={() => setConfirming(false)}>No</Button>
        </div>
      ) : (
        <Button size="sm" variant="outline-primary" disabled={pending} onClick={() => (status === 'unknown' ? setConfirming(true) : run('retry'))}>
          Retry
        </Button>
      )}
      {error && <div className="small text-danger mt-1">{error}</div>}
    </div>
  );
}
