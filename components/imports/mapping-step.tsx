'use client';

import Form from 'react-bootstrap/Form';
import Table from 'react-bootstrap/Table';
import { slugifyHeader, type ImportMapping, type MappingTarget } from '@/lib/imports/suggest-mapping';

const FIELD_LABELS: [MappingTarget, string][] = [
  ['phone', 'Phone (WhatsApp)'],
  ['name', 'Name'],
  ['first_name', 'First name'],
  ['last_name', 'Last name'],
  ['email', 'E-mail'],
  ['tags', 'Tags (comma-separated)'],
];

/** One row per column: sample values and where the column goes. */
export function MappingStep({
  columns,
  preview,
  mapping,
  onChange,
}: {
  columns: string[];
  preview: string[][];
  mapping: ImportMapping;
  onChange: (m: ImportMapping) => void;
}) {
  return (
    <Table size="sm" className="align-middle mb-0" aria-label="Column mapping">
      <thead>
        <tr>
          <th scope="col">Column in the file</th>
          <th scope="col">Sample values</th>
          <th scope="col" style={{ width: '16rem' }}>Import as</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((col, i) => {
          const attr = `attr.${slugifyHeader(col)}` as MappingTarget;
          const current = mapping[col] ?? 'ignore';
          const samples = preview.map((r) => r[i] ?? '').filter(Boolean).slice(0, 3);
          return (
            <tr key={col}>
              <th scope="row" className="fw-semibold text-break">{col}</th>
              <td className="small text-muted text-break">{samples.join(' · ') || '(empty)'}</td>
              <td>
                <Form.Select
                  size="sm"
                  aria-label={`Import column ${col} as`}
                  value={current}
                  onChange={(e) => onChange({ ...mapping, [col]: e.target.value as MappingTarget })}
                >
                  {FIELD_LABELS.map(([value, label]) => (
                    <option key={value} value={value}>{label}</option>
                  ))}
                  <option value={current.startsWith('attr.') ? current : attr}>
                    Custom attribute ({(current.startsWith('attr.') ? current : attr).slice(5)})
                  </option>
                  <option value="ignore">Do not import</option>
                </Form.Select>
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
