'use client';

import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import type { LeadFilter } from '@/lib/leads/lead-filters';
import type { LeadSelection } from '@/lib/leads/lead-selection';

// Which leads are selected on the leads page: rows ticked on this page, or (after "select all
// matching") every lead matching the page's filter, which the server resolves set-based.

type SelectionState = {
  pageIds: string[];
  filter: LeadFilter;
  selected: Set<string>;
  allMatching: { count: number } | null;
  toggle: (id: string, on: boolean) => void;
  togglePage: (on: boolean) => void;
  selectAllMatching: (count: number) => void;
  clear: () => void;
  /** What a bulk action should act on, or null when nothing is selected. */
  selection: LeadSelection | null;
  size: number;
};

const Ctx = createContext<SelectionState | null>(null);

export function useLeadSelection(): SelectionState {
  const ctx = useContext(Ctx);
  if (!ctx) throw new Error('useLeadSelection outside LeadSelectionProvider');
  return ctx;
}

export function LeadSelectionProvider({ pageIds, filter, children }: { pageIds: string[]; filter: LeadFilter; children: ReactNode }) {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [allMatching, setAllMatching] = useState<{ count: number } | null>(null);

  const value = useMemo<SelectionState>(() => {
    const selection: LeadSelection | null = allMatching
      ? { kind: 'filter', filter }
      : selected.size > 0
        ? { kind: 'ids', ids: [...selected] }
        : null;
    return {
      pageIds,
      filter,
      selected,
      allMatching,
      selection,
      size: allMatching ? allMatching.count : selected.size,
      toggle: (id, on) => {
        setAllMatching(null);
        setSelected((prev) => {
          const next = new Set(prev);
          if (on) next.add(id);
          else next.delete(id);
          return next;
        });
      },
      togglePage: (on) => {
        setAllMatching(null);
        setSelected(on ? new Set(pageIds) : new Set());
      },
      selectAllMatching: (count) => {
        setSelected(new Set(pageIds));
        setAllMatching({ count });
      },
      clear: () => {
        setAllMatching(null);
        setSelected(new Set());
      },
    };
  }, [pageIds, filter, selected, allMatching]);

  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function RowCheckbox({ id, label }: { id: string; label: string }) {
  const { selected, allMatching, toggle } = useLeadSelection();
  return (
    <input
      type="checkbox"
      className="form-check-input"
      aria-label={`Select ${label}`}
      checked={allMatching !== null || selected.has(id)}
      onChange={(e) => toggle(id, e.target.checked)}
    />
  );
}

export function PageCheckbox() {
  const { pageIds, selected, allMatching, togglePage } = useLeadSelection();
  const all = allMatching !== null || (pageIds.length > 0 && pageIds.every((id) => selected.has(id)));
  return (
    <input
      type="checkbox"
      className="form-check-input"
      aria-label="Select all leads on this page"
      checked={all}
      ref={(el) => {
        if (el) el.indeterminate = !all && selected.size > 0;
      }}
      onChange={(e) => togglePage(e.target.checked)}
    />
  );
}
