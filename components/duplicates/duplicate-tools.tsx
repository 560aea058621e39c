'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import Button from 'react-bootstrap/Button';
import { countEmailDuplicatesAction, mergeEmailDuplicatesAction, scanDuplicatesAction } from '@/app/(admin)/leads/duplicates/actions';

/** "Scan again", and "Merge all exact e-mail duplicates" with its dry-run count before anything changes. */
export function DuplicateTools() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [status, setStatus] = useState<string | null>(null);
  const [dryRun, setDryRun] = useState<{ groups: number; leadsToMerge: number } | null>(null);

  const run = (fn: () => Promise<void>) => start(fn);
  return (
    <div className="d-flex flex-column gap-2">
      <div className="d-flex flex-wrap gap-2">
        <Button
          variant="outline-secondary"
          disabled={pending}
          onClick={() =>
            run(async () => {
              const res = await scanDuplicatesAction();
              setStatus(res.ok ? `Scan done: ${res.data.pairs} pairs in ${res.data.durationMs} ms.` : res.message);
              router.refresh();
            })
          }
        >
          Scan again
        </Button>
        <Button
          variant="outline-secondary"
          disabled={pending}
          onClick={() =>
            run(async () => {
              const res = await countEmailDuplicatesAction();
              if (res.ok) setDryRun(res.data);
              else setStatus(res.message);
            })
          }
        >
          Merge all exact e-mail duplicates…
        </Button>
      </div>
      {dryRun && (
        <div className="border rounded p-2" data-testid="email-dry-run">
          {dryRun.leadsToMerge === 0 ? (
            <p className="mb-0">No two leads share an e-mail address.</p>
          ) : (
            <>
              <p className="mb-2">
                {dryRun.leadsToMerge} leads share an e-mail with another lead ({dryRun.groups} addresses). Each will be merged into
                the most recently updated lead with its address; every merge can be undone from that lead’s page.
              </p>
              <div className="d-flex gap-2">
                <Button
                  variant="primary"
                  disabled={pending}
                  onClick={() =>
                    run(async () => {
                      const res = await mergeEmailDuplicatesAction();
                      setDryRun(null);
                      setStatus(res.ok ? `Merged ${res.data.merged} leads${res.data.remaining ? `; ${res.data.remaining} left, run it again` : ''}.` : res.message);
                      router.refresh();
                    })
                  }
                >
                  Merge {dryRun.leadsToMerge} leads
                </Button>
                <Button variant="link" onClick={() => setDryRun(null)}>Cancel</Button>
              </div>
            </>
          )}
        </div>
      )}
      {status && <p role="status" className="small mb-0">{status}</p>}
    </div>
  );
}
