'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Controller, useFieldArray, useForm, useWatch, type Control } from 'react-hook-form';
import { LANDING_FIELD_TYPES } from '@/db/schema/leads';
import { LandingView } from '@/components/leadgen/landing-view';
import { applyImageChoices, LandingImageInput, usePreviewImage, type ImageChoice, type StoredImage } from './landing-image-input';
import type { ActionResult } from '@/lib/http/action-result';
import { landingPageFormSchema, type LandingPageFormValues, type LandingPageInput } from '@/lib/leadgen/schema';

type Props = {
  initial: LandingPageFormValues;
  campaigns: { id: string; name: string; isEveryPage: boolean }[];
  submitLabel: string;
  save: (values: LandingPageInput) => Promise<ActionResult<{ id: string }>>;
  // Saves an existing page: used after a new page was created but its image failed to upload.
  update: (id: string, values: LandingPageInput) => Promise<ActionResult<{ id: string }>>;
  images?: StoredImage[];
};

const TYPE_LABELS: Record<string, string> = { text: 'Text', tel: 'Phone', email: 'E-mail', textarea: 'Long text', select: 'Select', checkbox: 'Checkbox', date: 'Date', hidden: 'Hidden (from URL)' };

function ListInput({ control, name, label, id }: { control: Control<LandingPageFormValues>; name: 'tags' | 'corsOrigins' | 'embedOrigins'; label: string; id: string }) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <div className="mb-3">
          <label className="form-label" htmlFor={id}>
            {label}
          </label>
          <input
            id={id}
            className={`form-control${fieldState.error ? ' is-invalid' : ''}`}
            defaultValue={(field.value ?? []).join(', ')}
            onChange={(e) => field.onChange(e.target.value.split(',').map((s) => s.trim()).filter(Boolean))}
          />
          {fieldState.error && <div className="invalid-feedback">{fieldState.error.message ?? 'Check this list'}</div>}
        </div>
      )}
    />
  );
}

