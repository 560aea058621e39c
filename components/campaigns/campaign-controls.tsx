'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import type { CampaignStatus } from '@/db/schema';
import type { ActionResult } from '@/lib/http/action-result';

export type CampaignOp = 'start' | 'pause' | 'resume' | 'stop' | 'retry';

type Props = {
  campaignId: string;
  kind: 'automated' | 'broadcast';
  status: CampaignStatus;
  retryableFailed: number;
  /** For a draft broadcast: how many messages the start will queue (from the audience check). */
  willQueue?: number;
  hasTestSend: boolean;
  run: (op: CampaignOp, campaignId: string) => Promise<ActionResult<string>>;
};

// Ops that cannot be undone ask once more, inline (no browser dialog).
const CONFIRM: Partial<Record<CampaignOp, string>> = {
  start: 'Start now?',
  stop: 'Stop for good? Queued messages will not be sent and the campaign cannot be resumed.',
  retry: 'Queue the retryable failed messages again?',
};

export function CampaignControls({ campaignId, kind, status, retryableFailed, willQueue, hasTestSend, run }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState<CampaignOp | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const execute = (op: CampaignOp) => {
    setConfirming(null);
    startTransition(async () => {
      const r = await run(op, campaignId);
      setResult(r.ok ? { ok: true, text: r.data } : { ok: false, text: r.message });
      router.refresh();
    });
  };
  const ask = (op: CampaignOp) => (CONFIRM[op] ? setConfirming(op) : execute(op));

  const startLabel = kind === 'broadcast' ? 'Start broadcast' : 'Activate';
  const needsTest = kind === 'broadcast' && !hasTestSend;
  return (
    <div>
      <div className="d-flex flex-wrap gap-2">
        {status === 'draft' && (
          <Button variant="success" disabled={pending || needsTest} onClick={() => ask('start')} title={needsTest ? 'Send a test message first' : undefined}>
            {startLabel}
          </Button>
        )}
        {status === 'active' && <Button variant="warning" disabled={pending} onClick={() => ask('pause')}>Pause</Button>}
        {status === 'paused' && <Button variant="success" disabled={pending} onClick={() => ask('resume')}>Resume</Button>}
        {(status === 'draft' || status === 'active' || status === 'paused') && (
          <Button variant="outline-danger" disabled={pending} onClick={() => ask('stop')}>Stop</Button>
        )}
        {retryableFailed > 0 && status !== 'stopped' && (
          <Button variant="outline-primary" disabled={pending} onClick={() => ask('retry')}>
            Retry {retryableFailed.toLocaleString('en-GB')} failed (retryable)
          </Button>
        )}
      </div>
      {needsTest && status === 'draft' && <div className="small text-muted mt-2">Send a test message below before starting the broadcast.</div>}
      {confirming && (
        <Alert variant={confirming === 'stop' ? 'danger' : 'info'} className="mt-3 mb-0 d-flex flex-wrap align-items-center gap-2">
          <span className="me-auto">
            {confirming === 'start' && kind === 'broadcast' && willQueue !== undefined
              ? `Queue ${willQueue.toLocaleString('en-GB')} messages now?`
              : CONFIRM[confirming]}
          </span>
          <Button size="sm" variant={confirming === 'stop' ? 'danger' : 'success'} onClick={() => execute(confirming)}>
            Yes, {confirming === 'start' ? startLabel.toLowerCase() : confirming}
          </Button>
          <Button size="sm" variant="outline-secondary" onClick={() => setConfirming(null)}>Cancel</Button>
        </Alert>
      )}
      {result && (
        <Alert variant={result.ok ? 'success' : 'danger'} className="mt-3 mb-0" role="status">{result.text}</Alert>
      )}
    </div>
  );
}
