'use client';

import { BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartData, type ChartOptions } from 'chart.js';
import { useId, useState } from 'react';
import { Bar } from 'react-chartjs-2';
import Button from 'react-bootstrap/Button';
import Card from 'react-bootstrap/Card';
import CardBody from 'react-bootstrap/CardBody';
import CardHeader from 'react-bootstrap/CardHeader';
import Table from 'react-bootstrap/Table';
import { toSafeCsv } from '@/lib/csv/to-safe-csv';
import { colourAt } from './palette';

Chart.register(BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export type ChartSeries = { label: string; data: number[] };
export type ChartTable = { head: string[]; rows: (string | number)[][] };

type Props = {
  /** Used in the CSV file name and the test ids. */
  id: string;
  title: string;
  labels: string[];
  series: ChartSeries[];
  /** The numbers behind the chart, as a table and as the CSV download. */
  table: ChartTable;
  stacked?: boolean;
  horizontal?: boolean;
  /** Shown when there is nothing to draw. */
  emptyText?: string;
};

function downloadCsv(fileName: string, table: ChartTable) {
  const blob = new Blob([toSafeCsv([table.head, ...table.rows])], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

/** One chart in a card, with its data table behind a toggle and a CSV download of the same numbers. */
export function ChartPanel({ id, title, labels, series, table, stacked, horizontal, emptyText }: Props) {
  const [isTableShown, setIsTableShown] = useState(false);
  const tableId = useId();
  const isEmpty = table.rows.length === 0 || series.every((s) => s.data.every((v) => v === 0));
  const data: ChartData<'bar'> = {
    labels,
    datasets: series.map((s, i) => ({ label: s.label, data: s.data, backgroundColor: colourAt(i), borderWidth: 0 })),
  };
  const options: ChartOptions<'bar'> = {
    indexAxis: horizontal ? 'y' : 'x',
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: { legend: { display: series.length > 1, position: 'bottom' } },
    scales: {
      x: { stacked, ticks: { precision: 0 } },
      y: { stacked, beginAtZero: true, ticks: { precision: 0 } },
    },
  };
  return (
    <Card className="shadow-sm border-0 h-100" data-testid={`chart-${id}`}>
      <CardHeader className="bg-white d-flex flex-wrap align-items-center gap-2">
        <h2 className="h6 mb-0 me-auto">{title}</h2>
        <Button size="sm" variant="outline-secondary" aria-expanded={isTableShown} aria-controls={tableId} onClick={() => setIsTableShown((v) => !v)}>
          {isTableShown ? 'Hide table' : 'Show table'}
        </Button>
        <Button size="sm" variant="outline-secondary" onClick={() => downloadCsv(`${id}.csv`, table)} aria-label={`Download CSV: ${title}`}>
          CSV
        </Button>
      </CardHeader>
      <CardBody>
        {isEmpty ? (
          <p className="text-muted mb-0" data-testid={`chart-${id}-empty`}>{emptyText ?? 'Nothing in this range.'}</p>
        ) : (
          <div style={{ position: 'relative', height: horizontal ? Math.max(160, labels.length * 36) : 260 }}>
            <Bar data={data} options={options} role="img" aria-label={`${title}. The numbers are in the data table.`} />
          </div>
        )}
        <div id={tableId} hidden={!isTableShown} className="table-responsive mt-3" tabIndex={0} role="region" aria-label={`${title}: data table`}>
          <Table size="sm" className="mb-0" data-testid={`table-${id}`}>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>{table.head.map((h) => <th scope="col" key={h}>{h}</th>)}</tr>
            </thead>
            <tbody>
              {table.rows.map((row, i) => (
                <tr key={i}>
                  {row.map((cell, j) => (j === 0 ? <th scope="row" className="fw-normal text-nowrap" key={j}>{cell}</th> : <td key={j}>{cell}</td>))}
                </tr>
              ))}
            </tbody>
          </Table>
        </div>
      </CardBody>
    </Card>
  );
}
