import 'server-only';
import type { DbOrTx } from '@/db/client';
import { leadChanges, type Lead, type LeadChangeField } from '@/db/schema';

export type LeadChangeActor = { userId: string | null; channel: 'admin' | 'api' };

type Tracked = Pick<Lead, 'name' | 'email' | 'phoneE164' | 'lifecycleStatus' | 'optedOutAt' | 'consentAt'>;

const yesNo = (v: unknown) => (v ? 'yes' : 'no');

// Each tracked field as the text the timeline shows; an empty value is null.
const FIELDS: [LeadChangeField, (l: Tracked) => string | null][] = [
  ['name', (l) => l.name || null],
  ['email', (l) => l.email || null],
  ['phone', (l) => l.phoneE164],
  ['lifecycle_status', (l) => l.lifecycleStatus],
  ['opted_out', (l) => yesNo(l.optedOutAt)],
  ['consent', (l) => yesNo(l.consentAt)],
];

/** One lead_changes row per tracked field that differs between before and after the edit. */
export async function recordLeadChanges(db: DbOrTx, before: Lead, after: Tracked, actor: LeadChangeActor): Promise<number> {
  const rows = FIELDS.flatMap(([field, read]) => {
    const previous = read(before);
    const next = read(after);
    return previous === next ? [] : [{ workspaceId: before.workspaceId, leadId: before.id, field, previous, next, userId: actor.userId, channel: actor.channel }];
  });
  if (rows.length > 0) await db.insert(leadChanges).values(rows);
  return rows.length;
}
