'use client';

import Form from 'react-bootstrap/Form';
import Table from 'react-bootstrap/Table';
import type { UseFormRegister } from 'react-hook-form';
import type { TemplateFormInput, TemplateFormValues } from '@/lib/templates/schema';
import type { TemplateParam } from '@/lib/templates/whatsapp-template-params';

type Props = {
  params: TemplateParam[];
  mapping: TemplateFormValues['parameterMapping'];
  register: UseFormRegister<TemplateFormInput>;
  fields: { field: string; label: string }[];
  errorFor: (path: string) => string | undefined;
};

/** One row per template parameter: a lead field (with fallback) or a fixed text. */
export function ParameterMappingFields({ params, mapping, register, fields, errorFor }: Props) {
  if (params.length === 0) return <p className="small text-muted">This template has no parameters: it is sent as written.</p>;
  return (
    <Table size="sm" className="align-top small" aria-label="Template parameters">
      <thead>
        <tr>
          <th scope="col">Parameter</th>
          <th scope="col">Value from</th>
          <th scope="col">Lead field or text</th>
          <th scope="col">Fallback</th>
        </tr>
      </thead>
      <tbody>
        {params.map((p, i) => {
          const m = mapping[i];
          const isFixed = m?.source === 'fixed';
          const at = (k: string) => `parameterMapping.${i}.${k}`;
          const known = fields.some((f) => f.field === m?.field);
          return (
            <tr key={`${p.component}:${p.index}`} data-testid="parameter-row">
              <td className="fw-semibold">{p.label}</td>
              <td>
                <Form.Select size="sm" style={{ minWidth: 120 }} aria-label={`${p.label} value from`} {...register(`parameterMapping.${i}.source`)}>
                  <option value="field">Lead field</option>
                  <option value="fixed">Fixed text</option>
                </Form.Select>
              </td>
              <td>
                {isFixed ? (
                  <>
                    <Form.Control size="sm" aria-label={`${p.label} fixed text`} isInvalid={!!errorFor(at('value'))} {...register(`parameterMapping.${i}.value`)} />
                    <Form.Control.Feedback type="invalid">{errorFor(at('value'))}</Form.Control.Feedback>
                  </>
                ) : (
                  <>
                    <Form.Select size="sm" aria-label={`${p.label} lead field`} isInvalid={!!errorFor(at('field'))} {...register(`parameterMapping.${i}.field`)}>
                      <option value="">Choose…</option>
                      {!known && m?.field && <option value={m.field}>{m.field}</option>}
                      {fields.map((f) => (
                        <option key={f.field} value={f.field}>{f.label}</option>
                      ))}
                    </Form.Select>
                    <Form.Control.Feedback type="invalid">{errorFor(at('field'))}</Form.Control.Feedback>
                  </>
                )}
              </td>
              <td>
                {!isFixed && (
                  <>
                    <Form.Control size="sm" aria-label={`${p.label} fallback`} isInvalid={!!errorFor(at('fallback'))} {...register(`parameterMapping.${i}.fallback`)} />
                    <Form.Control.Feedback type="invalid">{errorFor(at('fallback'))}</Form.Control.Feedback>
                  </>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </Table>
  );
}
