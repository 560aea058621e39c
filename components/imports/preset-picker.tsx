'use client';

import { useState } from 'react';
import Button from 'react-bootstrap/Button';
import Form from 'react-bootstrap/Form';
import InputGroup from 'react-bootstrap/InputGroup';
import type { ImportMapping, MappingTarget } from '@/lib/imports/suggest-mapping';
import type { WizardOptions } from './import-options-fields';
import { ApiError, postJson } from './import-uploader';

export type ImportPreset = { id: string; name: string; mapping: Record<string, string>; options: Record<string, unknown> };

/** Apply a saved mapping (columns the file lacks are left as suggested) or save the current one. */
export function PresetPicker({
  presets: initial,
  mapping,
  options,
  columns,
  onApply,
}: {
  presets: ImportPreset[];
  mapping: ImportMapping;
  options: WizardOptions;
  columns: string[];
  onApply: (m: ImportMapping, o?: WizardOptions) => void;
}) {
  const [presets, setPresets] = useState(initial);
  const [name, setName] = useState('');
  const [note, setNote] = useState<string | null>(null);
  const [applied, setApplied] = useState<ImportPreset | null>(null);

  function apply(id: string) {
    const p = presets.find((x) => x.id === id);
    if (!p) return;
    const next: ImportMapping = { ...mapping };
    let matched = 0;
    for (const col of columns) {
      if (p.mapping[col]) {
        next[col] = p.mapping[col] as MappingTarget;
        matched++;
      }
    }
    const o = p.options as Partial<WizardOptions> & { tags?: string[] };
    onApply(next, {
      ...options,
      ...(o.defaultCountry ? { defaultCountry: o.defaultCountry } : {}),
      ...(o.existing ? { existing: o.existing } : {}),
      ...(Array.isArray(o.tags) ? { tags: o.tags.join(', ') } : {}),
    });
    setApplied(p);
    setNote(`Preset “${p.name}” applied to ${matched} of ${columns.length} columns.`);
  }

  async function remove(p: ImportPreset) {
    const res = await fetch(`/api/imports/presets/${p.id}`, { method: 'DELETE' }).catch(() => null);
    if (!res?.ok) {
      setNote('Could not delete the preset.');
      return;
    }
    setPresets((ps) => ps.filter((x) => x.id !== p.id));
    setApplied(null);
    setNote(`Preset “${p.name}” deleted.`);
  }

  async function save() {
    try {
      const saved = await postJson<ImportPreset>('/api/imports/presets', {
        name,
        mapping,
        options: {
          defaultCountry: options.defaultCountry,
          existing: options.existing,
          tags: options.tags.split(',').map((t) => t.trim()).filter(Boolean),
        },
      });
      setPresets((ps) => [...ps.filter((p) => p.name !== saved.name), saved].sort((a, b) => a.name.localeCompare(b.name)));
      setName('');
      setNote(`Saved as “${saved.name}”.`);
    } catch (err) {
      setNote(err instanceof ApiError ? err.message : 'Could not save the preset.');
    }
  }

  return (
    <div className="d-flex flex-wrap gap-2 align-items-center">
      {presets.length > 0 && (
        <Form.Select size="sm" aria-label="Apply a saved mapping" style={{ width: '14rem' }} value="" onChange={(e) => apply(e.target.value)}>
          <option value="">Apply a saved mapping…</option>
          {presets.map((p) => (
            <option key={p.id} value={p.id}>{p.name}</option>
          ))}
        </Form.Select>
      )}
      <InputGroup size="sm" style={{ width: '18rem' }}>
        <Form.Control aria-label="Preset name" placeholder="Preset name" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        <Button variant="outline-secondary" disabled={!name.trim()} onClick={() => void save()}>
          Save mapping
        </Button>
      </InputGroup>
      {note && <span className="small text-muted" role="status">{note}</span>}
      {applied && (
        <Button variant="link" size="sm" className="text-danger p-0" onClick={() => void remove(applied)}>
          Delete preset “{applied.name}”
        </Button>
      )}
    </div>
  );
}
