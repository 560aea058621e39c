import type { Lead } from '@/db/schema';
import { MERGE_FIELDS, type MergeField, type MergeSide } from './schema';

export type MergedValues = Pick<
  Lead,
  | 'name'
  | 'email'
  | 'phoneE164'
  | 'waId'
  | 'source'
  | 'tags'
  | 'attributes'
  | 'consentAt'
  | 'consentSource'
  | 'consentText'
  | 'optedOutAt'
  | 'lifecycleStatus'
  | 'lifecycleSetByHandAt'
  | 'lastInboundAt'
  | 'createdAt'
>;

const isEmpty = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '') ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

function fieldValue(lead: Lead, field: MergeField): unknown {
  if (field === 'phone') return lead.phoneE164;
  if (field === 'lifecycle') return lead.lifecycleStatus;
  return lead[field];
}

/** The default side of a field: the newest lead's value unless it is empty, then the other's. */
export function defaultSide(survivor: Lead, merged: Lead, field: MergeField): MergeSide {
  const newest: MergeSide = merged.updatedAt.getTime() > survivor.updatedAt.getTime() ? 'merged' : 'survivor';
  const pick = newest === 'merged' ? merged : survivor;
  if (!isEmpty(fieldValue(pick, field))) return newest;
  return newest === 'merged' ? 'survivor' : 'merged';
}

export function resolveChoices(survivor: Lead, merged: Lead, given: Partial<Record<MergeField, MergeSide>>): Record<MergeField, MergeSide> {
  return Object.fromEntries(MERGE_FIELDS.map((f) => [f, given[f] ?? defaultSide(survivor, merged, f)])) as Record<MergeField, MergeSide>;
}

const earliest = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a <= b ? a : b);
const latest = (a: Date | null, b: Date | null) => (!a ? b : !b ? a : a >= b ? a : b);

/**
 * The surviving lead's columns after a merge. Chosen per field: name, e-mail, phone (with its
 * wa_id), lifecycle stage (with its hand-set mark), and which side wins attribute conflicts.
 * Fixed rules: tags are united; consent keeps the earliest opt-in (with its source and text);
 * an opt-out on either lead survives; the lead is as old as its older half, with that half's source.
 */
export function mergeValues(survivor: Lead, merged: Lead, choices: Record<MergeField, MergeSide>): MergedValues {
  const side = (f: MergeField) => (choices[f] === 'merged' ? merged : survivor);
  const older = merged.createdAt < survivor.createdAt ? merged : survivor;
  const consentFrom = !merged.consentAt ? survivor : !survivor.consentAt ? merged : merged.consentAt < survivor.consentAt ? merged : survivor;
  const attrWinner = side('attributes');
  const attrLoser = attrWinner === survivor ? merged : survivor;
  return {
    name: side('name').name,
    email: side('email').email,
    phoneE164: side('phone').phoneE164,
    waId: side('phone').waId ?? (side('phone') === survivor ? merged.waId : survivor.waId),
    source: older.source,
    tags: [...new Set([...survivor.tags, ...merged.tags])],
    attributes: { ...attrLoser.attributes, ...attrWinner.attributes },
    consentAt: consentFrom.consentAt,
    consentSource: consentFrom.consentSource,
    consentText: consentFrom.consentText,
    optedOutAt: latest(survivor.optedOutAt, merged.optedOutAt),
    lifecycleStatus: side('lifecycle').lifecycleStatus,
    lifecycleSetByHandAt: side('lifecycle').lifecycleSetByHandAt,
    lastInboundAt: latest(survivor.lastInboundAt, merged.lastInboundAt),
    createdAt: earliest(survivor.createdAt, merged.createdAt) ?? survivor.createdAt,
  };
}
