'use client';

import { useState } from 'react';
import Table from 'react-bootstrap/Table';
import { formatNumber } from '@/components/ui/format';
import { FUNNEL_STEP_LABELS, FUNNEL_STEPS, type FunnelSegment, type FunnelStep } from '@/lib/analytics/funnel-steps';
import { formatRate } from './format';

type SortKey = 'captured' | FunnelStep;

/** The funnel per segment; any step's conversion rate (or the captured count) sorts it, both ways. */
export function SegmentTable({ segments, dimensionLabel }: { segments: FunnelSegment[]; dimensionLabel: string }) {
  const [sort, setSort] = useState<{ key: SortKey; isDesc: boolean }>({ key: 'captured', isDesc: true });
  const value = (s: FunnelSegment) => (sort.key === 'captured' ? s.counts.captured : s.rates[sort.key] ?? -1);
  const rows = [...segments].sort((a, b) => (sort.isDesc ? value(b) - value(a) : value(a) - value(b)) || a.label.localeCompare(b.label));
  const header = (key: SortKey, label: string) => {
    const isActive = sort.key === key;
    return (
      <th scope="col" key={key} className="text-nowrap" aria-sort={isActive ? (sort.isDesc ? 'descending' : 'ascending') : 'none'}>
        <button
          type="button"
          className="btn btn-link btn-sm p-0 text-decoration-none fw-semibold"
          onClick={() => setSort({ key, isDesc: isActive ? !sort.isDesc : true })}
        >
          {label}
          {isActive ? (sort.isDesc ? ' ↓' : ' ↑') : ''}
        </button>
      </th>
    );
  };
  return (
    // Focusable: at phone width the table scrolls sideways inside this region (keyboard users too).
    <div className="table-responsive" tabIndex={0} role="region" aria-label={`Funnel by ${dimensionLabel}`}>
      <Table size="sm" hover className="mb-0 align-middle" data-testid="segment-table">
        <caption className="visually-hidden">Funnel by {dimensionLabel}: leads at each step and conversion from the step before</caption>
        <thead>
          <tr>
            <th scope="col">{dimensionLabel}</th>
            {header('captured', 'Captured')}
            {FUNNEL_STEPS.slice(1).map((s) => header(s, `${FUNNEL_STEP_LABELS[s]} %`))}
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.key ?? '-'}>
              <th scope="row" className="fw-normal">{s.label}</th>
              <td>{formatNumber(s.counts.captured)}</td>
              {FUNNEL_STEPS.slice(1).map((step) => (
                <td key={step} className="text-nowrap">
                  {formatNumber(s.counts[step])} <span className="text-muted small">({formatRate(s.rates[step])})</span>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
