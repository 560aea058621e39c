'use client';

import { faFileCsv, faTag, faTrash } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import InputGroup from 'react-bootstrap/InputGroup';
import Modal from 'react-bootstrap/Modal';
import { formatNumber } from '@/components/ui/format';
import type { ActionResult } from '@/lib/http/action-result';
import { exportHref } from '@/lib/leads/export-selection';
import { filterToParams } from '@/lib/leads/lead-filters';
import type { LeadSelection } from '@/lib/leads/lead-selection';
import { useLeadSelection } from './lead-selection';

type Props = {
  /** False when the page is empty: only the outcome of the last action is shown. */
  hasRows: boolean;
  hasMorePages: boolean;
  canDelete: boolean;
  countAction: (selection: LeadSelection) => Promise<ActionResult<{ count: number }>>;
  tagAction: (input: { selection: LeadSelection; op: 'add' | 'remove'; tag: string }) => Promise<ActionResult<{ changed: number }>>;
  deleteAction: (input: { selection: LeadSelection; confirmCount: number }) => Promise<ActionResult<{ deleted: number }>>;
};

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

export function BulkActions({ hasRows, hasMorePages, canDelete, countAction, tagAction, deleteAction }: Props) {
  const router = useRouter();
  const sel = useLeadSelection();
  const [tag, setTag] = useState('');
  const [notice, setNotice] = useState<{ kind: 'success' | 'danger'; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const [confirming, setConfirming] = useState(false);
  const [typed, setTyped] = useState('');
  const [deleteError, setDeleteError] = useState<string | null>(null);

  const pageFullySelected = sel.pageIds.length > 0 && sel.pageIds.every((id) => sel.selected.has(id));
  const exportLink =
    sel.selection?.kind === 'ids'
      ? exportHref(new URLSearchParams({ ids: sel.selection.ids.join(',') }))
      : exportHref(filterToParams(sel.filter));

  const selectAllMatching = () =>
    startTransition(async () => {
      const res = await countAction({ kind: 'filter', filter: sel.filter });
      if (res.ok) sel.selectAllMatching(res.data.count);
      else setNotice({ kind: 'danger', text: res.message });
    });

  const runTag = (op: 'add' | 'remove') =>
    startTransition(async () => {
      if (!sel.selection) return;
      const res = await tagAction({ selection: sel.selection, op, tag });
      if (!res.ok) {
        setNotice({ kind: 'danger', text: res.fields?.tag ?? res.message });
        return;
      }
      const what = plural(res.data.changed, 'lead', 'leads');
      setNotice({ kind: 'success', text: op === 'add' ? `Tag “${tag.trim()}” added to ${what}.` : `Tag “${tag.trim()}” removed from ${what}.` });
      setTag('');
      sel.clear();
      router.refresh();
    });

  const runDelete = () =>
    startTransition(async () => {
      if (!sel.selection) return;
      setDeleteError(null);
      const res = await deleteAction({ selection: sel.selection, confirmCount: Number(typed.replace(/[\s,.]/g, '')) });
      if (!res.ok) {
        setDeleteError(res.fields?.confirmCount ?? res.message);
        return;
      }
      setConfirming(false);
      setTyped('');
      setNotice({ kind: 'success', text: `Deleted ${plural(res.data.deleted, 'lead', 'leads')}.` });
      sel.clear();
      router.refresh();
    });

  const typedMatches = typed.replace(/[\s,.]/g, '') === String(sel.size);

  return (
    <>
      {notice && (
        <Alert variant={notice.kind} dismissible onClose={() => setNotice(null)} role="status" className="py-2">
          {notice.text}
        </Alert>
      )}
      {hasRows && (
        <div className="d-flex flex-wrap align-items-center gap-2 mb-2" role="region" aria-label="Bulk actions">
          {sel.size === 0 ? (
            <span className="small text-muted">Tick leads to tag, export or delete them.</span>
          ) : (
            <span className="small fw-semibold" data-testid="selection-summary">
              {sel.allMatching
                ? `All ${plural(sel.allMatching.count, 'lead', 'leads')} matching this filter are selected.`
                : `${plural(sel.selected.size, 'lead', 'leads')} selected on this page.`}
            </span>
          )}
          {pageFullySelected && !sel.allMatching && hasMorePages && (
            <Button variant="link" size="sm" className="p-0" onClick={selectAllMatching} disabled={pending}>
              Select all leads matching this filter
            </Button>
          )}
          {sel.size > 0 && (
            <Button variant="link" size="sm" className="p-0 text-secondary" onClick={sel.clear}>
              Clear selection
            </Button>
          )}
          {sel.size > 0 && (
            <div className="d-flex flex-wrap gap-2 ms-md-auto">
              <InputGroup size="sm" style={{ width: 'auto' }}>
                <InputGroup.Text>
                  <FontAwesomeIcon icon={faTag} aria-hidden />
                </InputGroup.Text>
                <Form.Control aria-label="Tag for the selected leads" placeholder="Tag" value={tag} maxLength={50} onChange={(e) => setTag(e.target.value)} />
                <Button variant="outline-success" onClick={() => runTag('add')} disabled={pending || !tag.trim()}>
                  Add tag
                </Button>
                <Button variant="outline-secondary" onClick={() => runTag('remove')} disabled={pending || !tag.trim()}>
                  Remove tag
                </Button>
              </InputGroup>
              <a className="btn btn-sm btn-outline-secondary" href={exportLink} download>
                <FontAwesomeIcon icon={faFileCsv} className="me-1" aria-hidden />
                Export selected
              </a>
              {canDelete && (
                <Button variant="outline-danger" size="sm" onClick={() => setConfirming(true)} disabled={pending}>
                  <FontAwesomeIcon icon={faTrash} className="me-1" aria-hidden />
                  Delete…
                </Button>
              )}
            </div>
          )}
        </div>
      )}

      <Modal show={confirming} onHide={() => setConfirming(false)} centered>
        <Modal.Header closeButton>
          <Modal.Title as="h2" className="h5">Delete {plural(sel.size, 'lead', 'leads')}?</Modal.Title>
        </Modal.Header>
        <Modal.Body>
          <p>
            This deletes {plural(sel.size, 'lead', 'leads')} with their conversations, touchpoints and appointments. It cannot be
            undone.
          </p>
          <Form.Group controlId="delete-confirm-count">
            <Form.Label>
              Type <strong>{sel.size}</strong> to confirm
            </Form.Label>
            <Form.Control inputMode="numeric" autoComplete="off" value={typed} isInvalid={!!deleteError} onChange={(e) => setTyped(e.target.value)} />
            <Form.Control.Feedback type="invalid">{deleteError}</Form.Control.Feedback>
          </Form.Group>
        </Modal.Body>
        <Modal.Footer>
          <Button variant="outline-secondary" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
          <Button variant="danger" onClick={runDelete} disabled={pending || !typedMatches}>
            {pending ? 'Deleting…' : `Delete ${plural(sel.size, 'lead', 'leads')}`}
          </Button>
        </Modal.Footer>
      </Modal>
    </>
  );
}
