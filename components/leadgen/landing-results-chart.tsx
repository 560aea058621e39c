'use client';

import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from 'chart.js';
import { Bar } from 'react-chartjs-2';
import type { ResultRow } from '@/lib/landing-pages/get-landing-page-results';

// Only the pieces a bar chart needs, so the rest of Chart.js stays out of the bundle.
ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

const SERIES = [
  { key: 'views', label: 'Views', color: '#adb5bd' },
  { key: 'submissions', label: 'Submissions', color: '#198754' },
  { key: 'blocked', label: 'Blocked', color: '#dc3545' },
  { key: 'read', label: 'Read', color: '#0d6efd' },
] as const;

type Props = { rows: ResultRow[]; label: string; hasViews: boolean };

// The page's results as bars (oldest first); the table beside it carries the same numbers for
// screen readers, so the canvas is one labelled image.
export function LandingResultsChart({ rows, label, hasViews }: Props) {
  const ordered = [...rows].reverse();
  const series = SERIES.filter((s) => hasViews || (s.key !== 'views' && s.key !== 'blocked'));
  const total = (k: (typeof SERIES)[number]['key']) => rows.reduce((n, r) => n + r[k], 0);
  const summary = `${label}: ${series.map((s) => `${total(s.key)} ${s.label.toLowerCase()}`).join(', ')}. The numbers are in the table.`;
  if (rows.length === 0) return null;
  return (
    <div className="bg-white rounded shadow-sm p-2 mb-3" style={{ height: 260 }}>
      <Bar
        role="img"
        aria-label={summary}
        data={{
          labels: ordered.map((r) => r.key || '(none)'),
          datasets: series.map((s) => ({ label: s.label, data: ordered.map((r) => r[s.key]), backgroundColor: s.color })),
        }}
        options={{ maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { position: 'bottom' } } }}
      />
    </div>
  );
}
