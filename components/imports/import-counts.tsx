import type { ImportCounts } from '@/lib/imports/ingest-import-batch';

const LABELS: [keyof ImportCounts, string, string][] = [
  ['created', 'Created', 'text-success'],
  ['updated', 'Updated', 'text-primary'],
  ['unchanged', 'Unchanged', 'text-secondary'],
  ['invalid', 'Invalid', 'text-danger'],
  ['duplicate', 'Duplicates in file', 'text-warning'],
];

/** The five outcomes, which always add up to the rows in the file. */
export function ImportCountsList({ counts }: { counts: ImportCounts }) {
  const fmt = (n: number) => new Intl.NumberFormat('en-GB').format(n);
  return (
    <dl className="row row-cols-2 row-cols-md-6 g-2 mb-0 text-center" aria-label="Import counts">
      <div className="col">
        <dt className="small text-muted fw-normal">Rows</dt>
        <dd className="h4 mb-0" data-count="rows">{fmt(counts.rows)}</dd>
      </div>
      {LABELS.map(([key, label, tone]) => (
        <div className="col" key={key}>
          <dt className="small text-muted fw-normal">{label}</dt>
          <dd className={`h4 mb-0 ${tone}`} data-count={key}>{fmt(counts[key])}</dd>
        </div>
      ))}
    </dl>
  );
}
