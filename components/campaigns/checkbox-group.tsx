'use client';

import Form from 'react-bootstrap/Form';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';

type Option = { value: string; label: string; hint?: string };

type Props<T extends FieldValues> = {
  control: Control<T>;
  name: FieldPath<T>;
  legend: string;
  options: Option[];
  error?: string;
  inline?: boolean;
  help?: string;
};

/**
 * Checkboxes bound to one string[] field. A Controller rather than register(): with a single
 * option RHF would give a boolean instead of a one-element list.
 */
export function CheckboxGroup<T extends FieldValues>({ control, name, legend, options, error, inline, help }: Props<T>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => {
        const value = (field.value ?? []) as string[];
        const toggle = (v: string, checked: boolean) =>
          field.onChange(checked ? [...value.filter((x) => x !== v), v] : value.filter((x) => x !== v));
        return (
          <fieldset className="mb-3">
            <legend className="form-label fs-6 mb-1">{legend}</legend>
            {options.length === 0 && <div className="small text-muted">Nothing to choose from yet.</div>}
            {options.map((o) => (
              <Form.Check
                key={o.value}
                inline={inline}
                type="checkbox"
                id={`${name}-${o.value}`}
                label={o.hint ? `${o.label} (${o.hint})` : o.label}
                checked={value.includes(o.value)}
                onChange={(e) => toggle(o.value, e.currentTarget.checked)}
                onBlur={field.onBlur}
                isInvalid={!!error}
              />
            ))}
            {help && <Form.Text className="d-block">{help}</Form.Text>}
            {error && <div className="invalid-feedback d-block">{error}</div>}
          </fieldset>
        );
      }}
    />
  );
}
