'use client';

import { useState } from 'react';
import Form from 'react-bootstrap/Form';
import Table from 'react-bootstrap/Table';
import {
  ATTRIBUTE_KEY_RE,
  slugifyHeader,
  type ImportKindForMapping,
  type ImportMapping,
  type MappingTarget,
} from '@/lib/imports/suggest-mapping';

const LEAD_LABELS: [MappingTarget, string][] = [
  ['phone', 'Phone (WhatsApp)'],
  ['name', 'Name'],
  ['first_name', 'First name'],
  ['last_name', 'Last name'],
  ['email', 'E-mail'],
  ['tags', 'Tags (comma-separated)'],
  ['lifecycle_status', 'Lifecycle stage'],
  ['opted_out_at', 'Opted out (date or yes/no)'],
  ['consent_at', 'Consent given (date or yes/no)'],
  ['consent_source', 'Consent source'],
  ['consent_text', 'Consent text'],
  ['other_attributes', 'Attributes as JSON (export’s other_attributes)'],
];

const APPOINTMENT_LABELS: [MappingTarget, string][] = [
  ['phone', 'Lead’s phone'],
  ['email', 'Lead’s e-mail'],
  ['name', 'Lead’s name (for new leads)'],
  ['starts_at', 'Starts at'],
  ['ends_at', 'Ends at'],
  ['title', 'Title'],
  ['status', 'Status'],
  ['external_id', 'External id'],
  ['notes', 'Notes'],
];

const OTHER = '__other_attribute';

/** One row per column: sample values and where the column goes. */
export function MappingStep({
  kind = 'leads',
  columns,
  preview,
  mapping,
  attributeKeys = [],
  onChange,
}: {
  kind?: ImportKindForMapping;
  columns: string[];
  preview: string[][];
  mapping: ImportMapping;
  /** Attribute keys the workspace's leads already use, offered to every column. */
  attributeKeys?: string[];
  onChange: (m: ImportMapping) => void;
}) {
  // Columns whose attribute key is typed rather than picked.
  const [typing, setTyping] = useState<Set<string>>(new Set());
  const labels = kind === 'appointments' ? APPOINTMENT_LABELS : LEAD_LABELS;
  const set = (col: string, target: MappingTarget) => onChange({ ...mapping, [col]: target });
  return (
    <Table size="sm" className="align-middle mb-0" aria-label="Column mapping">
      <thead>
        <tr>
          <th scope="col">Column in the file</th>
          <th scope="col">Sample values</th>
          <th scope="col" style={{ width: '18rem' }}>Import as</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((col, i) => {
          const current = mapping[col] ?? 'ignore';
          const own = `attr.${slugifyHeader(col)}`;
          const keys = [...new Set([own, ...attributeKeys.map((k) => `attr.${k}`), ...(current.startsWith('attr.') ? [current] : [])])];
          const isTyping = typing.has(col);
          const samples = preview.map((r) => r[i] ?? '').filter(Boolean).slice(0, 3);
          return (
            <tr key={col}>
              <th scope="row" className="fw-semibold text-break">{col}</th>
              <td className="small text-muted text-break">{samples.join(' · ') || '(empty)'}</td>
              <td>
                <Form.Select
                  size="sm"
                  aria-label={`Import column ${col} as`}
                  value={isTyping ? OTHER : current}
                  onChange={(e) => {
                    const v = e.target.value;
                    setTyping((t) => {
                      const next = new Set(t);
                      if (v === OTHER) next.add(col);
                      else next.delete(col);
                      return next;
                    });
                    if (v !== OTHER) set(col, v as MappingTarget);
                    else if (!current.startsWith('attr.')) set(col, own as MappingTarget);
                  }}
                >
                  {labels.map(([value, label]) => (
                    <option key={value} value={value}>{label}</option>
                  ))}
                  {kind === 'leads' && (
                    <optgroup label="Custom attribute">
                      {keys.map((k) => (
                        <option key={k} value={k}>Attribute {k.slice(5)}</option>
                      ))}
                      <option value={OTHER}>Another attribute key…</option>
                    </optgroup>
                  )}
                  <option value="ignore">Do not import</option>
                </Form.Select>
                {isTyping && (
                  <AttributeKeyInput column={col} value={current.startsWith('attr.') ? current.slice(5) : slugifyHeader(col)} onKey={(k) => set(col, `attr.${k}`)} />
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}

/** Any attribute key, e.g. "city" for a "Cidade" column, so that it feeds {{attr.city}}. */
function AttributeKeyInput({ column, value, onKey }: { column: string; value: string; onKey: (key: string) => void }) {
  const [text, setText] = useState(value);
  const ok = ATTRIBUTE_KEY_RE.test(text);
  return (
    <Form.Group className="mt-1">
      <Form.Control
        size="sm"
        aria-label={`Attribute key for column ${column}`}
        value={text}
        maxLength={64}
        isInvalid={!ok}
        onChange={(e) => {
          const v = e.target.value.trim().toLowerCase();
          setText(v);
          if (ATTRIBUTE_KEY_RE.test(v)) onKey(v);
        }}
      />
      <Form.Control.Feedback type="invalid">Lower-case letters, digits and _ (at most 64).</Form.Control.Feedback>
    </Form.Group>
  );
}
