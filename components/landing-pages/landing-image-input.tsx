'use client';

import { useEffect, useState } from 'react';

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const TYPES = ['image/png', 'image/jpeg', 'image/webp'];

export type StoredImage = { slot: string; src: string; width: number; height: number; alt: string };
/** What the admin chose for one slot, uploaded after the page is saved. */
export type ImageChoice = { file: File | null; alt: string; remove: boolean };
export type PreviewImage = { src: string; width: number; height: number; alt: string } | null;

type Props = { id: string; label: string; stored: StoredImage | null; choice: ImageChoice; onChange: (c: ImageChoice) => void };

// One image slot of the builder (the hero, or a variant's): a file, its description, or removal.
// Size and type are checked here for a quick answer; the server checks again and resizes.
export function LandingImageInput({ id, label, stored, choice, onChange }: Props) {
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="mb-3">
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="file"
        accept={TYPES.join(',')}
        className={`form-control${error ? ' is-invalid' : ''}`}
        aria-describedby={`${id}-help${error ? ` ${id}-error` : ''}`}
        onChange={(e) => {
          const file = e.target.files?.[0] ?? null;
          const problem = !file ? null : !TYPES.includes(file.type) ? 'Choose a PNG, JPEG or WebP image' : file.size > MAX_IMAGE_BYTES ? 'The image is larger than 2 MB' : null;
          setError(problem);
          onChange({ ...choice, file: problem ? null : file, remove: false });
        }}
      />
      <div id={`${id}-help`} className="form-text">
        PNG, JPEG or WebP up to 2 MB; resized to at most 1600 px.
      </div>
      {error && (
        <div id={`${id}-error`} className="invalid-feedback">
          {error}
        </div>
      )}
      {(stored || choice.file) && (
        <>
          <label className="form-label small mt-2" htmlFor={`${id}-alt`}>
            Image description (for screen readers)
          </label>
          <input id={`${id}-alt`} className="form-control form-control-sm" maxLength={200} value={choice.alt} onChange={(e) => onChange({ ...choice, alt: e.target.value })} />
        </>
      )}
      {stored && !choice.file && (
        <div className="form-check mt-2">
          <input id={`${id}-remove`} type="checkbox" className="form-check-input" checked={choice.remove} onChange={(e) => onChange({ ...choice, remove: e.target.checked })} />
          <label className="form-check-label small" htmlFor={`${id}-remove`}>
            Remove the current image
          </label>
        </div>
      )}
    </div>
  );
}

/** The preview's image for a slot: the chosen file (a blob: URL), else the stored one, unless removed. */
export function usePreviewImage(stored: StoredImage | null, choice: ImageChoice | undefined): PreviewImage {
  const file = choice?.file ?? null;
  const [preview, setPreview] = useState<PreviewImage>(null);
  useEffect(() => {
    if (!file) return;
    const src = URL.createObjectURL(file);
    const img = new Image();
    img.onload = () => setPreview({ src, width: img.naturalWidth, height: img.naturalHeight, alt: '' });
    img.src = src;
    return () => URL.revokeObjectURL(src);
  }, [file]);
  if (file) return preview ? { ...preview, alt: choice?.alt ?? '' } : null;
  if (!stored || choice?.remove) return null;
  return { src: stored.src, width: stored.width, height: stored.height, alt: choice?.alt ?? stored.alt };
}

/** After the page is saved: uploads, re-describes or removes each slot's image. The first failure's message, or null. */
export async function applyImageChoices(pageId: string, choices: { slot: string; stored: StoredImage | null; choice: ImageChoice }[]): Promise<string | null> {
  for (const { slot, stored, choice } of choices) {
    const q = new URLSearchParams({ slot, alt: choice.alt.trim() });
    const url = `/api/landing-pages/${pageId}/image?${q}`;
    let res: Response | null = null;
    if (choice.file) res = await fetch(url, { method: 'POST', body: choice.file, headers: { 'Content-Type': choice.file.type } });
    else if (stored && choice.remove) res = await fetch(url, { method: 'DELETE' });
    else if (stored && choice.alt.trim() !== stored.alt) res = await fetch(url, { method: 'PATCH' });
    if (res && !res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      return `The page was saved, but its image was not: ${body?.error?.message ?? `error ${res.status}`}`;
    }
  }
  return null;
}