// The builder: the form on the left, and on the right the public page's own component with the
// unsaved values at phone width (the preview is the page, not a look-alike).
export function LandingPageEditor({ initial, campaigns, submitLabel, save, update, images = [] }: Props) {
  const router = useRouter();
  const [formError, setFormError] = useState<string | null>(null);
  const [savedId, setSavedId] = useState<string | null>(null);
  const storedBySlot = new Map(images.map((i) => [i.slot, i]));
  // Image choices by slot: 'hero', or 'v:<variant row id>' (a variant's key may be edited before saving).
  const [choices, setChoices] = useState<Record<string, ImageChoice>>({});
  const choiceFor = (k: string, stored: StoredImage | null): ImageChoice => choices[k] ?? { file: null, alt: stored?.alt ?? '', remove: false };
  const setChoice = (k: string) => (c: ImageChoice) => setChoices((prev) => ({ ...prev, [k]: c }));
  const form = useForm<LandingPageFormValues, unknown, LandingPageInput>({ resolver: zodResolver(landingPageFormSchema), defaultValues: initial });
  const { register, control, handleSubmit, setError, formState } = form;
  const { errors, isSubmitting } = formState;
  const fields = useFieldArray({ control, name: 'fields' });
  const variants = useFieldArray({ control, name: 'variants' });
  const watched = useWatch({ control }) as LandingPageFormValues;
  const heroPreview = usePreviewImage(storedBySlot.get('') ?? null, choices.hero);

  const onSubmit = handleSubmit(async (values) => {
    setFormError(null);
    const result = savedId ? await update(savedId, values) : await save(values);
    if (result.ok) {
      const slots = [
        { slot: '', key: 'hero' },
        ...variants.fields.map((f, i) => ({ slot: values.variants[i]?.key ?? '', key: `v:${f.id}` })),
      ].filter((x) => choices[x.key] && (x.key === 'hero' || x.slot));
      const imageError = await applyImageChoices(
        result.data.id,
        slots.map((x) => ({ slot: x.slot, stored: storedBySlot.get(x.slot) ?? null, choice: choices[x.key] })),
      );
      if (imageError) {
        setSavedId(result.data.id);
        setFormError(imageError);
        return;
      }
      router.push(`/landing-pages/${result.data.id}`);
      router.refresh();
      return;
    }
    for (const [field, message] of Object.entries(result.fields ?? {})) setError(field as keyof LandingPageFormValues, { message });
    setFormError(result.message);
  });

  const text = (name: keyof LandingPageFormValues, label: string, opts: { textarea?: boolean; help?: string } = {}) => {
    const err = errors[name]?.message as string | undefined;
    const id = `lpe-${name}`;
    return (
      <div className="mb-3">
        <label className="form-label" htmlFor={id}>
          {label}
        </label>
        {opts.textarea ? (
          <textarea id={id} rows={4} className={`form-control${err ? ' is-invalid' : ''}`} {...register(name)} />
        ) : (
          <input id={id} className={`form-control${err ? ' is-invalid' : ''}`} {...register(name)} />
        )}
        {opts.help && <div className="form-text">{opts.help}</div>}
        {err && <div className="invalid-feedback">{err}</div>}
      </div>
    );
  };

  return (
    <div className="row g-4">
      <form className="col-lg-7" noValidate onSubmit={onSubmit} aria-label="Landing page">
        {formError && (
          <div className="alert alert-danger" role="alert">
            {formError}
          </div>
        )}
        <fieldset className="bg-white rounded shadow-sm p-3 mb-3">
          <legend className="h6">Content</legend>
          {text('title', 'Title (internal)')}
          {text('slug', 'Slug', { help: 'The public address: /lp/<slug>. Renaming keeps the old address redirecting here.' })}
          <div className="mb-3">
            <label className="form-label" htmlFor="lpe-status">
              Status
            </label>
            <select id="lpe-status" className="form-select" {...register('status')}>
              <option value="draft">Draft (only your workspace sees it)</option>
              <option value="published">Published</option>
              <option value="archived">Archived (answers “no longer available”)</option>
            </select>
          </div>
          <LandingImageInput id="lpe-image" label="Hero image (optional)" stored={storedBySlot.get('') ?? null} choice={choiceFor('hero', storedBySlot.get('') ?? null)} onChange={setChoice('hero')} />
          {text('headline', 'Headline')}
          {text('description', 'Body', { textarea: true, help: 'Markdown subset: **bold**, *italic*, [link](https://…), “- ” lists. No HTML.' })}
          {text('brandColor', 'Brand colour')}
          {text('buttonLabel', 'Button label')}
          {text('successMessage', 'Thank-you text', { help: 'Shown when a welcome message was queued; otherwise visitors see “Thanks! We have your details.”' })}
          {text('redirectUrl', 'Redirect after submit (optional, https only)')}
          {text('whatsappNumber', '“Continue on WhatsApp” number (optional)')}
          {text('whatsappText', 'Prefilled WhatsApp text')}
        </fieldset>

        <fieldset className="bg-white rounded shadow-sm p-3 mb-3">
          <legend className="h6">Form fields</legend>
          {text('defaultCountry', 'Default phone country')}
          {fields.fields.map((f, i) => {
            const isCore = f.name === 'name' || f.name === 'phone';
            const ferr = errors.fields?.[i];
            return (
              <div key={f.id} className="border rounded p-2 mb-2" data-testid="form-field-row">
                <div className="row g-2 align-items-end">
                  <div className="col-sm-3">
                    <label className="form-label small" htmlFor={`lpe-f${i}-name`}>
                      Attribute key
                    </label>
                    <input id={`lpe-f${i}-name`} className={`form-control form-control-sm${ferr?.name ? ' is-invalid' : ''}`} readOnly={isCore} {...register(`fields.${i}.name`)} />
                    {ferr?.name && <div className="invalid-feedback">{ferr.name.message}</div>}
                  </div>
                  <div className="col-sm-3">
                    <label className="form-label small" htmlFor={`lpe-f${i}-label`}>
                      Label
                    </label>
                    <input id={`lpe-f${i}-label`} className={`form-control form-control-sm${ferr?.label ? ' is-invalid' : ''}`} {...register(`fields.${i}.label`)} />
                    {ferr?.label && <div className="invalid-feedback">{ferr.label.message}</div>}
                  </div>
                  <div className="col-sm-3">
                    <label className="form-label small" htmlFor={`lpe-f${i}-type`}>
                      Type
                    </label>
                    <select id={`lpe-f${i}-type`} className="form-select form-select-sm" disabled={isCore} {...register(`fields.${i}.type`)}>
                      {LANDING_FIELD_TYPES.map((t) => (
                        <option key={t} value={t}>
                          {TYPE_LABELS[t]}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="col-sm-2 form-check ms-2">
                    <input id={`lpe-f${i}-req`} type="checkbox" className="form-check-input" disabled={isCore} {...register(`fields.${i}.required`)} />
                    <label className="form-check-label small" htmlFor={`lpe-f${i}-req`}>
                      Required
                    </label>
                  </div>
                  {!isCore && (
                    <div className="col-auto">
                      <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => fields.remove(i)}>
                        Remove
                      </button>
                    </div>
                  )}
                </div>
                {watched.fields?.[i]?.type === 'select' && (
                  <Controller
                    control={control}
                    name={`fields.${i}.options`}
                    render={({ field, fieldState }) => (
                      <div className="mt-2">
                        <label className="form-label small" htmlFor={`lpe-f${i}-options`}>
                          Options (comma-separated)
                        </label>
                        <input
                          id={`lpe-f${i}-options`}
                          className={`form-control form-control-sm${fieldState.error ? ' is-invalid' : ''}`}
                          defaultValue={(field.value ?? []).join(', ')}
                          onChange={(e) => field.onChange(e.target.value.split(',').map((s) => s.trim()).filter(Boolean))}
                        />
                        {fieldState.error && <div className="invalid-feedback">{fieldState.error.message}</div>}
                      </div>
                    )}
                  />
                )}
                {watched.fields?.[i]?.type === 'hidden' && (
                  <div className="mt-2">
                    <label className="form-label small" htmlFor={`lpe-f${i}-param`}>
                      URL parameter
                    </label>
                    <input id={`lpe-f${i}-param`} className={`form-control form-control-sm${ferr?.param ? ' is-invalid' : ''}`} {...register(`fields.${i}.param`)} />
                    {ferr?.param && <div className="invalid-feedback">{ferr.param.message}</div>}
                  </div>
                )}
              </div>
            );
          })}
          <button type="button" className="btn btn-sm btn-outline-primary" onClick={() => fields.append({ name: `field_${fields.fields.length + 1}`, label: 'New field', type: 'text', required: false })}>
            Add field
          </button>
          {errors.fields?.message && <div className="text-danger small mt-2">{errors.fields.message}</div>}
        </fieldset>

        <fieldset className="bg-white rounded shadow-sm p-3 mb-3">
          <legend className="h6">Consent and what happens next</legend>
          {text('consentText', 'Consent text', { textarea: true })}
          <ListInput control={control} name="tags" label="Tags to add (comma-separated)" id="lpe-tags" />
          {text('sourceLabel', 'Source label')}
          <Controller
            control={control}
            name="campaignIds"
            render={({ field, fieldState }) => (
              <div className="mb-3" role="group" aria-labelledby="lpe-campaigns-label">
                <div id="lpe-campaigns-label" className="form-label">
                  Automated campaigns that react
                </div>
                {campaigns.length === 0 && <p className="small text-muted mb-0">No automated campaigns yet.</p>}
                {campaigns.map((c) => (
                  <div className="form-check" key={c.id}>
                    <input
                      id={`lpe-c-${c.id}`}
                      type="checkbox"
                      className="form-check-input"
                      disabled={c.isEveryPage}
                      checked={c.isEveryPage || (field.value ?? []).includes(c.id)}
                      onChange={(e) => field.onChange(e.target.checked ? [...(field.value ?? []), c.id] : (field.value ?? []).filter((x) => x !== c.id))}
                    />
                    <label className="form-check-label" htmlFor={`lpe-c-${c.id}`}>
                      {c.name}
                      {c.isEveryPage && <span className="text-muted small"> (reacts to every page)</span>}
                    </label>
                  </div>
                ))}
                {fieldState.error && <div className="text-danger small">{fieldState.error.message}</div>}
              </div>
            )}
          />
          <ListInput control={control} name="corsOrigins" label="Sites allowed to post to the JSON endpoint (origins, comma-separated)" id="lpe-cors" />
        </fieldset>

        {/* The Share panel's embed snippet points here when framing is off. */}
        <fieldset id="lpe-embedding" className="bg-white rounded shadow-sm p-3 mb-3">
          <legend className="h6">Embedding on other sites</legend>
          <div className="form-check mb-2">
            <input id="lpe-allowEmbedding" type="checkbox" className="form-check-input" {...register('allowEmbedding')} />
            <label className="form-check-label" htmlFor="lpe-allowEmbedding">
              Let other sites show this page in an iframe
            </label>
          </div>
          <ListInput control={control} name="embedOrigins" label="Only these sites (origins like https://shop.example.com, comma-separated; empty: any site)" id="lpe-embed-origins" />
        </fieldset>

        <fieldset className="bg-white rounded shadow-sm p-3 mb-3">
          <legend className="h6">Variants by source or campaign</legend>
          {variants.fields.map((v, i) => {
            const verr = errors.variants?.[i];
            return (
              <div key={v.id} className="border rounded p-2 mb-2 row g-2" data-testid="variant-row">
                <div className="col-sm-4">
                  <label className="form-label small" htmlFor={`lpe-v${i}-match`}>
                    When
                  </label>
                  <select id={`lpe-v${i}-match`} className="form-select form-select-sm" {...register(`variants.${i}.match`)}>
                    <option value="utm_campaign">utm_campaign</option>
                    <option value="utm_source">utm_source</option>
                  </select>
                </div>
                <div className="col-sm-4">
                  <label className="form-label small" htmlFor={`lpe-v${i}-value`}>
                    equals
                  </label>
                  <input id={`lpe-v${i}-value`} className={`form-control form-control-sm${verr?.value ? ' is-invalid' : ''}`} {...register(`variants.${i}.value`)} />
                  {verr?.value && <div className="invalid-feedback">{verr.value.message}</div>}
                </div>
                <div className="col-sm-4">
                  <label className="form-label small" htmlFor={`lpe-v${i}-key`}>
                    Variant name
                  </label>
                  <input id={`lpe-v${i}-key`} className={`form-control form-control-sm${verr?.key ? ' is-invalid' : ''}`} {...register(`variants.${i}.key`)} />
                  {verr?.key && <div className="invalid-feedback">{verr.key.message}</div>}
                </div>
                <div className="col-sm-6">
                  <label className="form-label small" htmlFor={`lpe-v${i}-headline`}>
                    Variant headline
                  </label>
                  <input id={`lpe-v${i}-headline`} className={`form-control form-control-sm${verr?.headline ? ' is-invalid' : ''}`} {...register(`variants.${i}.headline`)} />
                  {verr?.headline && <div className="invalid-feedback">{verr.headline.message}</div>}
                </div>
                <div className="col-sm-6">
                  <label className="form-label small" htmlFor={`lpe-v${i}-button`}>
                    Variant button
                  </label>
                  <input id={`lpe-v${i}-button`} className={`form-control form-control-sm${verr?.buttonLabel ? ' is-invalid' : ''}`} {...register(`variants.${i}.buttonLabel`)} />
                </div>
                <div className="col-12">
                  <label className="form-label small" htmlFor={`lpe-v${i}-description`}>
                    Variant body
                  </label>
                  <textarea id={`lpe-v${i}-description`} rows={2} className="form-control form-control-sm" {...register(`variants.${i}.description`)} />
                </div>
                <div className="col-12">
                  <LandingImageInput
                    id={`lpe-v${i}-image`}
                    label="Variant image (optional; else the hero image)"
                    stored={storedBySlot.get(watched.variants?.[i]?.key ?? '') ?? null}
                    choice={choiceFor(`v:${v.id}`, storedBySlot.get(watched.variants?.[i]?.key ?? '') ?? null)}
                    onChange={setChoice(`v:${v.id}`)}
                  />
                </div>
                <div className="col-12">
                  <button type="button" className="btn btn-sm btn-outline-danger" onClick={() => variants.remove(i)}>
                    Remove variant
                  </button>
                </div>
              </div>
            );
          })}
          <button
            type="button"
            className="btn btn-sm btn-outline-primary"
            onClick={() => variants.append({ key: `variant-${variants.fields.length + 1}`, match: 'utm_campaign', value: '', headline: watched.headline ?? '', description: '', buttonLabel: watched.buttonLabel ?? '' })}
          >
            Add variant
          </button>
        </fieldset>

        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          {isSubmitting ? 'Saving…' : submitLabel}
        </button>
      </form>
      <aside className="col-lg-5" aria-label="Live preview">
        <div className="small text-muted mb-1">Live preview (phone width)</div>
        <div className="border rounded overflow-auto bg-light mx-auto" style={{ width: 390, maxWidth: '100%' }} data-testid="live-preview">
          <LandingView
            page={{
              headline: watched.headline ?? '',
              description: watched.description ?? '',
              buttonLabel: watched.buttonLabel ?? '',
              brandColor: /^#[0-9a-fA-F]{6}$/.test(watched.brandColor ?? '') ? watched.brandColor : '#198754',
              consentText: watched.consentText ?? '',
              defaultCountry: watched.defaultCountry ?? 'BR',
              fields: (watched.fields ?? []).filter((f) => f && f.name) as LandingPageInput['fields'],
            }}
            image={heroPreview}
            variant={null}
            isPreview={false}
            hidden={{}}
            token=""
          />
        </div>
      </aside>
    </div>
  );
}
