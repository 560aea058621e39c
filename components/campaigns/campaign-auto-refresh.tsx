'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/**
 * Re-renders the campaign page's server components every few seconds while its messages are
 * still moving (router.refresh keeps scroll and form state). The page renders this only while
 * the campaign runs, so once it is done the next refresh unmounts it and the polling stops.
 * Skipped while the tab is hidden.
 */
export function CampaignAutoRefresh({ everySeconds = 3 }: { everySeconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, everySeconds * 1000);
    return () => clearInterval(timer);
  }, [everySeconds, router]);
  return (
    <p className="small text-muted mb-2" data-testid="campaign-live">
      Live: these numbers update every {everySeconds} s while the campaign runs.
    </p>
  );
}
