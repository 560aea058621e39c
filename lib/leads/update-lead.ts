import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { leads, type Lead } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { emitLeadSaved } from '@/lib/outbound-webhooks/emit-outbound-event';
import { recordLeadChanges, type LeadChangeActor } from './record-lead-changes';
import { leadFormSchema } from './schema';
import { assertPhoneFree, DuplicatePhoneError, formToColumns, normalizeFormPhone } from './save-lead-fields';
import { isId } from '@/lib/validation/strict-values';

/** `actor`: who edits, for the lead's timeline (lead_changes); none records no change rows. */
export type UpdateLeadContext = { workspaceId: string; defaultCountry: string; actor?: LeadChangeActor };

const isUniqueViolation = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && ((err as { code?: string }).code === '23505' || isUniqueViolation((err as { cause?: unknown }).cause));

/** Saves the edit form over a lead of this workspace; another workspace's id is "not found". */
export async function updateLead(ctx: UpdateLeadContext, leadId: string, input: unknown): Promise<Lead> {
  if (!isId(leadId)) throw new AppError('NOT_FOUND', 'This lead does not exist.');
  const values = parseInput(leadFormSchema, input);
  const phoneE164 = normalizeFormPhone(values.phone, ctx.defaultCountry);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx
        .select()
        .from(leads)
        .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, leadId)))
        .for('update');
      if (!current) throw new AppError('NOT_FOUND', 'This lead does not exist.');
      const phoneChanged = current.phoneE164 !== phoneE164;
      if (phoneChanged) await assertPhoneFree(tx, ctx.workspaceId, phoneE164, leadId);
      const [saved] = await tx
        .update(leads)
        .set({
          ...formToColumns(values, current),
          phoneE164,
          // A stage the admin changed is theirs from now on: events stop moving it.
          lifecycleSetByHandAt: values.lifecycleStatus !== current.lifecycleStatus ? new Date() : current.lifecycleSetByHandAt,
          // WhatsApp's id belonged to the old number; the next inbound message sets it again.
          waId: phoneChanged ? null : current.waId,
          updatedAt: sql`now()`,
        })
        .where(and(eq(leads.workspaceId, ctx.workspaceId), eq(leads.id, leadId)))
        .returning();
      if (ctx.actor) await recordLeadChanges(tx, current, saved, ctx.actor);
      await emitLeadSaved(tx, current, saved);
      return saved;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new DuplicatePhoneError('');
    throw err;
  }
}
