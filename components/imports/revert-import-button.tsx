'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Modal from 'react-bootstrap/Modal';
import { IMPORT_REVERTED_EVENT } from './import-status-badge';
import { postJson } from './import-uploader';

type KeptLead = { id: string; name: string | null; phoneE164: string; reason: 'edited' | 'activity' };
type RevertResult = {
  deleted: number;
  kept: number;
  keptLeads: KeptLead[];
  restored: number;
  skippedMessages: number;
  appointments: { deleted: number; kept: number; restored: number } | null;
};

/**
 * "Revert import" with a confirmation that says exactly what will happen. It stays mounted once
 * the import is reverted (`reverted`), so that its result is still shown after the page refreshes.
 */
export function RevertImportButton({
  importId,
  created,
  updated,
  kind = 'leads',
  reverted = false,
}: {
  importId: string;
  created: number;
  updated: number;
  kind?: 'leads' | 'appointments';
  reverted?: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<RevertResult | null>(null);

  async function revert() {
    setBusy(true);
    setError(null);
    try {
      setDone(await postJson<RevertResult>(`/api/imports/${importId}/revert`));
      setOpen(false);
      window.dispatchEvent(new CustomEvent(IMPORT_REVERTED_EVENT, { detail: importId }));
      router.refresh();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Alert variant="success" className="mb-0" role="status">
        Import reverted:{' '}
        {done.appointments &&
          `${done.appointments.deleted} appointments removed, ${done.appointments.restored} appointments restored${
            done.appointments.kept > 0 ? `, ${done.appointments.kept} kept because they were changed since the import` : ''
          }, `}
        {done.deleted} leads removed, {done.restored} leads restored
        {done.kept > 0 ? `, ${done.kept} kept because they were edited or have activity since the import` : ''}
        {done.skippedMessages > 0 ? `, ${done.skippedMessages} queued messages cancelled` : ''}.
        {done.keptLeads.length > 0 && (
          <ul className="mb-0 mt-2 small" aria-label="Leads kept">
            {done.keptLeads.map((l) => (
              <li key={l.id}>
                <a href={`/leads/${l.id}`}>{l.name || l.phoneE164}</a>: {l.reason === 'edited' ? 'edited since the import' : 'has activity since the import'}
              </li>
            ))}
          </ul>
        )}
      </Alert>
    );
  }
  if (reverted) return null;
  return (
    <>
      <Button variant="outline-danger" onClick={() => setOpen(true)}>
        Revert import
      </Button>
      <Modal show={open} onHide={() => setOpen(false)} centered>
        <Modal.Header closeButton>
          <Modal.Title as="h2" className="h5">Revert this import?</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {kind === 'appointments' ? (
            <p>
              The {created} appointments it created will be deleted (unless someone changed them since) with the leads it created for them, and the fields
              it changed on {updated} existing appointments will be put back where nobody has changed them since; their reminders follow.
            </p>
          ) : (
            <p>
              The {created} leads it created will be deleted (unless someone edited them or they have had activity of their own since), and the fields it
              changed on {updated} existing leads will be put back where nobody has edited them since.
            </p>
          )}
          <p className="mb-0">This cannot be undone.</p>
          {error && (
            <Alert variant="danger" className="mt-3 mb-0" role="alert">
              {error}
            </Alert>
          )}
        </Modal.Body>
        <Modal.Footer>
          <Button variant="outline-secondary" onClick={() => setOpen(false)}>
            Keep the import
          </Button>
          <Button variant="danger" disabled={busy} onClick={() => void revert()}>
            {busy ? 'Reverting…' : 'Yes, revert it'}
          </Button>
        </Modal.Footer>
      </Modal>
    </>
  );
}
