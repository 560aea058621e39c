'use client';

import { useCallback, useEffect, useRef, useState } from 'react';

export type CopyState = 'idle' | 'copied' | 'failed';

/** How long "Copied" stays up: long enough to read, short enough that a second copy shows again. */
const COPIED_MS = 2500;

/**
 * Copies with the Clipboard API. Without it (an app served over plain http from another host than
 * localhost is not a secure context) or when the browser refuses, the text is selected in its own
 * field instead, so Ctrl+C or Cmd+C finishes the job, and the status says so.
 */
export function useCopy() {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const copy = useCallback(async (text: string, sourceId?: string) => {
    clearTimeout(timer.current);
    try {
      await navigator.clipboard.writeText(text);
      setState('copied');
      timer.current = setTimeout(() => setState('idle'), COPIED_MS);
    } catch {
      const field = sourceId ? document.getElementById(sourceId) : null;
      if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) {
        field.focus();
        field.select();
      }
      setState('failed');
    }
  }, []);
  return { state, copy };
}

/** A polite live region under a copy button: always in the page, so screen readers hear it change. */
export function CopyStatus({ id, state }: { id: string; state: CopyState }) {
  return (
    <div id={id} role="status" className={`form-text ${state === 'failed' ? 'text-danger' : 'text-success'}`} style={{ minHeight: '1.5em' }}>
      {state === 'copied' ? '✓ Copied' : state === 'failed' ? 'Could not copy: the text is selected, press Ctrl+C (⌘C on a Mac).' : ''}
    </div>
  );
}
