'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

/** Seconds between polls: new leads, statuses and replies show within LIVE_POLL_SECONDS + one render. */
export const LIVE_POLL_SECONDS = 3;

/**
 * Polls the workspace's activity stamp (one cheap query) and re-renders the page's server
 * components only when it moved. Paused while the tab is hidden.
 */
export function LiveRefresh({ stamp }: { stamp: string }) {
  const router = useRouter();
  // The newest stamp seen by a poll; the page is up to date once the server renders it back.
  const [seen, setSeen] = useState(stamp);
  const latest = useRef(stamp);
  const isStale = seen !== stamp;
  useEffect(() => {
    let isBusy = false;
    const timer = setInterval(async () => {
      if (isBusy || document.visibilityState !== 'visible') return;
      isBusy = true;
      try {
        const res = await fetch('/api/analytics/live', { cache: 'no-store' });
        if (!res.ok) return;
        const body = (await res.json()) as { stamp: string };
        if (body.stamp !== latest.current) {
          latest.current = body.stamp;
          setSeen(body.stamp);
          router.refresh();
        }
      } catch {
        // Offline for a moment: the next poll tries again.
      } finally {
        isBusy = false;
      }
    }, LIVE_POLL_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [router]);
  return (
    <span className="small text-muted" data-testid="analytics-live">
      <span className="d-inline-block rounded-circle bg-success me-1" style={{ width: 8, height: 8 }} aria-hidden />
      {isStale ? 'Updating…' : `Live: checks for new activity every ${LIVE_POLL_SECONDS} s`}
    </span>
  );
}
