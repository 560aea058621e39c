import { z } from 'zod';
import type { LandingPage } from '@/db/schema';

export type LandingField = LandingPage['fields'][number];

const STANDARD = new Set(['name', 'phone', 'email']);

/** The submission schema of one landing page, built from its field list (shared by page and server). */
export function landingSubmissionSchema(fields: LandingField[]) {
  const shape: Record<string, z.ZodType> = {
    phone: z.string().trim().min(1, 'Enter your WhatsApp number').max(40, 'That number is too long'),
    consent: z.literal('on', { error: 'Please agree so we can message you on WhatsApp' }),
  };
  for (const f of fields) {
    if (f.name === 'phone') continue;
    let field: z.ZodType = f.type === 'email'
      ? z.string().trim().toLowerCase().max(200).pipe(z.email('Enter a valid email address'))
      : z.string().trim().max(200, 'Keep it under 200 characters');
    if (f.required) {
      field = z.string().trim().min(1, `Enter your ${f.label.toLowerCase()}`).pipe(field as z.ZodString);
    } else {
      field = z.union([z.literal('').transform(() => undefined), field]).optional();
    }
    shape[f.name] = field;
  }
  for (const utm of ['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content']) {
    shape[utm] = z.string().trim().max(200).optional();
  }
  return z.object(shape);
}

export function isStandardField(name: string): boolean {
  return STANDARD.has(name);
}

export type LandingFormState =
  | { status: 'idle' }
  | { status: 'success'; message: string }
  | { status: 'error'; message: string; fields: Record<string, string>; values: Record<string, string> };
