import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { env } from '@/lib/env';

// The public form carries the time it was rendered, signed so a script cannot forge an old one:
// a submission sooner than LEADGEN_MIN_FILL_MS (2.5 s by default) after rendering is a bot
// (people take seconds to type).
// A form left open for a day is still accepted; older tokens (or none) are treated as bots too.
const MAX_AGE_MS = 24 * 60 * 60 * 1000;

function sign(slug: string, ms: number): string {
  return createHmac('sha256', env().authSecret).update(`lp-form:${slug}:${ms}`).digest('base64url');
}

export function issueFormToken(slug: string, now = Date.now()): string {
  return `${now}.${sign(slug, now)}`;
}

/** Is this token ours, for this page, and old enough (and not too old)? */
export function checkFormToken(slug: string, token: string | undefined, opts: { now?: number; minFillMs?: number } = {}): 'ok' | 'too_fast' | 'invalid' {
  const m = /^(\d{10,16})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
  if (!m) return 'invalid';
  const ms = Number(m[1]);
  const expected = Buffer.from(sign(slug, ms));
  const got = Buffer.from(m[2]);
  if (expected.length !== got.length || !timingSafeEqual(expected, got)) return 'invalid';
  const age = (opts.now ?? Date.now()) - ms;
  if (age > MAX_AGE_MS || age < -60_000) return 'invalid';
  return age < (opts.minFillMs ?? env().LEADGEN_MIN_FILL_MS) ? 'too_fast' : 'ok';
}
