'use client';

import { faArrowsRotate, faPen, faPlugCircleCheck, faPowerOff, faTrash } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import type { ActionResult } from '@/lib/http/action-result';
import type { SyncResult } from '@/lib/phones/sync-whatsapp-templates';
import type { VerifyResult } from '@/lib/phones/verify-sender-phone';

type Actions = {
  verify: (input: unknown) => Promise<ActionResult<VerifyResult>>;
  sync: (input: unknown) => Promise<ActionResult<SyncResult>>;
  setActive: (input: unknown) => Promise<ActionResult<undefined>>;
  remove: (input: unknown) => Promise<ActionResult<undefined>>;
};

type Props = { phoneId: string; label: string; isActive: boolean; actions: Actions };

type Outcome = { variant: 'success' | 'danger' | 'warning'; title: string; lines: string[] };

/** Our explanation first; Meta's own words only when Meta answered (a network error is not Meta speaking). */
function failureLines(f: { code: number | null; detail: string; explanation: string }): string[] {
  return [f.explanation, f.code === null ? `Technical detail: ${f.detail}` : `Meta said: ${f.detail}`];
}

function verifyOutcome(r: ActionResult<VerifyResult>): Outcome {
  if (!r.ok) return { variant: 'danger', title: 'Could not verify', lines: [r.message] };
  if (r.data.ok) {
    const d = r.data.details;
    return {
      variant: 'success',
      title: 'Connected',
      lines: [
        `Display number: ${d.displayPhoneNumber ?? 'not set'}`,
        `Verified name: ${d.verifiedName ?? 'not set'}`,
        `Quality rating: ${d.qualityRating ?? 'unknown'}`,
        `Throughput: ${d.throughputLevel ?? 'unknown'}`,
      ],
    };
  }
  const f = r.data.failure;
  return { variant: 'danger', title: `${f.code === null ? 'Not connected' : `Not connected (error ${f.code})`}${f.summary ? `: ${f.summary}` : ''}`, lines: failureLines(f) };
}

function syncOutcome(r: ActionResult<SyncResult>): Outcome {
  if (!r.ok) return { variant: 'danger', title: 'Could not sync templates', lines: [r.message] };
  if (!r.data.ok) {
    const f = r.data.failure;
    return { variant: 'danger', title: `Could not sync templates${f.code === null ? '' : ` (error ${f.code})`}${f.summary ? `: ${f.summary}` : ''}`, lines: failureLines(f) };
  }
  const { total, approved, removed } = r.data;
  return {
    variant: 'success',
    title: 'Templates synced',
    lines: [`${total} template${total === 1 ? '' : 's'} (${approved} approved)${removed ? `; ${removed} no longer in Meta marked DELETED` : ''}.`],
  };
}

export function PhoneActions({ phoneId, label, isActive, actions }: Props) {
  const router = useRouter();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  async function go(kind: string, work: () => Promise<Outcome | null>) {
    setBusy(kind);
    setOutcome(null);
    try {
      setOutcome(await work());
    } finally {
      setBusy(null);
      startTransition(() => router.refresh());
    }
  }

  const simple = (r: ActionResult<undefined>): Outcome | null => (r.ok ? null : { variant: 'danger', title: 'Not done', lines: [r.message] });

  return (
    <div>
      <div className="d-flex flex-wrap gap-2">
        <Button size="sm" variant="success" disabled={!!busy} onClick={() => go('verify', async () => verifyOutcome(await actions.verify({ id: phoneId })))}>
          <FontAwesomeIcon icon={faPlugCircleCheck} className="me-1" />
          {busy === 'verify' ? 'Verifying…' : 'Verify connection'}
        </Button>
        <Button size="sm" variant="outline-success" disabled={!!busy} onClick={() => go('sync', async () => syncOutcome(await actions.sync({ id: phoneId })))}>
          <FontAwesomeIcon icon={faArrowsRotate} className="me-1" />
          {busy === 'sync' ? 'Syncing…' : 'Sync templates'}
        </Button>
        <Link href={`/phones/${phoneId}`} className="btn btn-sm btn-outline-secondary">
          <FontAwesomeIcon icon={faPen} className="me-1" />
          Edit
        </Link>
        <Button size="sm" variant="outline-secondary" disabled={!!busy} onClick={() => go('active', async () => simple(await actions.setActive({ id: phoneId, isActive: !isActive })))}>
          <FontAwesomeIcon icon={faPowerOff} className="me-1" />
          {isActive ? 'Deactivate' : 'Activate'}
        </Button>
        <Button
          size="sm"
          variant="outline-danger"
          disabled={!!busy}
          onClick={() => {
            if (!window.confirm(`Delete “${label}”? Sent messages keep their history. This cannot be undone.`)) return;
            void go('delete', async () => simple(await actions.remove({ id: phoneId })));
          }}
        >
          <FontAwesomeIcon icon={faTrash} className="me-1" />
          Delete
        </Button>
      </div>
      {outcome && (
        <Alert variant={outcome.variant} className="mt-3 mb-0 small" role="status" data-testid="phone-action-result">
          <div className="fw-semibold">{outcome.title}</div>
          {outcome.lines.map((l) => (
            <div key={l}>{l}</div>
          ))}
        </Alert>
      )}
    </div>
  );
}
