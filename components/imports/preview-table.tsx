'use client';

import Table from 'react-bootstrap/Table';

/** The first rows as the importer reads them, so a wrong delimiter or encoding shows at once. */
export function PreviewTable({ columns, rows }: { columns: string[]; rows: string[][] }) {
  return (
    <div className="table-responsive border rounded" style={{ maxHeight: '22rem' }}>
      <Table size="sm" striped className="mb-0 small" aria-label="Preview of the first rows">
        <thead className="sticky-top bg-white">
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c} className="text-nowrap">{c}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>
              {columns.map((c, j) => (
                <td key={c} className="text-break" style={{ whiteSpace: 'pre-line' }}>{r[j] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </Table>
    </div>
  );
}
