import 'server-only';
import { and, eq, ne } from 'drizzle-orm';
import type { DbOrTx } from '@/db/client';
import { leads, type Lead } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { normalizePhone } from '@/lib/phones/normalize-phone';
import type { LeadFormValues } from './schema';

/** A phone that already belongs to another lead of the workspace; the form links to it. */
export class DuplicatePhoneError extends AppError {
  readonly existingLeadId: string;
  constructor(existingLeadId: string) {
    const message = 'Another lead already has this phone number.';
    super('CONFLICT', message, { fields: { phone: message } });
    this.existingLeadId = existingLeadId;
  }
}

/** The phone in E.164, or a field error saying why it is not one. */
export function normalizeFormPhone(phone: string, defaultCountry: string): string {
  const result = normalizePhone(phone, defaultCountry);
  if (!result.ok) {
    const message = `Not a valid WhatsApp number: ${result.reason}.`;
    throw new AppError('BAD_USER_INPUT', message, { fields: { phone: message } });
  }
  return result.e164;
}

export async function assertPhoneFree(db: DbOrTx, workspaceId: string, phoneE164: string, exceptLeadId?: string) {
  const [other] = await db
    .select({ id: leads.id })
    .from(leads)
    .where(and(eq(leads.workspaceId, workspaceId), eq(leads.phoneE164, phoneE164), exceptLeadId ? ne(leads.id, exceptLeadId) : undefined))
    .limit(1);
  if (other) throw new DuplicatePhoneError(other.id);
}

/** Form values -> lead columns (consent and opt-out keep their original time when unchanged). */
export function formToColumns(v: LeadFormValues, previous: Pick<Lead, 'consentAt' | 'consentSource' | 'optedOutAt'> | null) {
  const now = new Date();
  return {
    name: v.name || null,
    email: v.email || null,
    lifecycleStatus: v.lifecycleStatus,
    tags: [...new Set(v.tags.map((t) => t.trim()))],
    attributes: Object.fromEntries(v.attributes.map((a) => [a.key.trim(), a.value])),
    consentAt: v.hasConsent ? (previous?.consentAt ?? now) : null,
    consentSource: v.hasConsent ? (previous?.consentAt ? previous.consentSource : 'manual') : null,
    consentText: v.hasConsent ? v.consentText || null : null,
    optedOutAt: v.optedOut ? (previous?.optedOutAt ?? now) : null,
  };
}
