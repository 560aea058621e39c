'use client';

import { useEffect, useState } from 'react';
import Badge from 'react-bootstrap/Badge';
import type { Import } from '@/db/schema';
import { IMPORT_STATUS_BG } from './import-status';

/** Sent by the revert button when its import is reverted. */
export const IMPORT_REVERTED_EVENT = 'whatslab:import-reverted';

/**
 * The import's status. It turns "reverted" the moment the revert answers, not when the page's
 * data next arrives (before, it said Completed until a reload).
 */
export function ImportStatusBadge({ importId, status }: { importId: string; status: Import['status'] }) {
  const [revertedHere, setRevertedHere] = useState(false);
  const shown = revertedHere ? 'reverted' : status;
  useEffect(() => {
    const onReverted = (e: Event) => {
      if ((e as CustomEvent<string>).detail === importId) setRevertedHere(true);
    };
    window.addEventListener(IMPORT_REVERTED_EVENT, onReverted);
    return () => window.removeEventListener(IMPORT_REVERTED_EVENT, onReverted);
  }, [importId]);
  return (
    <Badge
      bg={IMPORT_STATUS_BG[shown]}
      text={shown === 'running' || shown === 'reverted' ? 'dark' : undefined}
      className="text-capitalize me-2"
      data-testid="import-status"
    >
      {shown}
    </Badge>
  );
}
