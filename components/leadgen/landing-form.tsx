'use client';

import { faCircleCheck } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import { useActionState } from 'react';
import type { LandingField, LandingFormState } from '@/lib/leadgen/schema';

type Props = {
  action: (prev: LandingFormState, formData: FormData) => Promise<LandingFormState>;
  fields: LandingField[];
  consentText: string;
  utm: Record<string, string>;
};

// Plain inputs (no react-bootstrap) so the server-rendered HTML is a complete form that posts
// without JavaScript; useActionState carries errors and values back either way.
export function LandingForm({ action, fields, consentText, utm }: Props) {
  const [state, formAction, isPending] = useActionState(action, { status: 'idle' });
  if (state.status === 'success') {
    return (
      <div className="alert alert-success d-flex gap-2 align-items-center" role="status">
        <FontAwesomeIcon icon={faCircleCheck} />
        <span>{state.message}</span>
      </div>
    );
  }
  const errors = state.status === 'error' ? state.fields : {};
  const values = state.status === 'error' ? state.values : {};
  return (
    <form action={formAction} noValidate>
      {state.status === 'error' && (
        <div className="alert alert-danger" role="alert">
          {state.message}
        </div>
      )}
      {Object.entries(utm).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {fields.map((f) => (
        <div className="mb-3" key={f.name}>
          <label htmlFor={`lp-${f.name}`} className="form-label">
            {f.label}
            {f.required && <span aria-hidden="true"> *</span>}
          </label>
          <input
            id={`lp-${f.name}`}
            name={f.name}
            type={f.type}
            required={f.required}
            defaultValue={values[f.name] ?? ''}
            autoComplete={f.type === 'tel' ? 'tel' : f.type === 'email' ? 'email' : f.name === 'name' ? 'name' : 'on'}
            className={`form-control form-control-lg${errors[f.name] ? ' is-invalid' : ''}`}
            aria-invalid={errors[f.name] ? true : undefined}
            aria-describedby={errors[f.name] ? `lp-${f.name}-error` : undefined}
          />
          {errors[f.name] && (
            <div id={`lp-${f.name}-error`} className="invalid-feedback">
              {errors[f.name]}
            </div>
          )}
        </div>
      ))}
      <div className="form-check mb-3">
        <input
          id="lp-consent"
          name="consent"
          type="checkbox"
          className={`form-check-input${errors.consent ? ' is-invalid' : ''}`}
          defaultChecked={values.consent === 'on'}
          aria-describedby={errors.consent ? 'lp-consent-error' : undefined}
        />
        <label htmlFor="lp-consent" className="form-check-label small">
          {consentText}
        </label>
        {errors.consent && (
          <div id="lp-consent-error" className="invalid-feedback">
            {errors.consent}
          </div>
        )}
      </div>
      <button type="submit" className="btn btn-success btn-lg w-100" disabled={isPending}>
        {isPending ? 'Sending…' : 'Message me on WhatsApp'}
      </button>
    </form>
  );
}
