'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import Alert from 'react-bootstrap/Alert';
import Button from 'react-bootstrap/Button';
import Table from 'react-bootstrap/Table';
import { mergeLeadsAction } from '@/app/(admin)/leads/duplicates/actions';

export type PairLead = {
  id: string;
  name: string | null;
  email: string | null;
  phoneE164: string;
  waId: string | null;
  lifecycleStatus: string;
  tags: string[];
  attributes: Record<string, string>;
  consent: string;
  optedOut: string;
  created: string;
  source: string;
};
type Side = 'a' | 'b';
export type ChoosableField = 'name' | 'email' | 'phone' | 'lifecycle' | 'attributes';

const FIELDS: { field: ChoosableField; label: string; show: (l: PairLead) => string }[] = [
  { field: 'name', label: 'Name', show: (l) => l.name || '—' },
  { field: 'email', label: 'E-mail', show: (l) => l.email || '—' },
  { field: 'phone', label: 'Phone', show: (l) => `${l.phoneE164}${l.waId ? ` (WhatsApp ${l.waId})` : ''}` },
  { field: 'lifecycle', label: 'Stage', show: (l) => l.lifecycleStatus },
  { field: 'attributes', label: 'Attributes (wins conflicts)', show: (l) => Object.entries(l.attributes).map(([k, v]) => `${k}: ${v}`).join(', ') || '—' },
];
const FIXED: { label: string; show: (l: PairLead) => string; rule: string }[] = [
  { label: 'Tags', show: (l) => l.tags.join(', ') || '—', rule: 'united' },
  { label: 'Consent', show: (l) => l.consent, rule: 'earliest opt-in kept' },
  { label: 'Opted out', show: (l) => l.optedOut, rule: 'an opt-out on either survives' },
  { label: 'Created', show: (l) => `${l.created} (${l.source})`, rule: 'the older' },
];

/** One candidate pair side by side: which lead survives, and whose value each field keeps. */
export function MergePairForm({ n, a, b, defaults }: { n: number; a: PairLead; b: PairLead; defaults: Record<ChoosableField, Side> }) {
  const router = useRouter();
  const [survivor, setSurvivor] = useState<Side>('a');
  const [choices, setChoices] = useState(defaults);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const leadOf = { a, b };

  function merge() {
    setError(null);
    const merged: Side = survivor === 'a' ? 'b' : 'a';
    const sideChoices = Object.fromEntries(
      Object.entries(choices).map(([f, side]) => [f, side === survivor ? 'survivor' : 'merged']),
    );
    start(async () => {
      const res = await mergeLeadsAction({ survivorId: leadOf[survivor].id, mergedId: leadOf[merged].id, choices: sideChoices });
      if (!res.ok) return setError(res.message);
      router.push(`/leads/duplicates?merged=${res.data.mergeId}`);
      router.refresh();
    });
  }

  const radio = (name: string, side: Side, checked: boolean, onChange: () => void, label: string) => (
    <div className="form-check mb-0">
      <input className="form-check-input" type="radio" id={`${name}-${side}`} name={name} checked={checked} onChange={onChange} />
      <label className="form-check-label text-break" htmlFor={`${name}-${side}`}>{label}</label>
    </div>
  );

  return (
    <div>
      <div className="table-responsive">
        <Table size="sm" className="align-middle mb-2" aria-label={`Pair ${n}: compare and choose`}>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Lead A</th>
              <th scope="col">Lead B</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Keep lead</th>
              {(['a', 'b'] as const).map((s) => (
                <td key={s}>{radio(`p${n}-survivor`, s, survivor === s, () => setSurvivor(s), `Keep lead ${s.toUpperCase()}`)}</td>
              ))}
            </tr>
            {FIELDS.map(({ field, label, show }) => (
              <tr key={field}>
                <th scope="row">{label}</th>
                {(['a', 'b'] as const).map((s) => (
                  <td key={s}>
                    {radio(`p${n}-${field}`, s, choices[field] === s, () => setChoices({ ...choices, [field]: s }), show(leadOf[s]))}
                  </td>
                ))}
              </tr>
            ))}
            {FIXED.map(({ label, show, rule }) => (
              <tr key={label}>
                <th scope="row">
                  {label} <span className="small text-muted fw-normal">({rule})</span>
                </th>
                <td className="text-break">{show(a)}</td>
                <td className="text-break">{show(b)}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </div>
      {error && <Alert variant="danger" className="py-2">{error}</Alert>}
      <Button onClick={merge} disabled={pending}>
        {pending ? 'Merging…' : `Merge into lead ${survivor.toUpperCase()}`}
      </Button>
    </div>
  );
}
