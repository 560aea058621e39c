'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import { postJson } from './import-uploader';

/** For an import left running (the tab was closed mid-upload): stop it taking rows. */
export function CancelImportButton({ importId }: { importId: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <Button
        variant="outline-secondary"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await postJson(`/api/imports/${importId}/cancel`);
            router.refresh();
          } catch (err) {
            setError((err as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        Stop this import
      </Button>
      {error && <span className="small text-danger align-self-center" role="alert">{error}</span>}
    </>
  );
}
