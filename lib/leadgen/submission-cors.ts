import 'server-only';
import { getPublicLandingPage } from './get-public-landing-page';

/** CORS headers for a page's JSON endpoint: only origins listed on the page are echoed back. */
export async function submissionCorsHeaders(slug: string, origin: string | null): Promise<Record<string, string>> {
  const base: Record<string, string> = { Vary: 'Origin' };
  if (!origin) return base;
  const page = await getPublicLandingPage(slug);
  if (!page || !page.corsOrigins.includes(origin)) return base;
  return {
    ...base,
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Allow-Methods': 'POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Content-Type',
    'Access-Control-Max-Age': '600',
  };
}

/** A JSON body's values as the form's strings (true -> "on" for checkboxes and consent). */
export function toFormValues(body: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!body || typeof body !== 'object' || Array.isArray(body)) return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number') out[k] = String(v);
    else if (v === true) out[k] = 'on';
    else if (v === false) out[k] = '';
  }
  return out;
}
