'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import Form from 'react-bootstrap/Form';

/**
 * Re-renders the page's server components every few seconds (router.refresh keeps scroll and
 * form state). Skipped while the tab is hidden, so an open tab in the background costs nothing.
 */
export function LogAutoRefresh({ timeZone, everySeconds = 5 }: { timeZone: string; everySeconds?: number }) {
  const router = useRouter();
  const [isOn, setIsOn] = useState(true);
  const [lastAt, setLastAt] = useState<string | null>(null);
  useEffect(() => {
    if (!isOn) return;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      router.refresh();
      // In the workspace's zone, as the rows are, not the browser's.
      setLastAt(new Intl.DateTimeFormat('en-GB', { timeStyle: 'medium', timeZone }).format(new Date()));
    }, everySeconds * 1000);
    return () => clearInterval(timer);
  }, [isOn, everySeconds, router, timeZone]);
  return (
    <div className="d-flex align-items-center gap-2 small text-muted">
      <Form.Check type="switch" id="log-live" label={`Live (every ${everySeconds} s)`} checked={isOn} onChange={(e) => setIsOn(e.currentTarget.checked)} />
      {isOn && lastAt && <span aria-live="off" data-testid="log-updated">updated {lastAt} ({timeZone})</span>}
    </div>
  );
}
