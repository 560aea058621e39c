'use client';

import { CopyStatus, useCopy } from '@/components/ui/copy-to-clipboard';
import type { LandingPageVariant } from '@/db/schema/leads';
import { UTM_PRESETS, type BuiltShareLink, type ShareParam, type ShareParams } from '@/lib/landing-pages/share-links';
import { chooseVariant } from '@/lib/leadgen/schema';

type Props = {
  params: ShareParams;
  onChange: (params: ShareParams) => void;
  built: BuiltShareLink;
  variants: LandingPageVariant[];
  onQr: (link: string) => void;
};

const FIELDS: { param: ShareParam; label: string; help: string }[] = [
  { param: 'utm_source', label: 'Source (utm_source)', help: 'Where the click comes from: facebook, newsletter, qr…' },
  { param: 'utm_medium', label: 'Medium (utm_medium)', help: 'The kind of traffic: cpc, social, email, print…' },
  { param: 'utm_campaign', label: 'Campaign (utm_campaign)', help: 'The promotion, e.g. black-friday.' },
  { param: 'utm_term', label: 'Term (utm_term)', help: 'Paid search keywords (optional).' },
  { param: 'utm_content', label: 'Content (utm_content)', help: 'Which ad or link, to tell them apart (optional).' },
  { param: 'ref', label: 'Referral code (ref)', help: 'A partner or affiliate code, kept on the lead (optional).' },
];

const unique = (values: string[]) => [...new Set(values.filter(Boolean))];

// Inputs for the tags the public page records on each lead, with presets for common sources and,
// when the page has variants, their values offered so a link can hit one on purpose.
export function ShareUtmBuilder({ params, onChange, built, variants, onQr }: Props) {
  const link = useCopy();
  const suggestions: Partial<Record<ShareParam, string[]>> = {
    utm_source: unique([...variants.filter((v) => v.match === 'utm_source').map((v) => v.value), ...UTM_PRESETS.map((p) => p.source)]),
    utm_medium: unique(UTM_PRESETS.map((p) => p.medium)),
    utm_campaign: unique(variants.filter((v) => v.match === 'utm_campaign').map((v) => v.value)),
  };
  const variant = built.link ? chooseVariant(variants, params) : null;
  const set = (param: ShareParam, value: string) => onChange({ ...params, [param]: value });
  return (
    <div className="bg-white rounded shadow-sm p-3 h-100">
      <h3 className="h6">UTM link builder</h3>
      <div className="d-flex flex-wrap gap-2 mb-3" role="group" aria-label="Presets for common sources">
        {UTM_PRESETS.map((p) => {
          const isActive = params.utm_source === p.source && params.utm_medium === p.medium;
          return (
            <button
              key={p.label}
              type="button"
              className={`btn btn-sm ${isActive ? 'btn-secondary' : 'btn-outline-secondary'}`}
              aria-pressed={isActive}
              onClick={() => onChange({ ...params, utm_source: p.source, utm_medium: p.medium })}
            >
              {p.label}
            </button>
          );
        })}
        <button type="button" className="btn btn-sm btn-link" onClick={() => onChange({})}>
          Clear tags
        </button>
      </div>
      <div className="row g-2">
        {FIELDS.map((f) => {
          const id = `share-${f.param}`;
          const error = built.errors[f.param];
          const options = suggestions[f.param] ?? [];
          return (
            <div className="col-sm-6" key={f.param}>
              <label className="form-label small mb-1" htmlFor={id}>
                {f.label}
              </label>
              <input
                id={id}
                className={`form-control form-control-sm${error ? ' is-invalid' : ''}`}
                value={params[f.param] ?? ''}
                onChange={(e) => set(f.param, e.target.value)}
                list={options.length > 0 ? `${id}-options` : undefined}
                aria-describedby={`${id}-help`}
                aria-invalid={error ? true : undefined}
                autoComplete="off"
                spellCheck={false}
              />
              {options.length > 0 && (
                <datalist id={`${id}-options`}>
                  {options.map((o) => (
                    <option key={o} value={o} />
                  ))}
                </datalist>
              )}
              <div id={`${id}-help`} className={error ? 'invalid-feedback' : 'form-text mt-0'}>
                {error ?? f.help}
              </div>
            </div>
          );
        })}
      </div>
      <label className="form-label mt-3" htmlFor="share-link">
        Link with tags
      </label>
      <div className="input-group">
        <input id="share-link" className="form-control font-monospace" readOnly value={built.link ?? ''} placeholder="Fix the tags above" aria-describedby="share-link-help" />
        <button type="button" className="btn btn-outline-primary" disabled={!built.link} onClick={() => built.link && link.copy(built.link, 'share-link')}>
          Copy link
        </button>
        <button type="button" className="btn btn-outline-secondary" disabled={!built.link || built.isTooLongForQr} onClick={() => built.link && onQr(built.link)}>
          QR of this link
        </button>
      </div>
      <CopyStatus id="share-link-status" state={link.state} />
      <div id="share-link-help" className="form-text mt-0">
        {built.isTooLongForQr
          ? 'This link is too long for a QR code that scans reliably: shorten the tags.'
          : variants.length === 0
            ? 'Each tag is kept on the leads who arrive through this link.'
            : variant
              ? `Visitors of this link see the variant “${variant.key}”.`
              : 'No variant matches these tags: visitors see the page’s own content.'}
      </div>
    </div>
  );
}
