'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import type { ActionResult } from '@/lib/http/action-result';

type Props = { id: string; name: string; action: (input: unknown) => Promise<ActionResult<undefined>> };

/** Archives a message (campaigns and sent messages keep their history). */
export function ArchiveTemplateButton({ id, name, action }: Props) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <>
      <Button
        size="sm"
        variant="outline-danger"
        disabled={busy}
        onClick={async () => {
          if (!window.confirm(`Delete “${name}”? Campaigns that used it keep their history.`)) return;
          setBusy(true);
          const r = await action({ id });
          setBusy(false);
          if (r.ok) router.refresh();
          else setError(r.message);
        }}
      >
        Delete
      </Button>
      {error && <div className="small text-danger">{error}</div>}
    </>
  );
}
