'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import Button from 'react-bootstrap/Button';
import { undoMergeAction } from '@/app/(admin)/leads/duplicates/actions';

/** Undoes one merge; the page then shows both leads as they were. */
export function UndoMergeButton({ mergeId, label = 'Undo merge' }: { mergeId: string; label?: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [pending, start] = useTransition();
  return (
    <span className="d-inline-flex flex-wrap align-items-center gap-2">
      <Button
        size="sm"
        variant="outline-danger"
        disabled={pending || message?.ok}
        onClick={() =>
          start(async () => {
            const res = await undoMergeAction({ mergeId });
            setMessage(res.ok ? { ok: true, text: 'Merge undone: both leads are back.' } : { ok: false, text: res.message });
            if (res.ok) router.refresh();
          })
        }
      >
        {pending ? 'Undoing…' : label}
      </Button>
      {message && (
        <span role="status" className={`small ${message.ok ? 'text-success' : 'text-danger'}`}>
          {message.text}
        </span>
      )}
    </span>
  );
}
