'use client';

import { faCircleCheck } from '@fortawesome/free-solid-svg-icons';
import { FontAwesomeIcon } from '@fortawesome/react-fontawesome';
import { useActionState } from 'react';
import type { LandingField, LandingFormState } from '@/lib/leadgen/schema';

type Props = {
  action?: (prev: LandingFormState, formData: FormData) => Promise<LandingFormState>;
  fields: LandingField[];
  consentText: string;
  hidden: Record<string, string>;
  token: string;
  buttonLabel: string;
  brandColor: string;
  defaultCountry: string;
  // Cloudflare Turnstile's widget (its script is loaded by the page with the CSP nonce).
  turnstileSiteKey?: string | null;
};

const COUNTRIES = ['BR', 'PT', 'US', 'MX', 'AR', 'CO', 'CL', 'PE', 'ES', 'GB', 'DE', 'FR', 'IT', 'IN'];

const noop = async (prev: LandingFormState) => prev;

// Plain inputs (no react-bootstrap) so the server-rendered HTML is a complete form that posts
// without JavaScript; useActionState carries errors and values back either way.
export function LandingForm({ action, fields, consentText, hidden, token, buttonLabel, brandColor, defaultCountry, turnstileSiteKey }: Props) {
  const [state, formAction, isPending] = useActionState(action ?? noop, { status: 'idle' });
  if (state.status === 'success') {
    return (
      <div role="status">
        <div className="alert alert-success d-flex gap-2 align-items-center">
          <FontAwesomeIcon icon={faCircleCheck} />
          <span>{state.message}</span>
        </div>
        {state.whatsappUrl && (
          <a className="btn btn-success btn-lg w-100" href={state.whatsappUrl} rel="noopener noreferrer">
            Continue on WhatsApp
          </a>
        )}
      </div>
    );
  }
  const errors = state.status === 'error' ? state.fields : {};
  const values = state.status === 'error' ? state.values : {};
  const countries = COUNTRIES.includes(defaultCountry) ? COUNTRIES : [defaultCountry, ...COUNTRIES];
  const describedBy = (name: string) => (errors[name] ? `lp-${name}-error` : undefined);
  const error = (name: string) =>
    errors[name] && (
      <div id={`lp-${name}-error`} className="invalid-feedback d-block">
        {errors[name]}
      </div>
    );
  return (
    <form action={action ? formAction : undefined} noValidate aria-label="Sign up">
      {state.status === 'error' && (
        <div className="alert alert-danger" role="alert">
          {state.message}
        </div>
      )}
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <input type="hidden" name="_lpt" value={token} />
      {/* Honeypot: invisible to people (and to screen readers), filled by naive bots. */}
      <div aria-hidden="true" style={{ position: 'absolute', left: '-10000px', width: 1, height: 1, overflow: 'hidden' }}>
        <label htmlFor="lp-website">Website</label>
        <input id="lp-website" name="website" type="text" tabIndex={-1} autoComplete="off" defaultValue="" />
      </div>
      {fields
        .filter((f) => f.type !== 'hidden')
        .map((f) => {
          const invalid = errors[f.name] ? ' is-invalid' : '';
          const common = {
            id: `lp-${f.name}`,
            name: f.name,
            required: f.required,
            'aria-invalid': errors[f.name] ? true : undefined,
            'aria-describedby': describedBy(f.name),
          } as const;
          if (f.type === 'checkbox') {
            return (
              <div className="form-check mb-3" key={f.name}>
                <input {...common} type="checkbox" className={`form-check-input${invalid}`} defaultChecked={['on', 'yes', 'true'].includes(values[f.name] ?? '')} />
                <label htmlFor={common.id} className="form-check-label">
                  {f.label}
                  {f.required && <span aria-hidden="true"> *</span>}
                </label>
                {error(f.name)}
              </div>
            );
          }
          return (
            <div className="mb-3" key={f.name}>
              <label htmlFor={common.id} className="form-label">
                {f.label}
                {f.required && <span aria-hidden="true"> *</span>}
              </label>
              {f.type === 'tel' ? (
                <div className="input-group">
                  <select name="phone_country" aria-label="Country" className="form-select form-select-lg" style={{ maxWidth: '6.5rem' }} defaultValue={values.phone_country ?? defaultCountry}>
                    {countries.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                  <input {...common} type="tel" autoComplete="tel" inputMode="tel" defaultValue={values[f.name] ?? ''} className={`form-control form-control-lg${invalid}`} />
                </div>
              ) : f.type === 'textarea' ? (
                <textarea {...common} rows={3} defaultValue={values[f.name] ?? ''} className={`form-control${invalid}`} />
              ) : f.type === 'select' ? (
                <select {...common} defaultValue={values[f.name] ?? ''} className={`form-select form-select-lg${invalid}`}>
                  <option value="">Choose…</option>
                  {(f.options ?? []).map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  {...common}
                  type={f.type}
                  defaultValue={values[f.name] ?? ''}
                  autoComplete={f.type === 'email' ? 'email' : f.name === 'name' ? 'name' : 'on'}
                  className={`form-control form-control-lg${invalid}`}
                />
              )}
              {error(f.name)}
            </div>
          );
        })}
      <div className="form-check mb-3">
        <input
          id="lp-consent"
          name="consent"
          type="checkbox"
          className={`form-check-input${errors.consent ? ' is-invalid' : ''}`}
          defaultChecked={values.consent === 'on'}
          aria-describedby={describedBy('consent')}
        />
        <label htmlFor="lp-consent" className="form-check-label small">
          {consentText}
        </label>
        {error('consent')}
      </div>
      {turnstileSiteKey && <div className="cf-turnstile mb-3" data-sitekey={turnstileSiteKey} data-response-field-name="cf-turnstile-response" />}
      <button type="submit" className="btn btn-lg w-100 text-white" style={{ backgroundColor: brandColor, borderColor: brandColor }} disabled={isPending || !action}>
        {isPending ? 'Sending…' : buttonLabel}
      </button>
    </form>
  );
}
