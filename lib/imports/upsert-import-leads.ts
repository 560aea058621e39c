import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import { execRows, type Tx } from '@/db/client';
import type { ImportWithSettings } from './get-import';
import type { PreparedBatch } from './prepare-import-rows';
import type { ExistingLeadPolicy } from './schema';

/** What an existing lead becomes under each policy (`l` is the stored row, `excluded` the file's). */
function mergeExpressions(policy: ExistingLeadPolicy): { name: SQL; email: SQL; tags: SQL; attributes: SQL } {
  // Tags only ever add, in a stable order, so "nothing new" compares equal.
  const tags = sql`l.tags || array(select t from unnest(excluded.tags) t where t <> all(l.tags))`;
  if (policy === 'overwrite') {
    return {
      name: sql`coalesce(excluded.name, l.name)`,
      email: sql`coalesce(excluded.email, l.email)`,
      tags,
      attributes: sql`l.attributes || excluded.attributes`,
    };
  }
  return {
    name: sql`coalesce(nullif(l.name, ''), excluded.name)`,
    email: sql`coalesce(nullif(l.email, ''), excluded.email)`,
    tags,
    attributes: sql`excluded.attributes || l.attributes`,
  };
}

/** Does the mapping carry lifecycle, opt-out or consent columns (an export's)? Only then the wider statement runs. */
function mapsLeadState(imp: ImportWithSettings): boolean {
  return Object.values(imp.columnMapping).some((t) => t === 'lifecycle_status' || t === 'opted_out_at' || t === 'consent_at');
}

/**
 * The lifecycle, opt-out and consent part of the statement, when the file maps them. An opt-out
 * in a file is never undone by another file (the earliest one stays); consent is filled only
 * where the lead has none (a consent record is not rewritten); a stage of `new` means "no
 * stage"; under fill_empty a stage only replaces an automatic `new`.
 */
function stateSql(policy: ExistingLeadPolicy) {
  const lifecycle =
    policy === 'overwrite'
      ? sql`case when excluded.lifecycle_status <> 'new' then excluded.lifecycle_status else l.lifecycle_status end`
      : sql`case when l.lifecycle_status = 'new' and l.lifecycle_set_by_hand_at is null then excluded.lifecycle_status else l.lifecycle_status end`;
  const set = {
    optedOutAt: sql`coalesce(l.opted_out_at, excluded.opted_out_at)`,
    consentAt: sql`coalesce(l.consent_at, excluded.consent_at)`,
    consentSource: sql`case when l.consent_at is null then excluded.consent_source else l.consent_source end`,
    consentText: sql`case when l.consent_at is null then excluded.consent_text else l.consent_text end`,
    lifecycle,
  };
  return {
    inputColumns: sql`, opted_out_at timestamptz, consent_at timestamptz, consent_source text, consent_text text, lifecycle text`,
    insertColumns: sql`, opted_out_at, consent_at, consent_source, consent_text, lifecycle_status`,
    insertValues: sql`, i.opted_out_at, i.consent_at, i.consent_source, i.consent_text, coalesce(i.lifecycle, 'new')`,
    set: sql`, opted_out_at = ${set.optedOutAt}, consent_at = ${set.consentAt}, consent_source = ${set.consentSource},
             consent_text = ${set.consentText}, lifecycle_status = ${set.lifecycle}`,
    changed: sql`, ${set.optedOutAt}, ${set.consentAt}, ${set.lifecycle}`,
    current: sql`, l.opted_out_at, l.consent_at, l.lifecycle_status`,
    prevColumns: sql`, l.opted_out_at, l.consent_at, l.consent_source, l.consent_text, l.lifecycle_status`,
    returning: sql`, l.opted_out_at, l.consent_at, l.consent_source, l.consent_text, l.lifecycle_status`,
    snapshot: `, 'opted_out_at', ALIAS.opted_out_at, 'consent_at', ALIAS.consent_at, 'consent_source', ALIAS.consent_source,
               'consent_text', ALIAS.consent_text, 'lifecycle_status', ALIAS.lifecycle_status`,
  };
}

const NO_STATE = {
  inputColumns: sql``, insertColumns: sql``, insertValues: sql``, set: sql``, changed: sql``, current: sql``, prevColumns: sql``,
  returning: sql``, snapshot: '',
};

/**
 * One statement per batch: insert new leads, merge existing ones by the policy (only when
 * something changes), remember every phone met with before/after values, and add one
 * touchpoint per lead naming the import.
 */
export async function upsertImportLeads(
  tx: Tx,
  workspaceId: string,
  imp: ImportWithSettings,
  leads: PreparedBatch['leads'],
): Promise<{ created: number; updated: number; unchanged: number }> {
  const policy = imp.settings.existing;
  const st = mapsLeadState(imp) ? stateSql(policy) : NO_STATE;
  const json = JSON.stringify(
    leads.map((l) => ({
      rn: l.rn, phone: l.phone, name: l.name, email: l.email, tags: l.tags, attrs: l.attrs,
      opted_out_at: l.optedOutAt, consent_at: l.consentAt, consent_source: l.consentSource, consent_text: l.consentText, lifecycle: l.lifecycle,
    })),
  );
  const m = mergeExpressions(policy);
  const onConflict =
    policy === 'skip'
      ? sql`on conflict (workspace_id, phone_e164) do nothing`
      : sql`on conflict (workspace_id, phone_e164) do update
            set name = ${m.name}, email = ${m.email}, tags = ${m.tags}, attributes = ${m.attributes}${st.set}, updated_at = now()
            where (${m.name}, ${m.email}, ${m.tags}, ${m.attributes}${st.changed}) is distinct from (l.name, l.email, l.tags, l.attributes${st.current})`;
  const snapshot = (alias: string) =>
    sql.raw(
      `jsonb_build_object('name', ${alias}.name, 'email', ${alias}.email, 'tags', to_jsonb(${alias}.tags), 'attributes', ${alias}.attributes${st.snapshot.replaceAll('ALIAS', alias)})`,
    );
  const rows = await execRows<{ outcome: string; n: number }>(
    tx,
    sql`
    with input as materialized (
      select * from jsonb_to_recordset(${json}::jsonb) as x(rn int, phone text, name text, email text, tags text[], attrs jsonb${st.inputColumns})
    ),
    -- "= any(array(...))" keeps this on the (workspace_id, phone_e164) index: with "in (select ...)"
    -- the planner may scan every lead of the workspace for each batch (quadratic on big files).
    prev as materialized (
      select l.id, l.phone_e164, l.name, l.email, l.tags, l.attributes${st.prevColumns}
      from leads l
      where l.workspace_id = ${workspaceId} and l.phone_e164 = any(array(select phone from input))
    ),
    up as (
      insert into leads as l (workspace_id, phone_e164, source, name, email, tags, attributes${st.insertColumns})
      select ${workspaceId}, i.phone, 'import', i.name, i.email, coalesce(i.tags, '{}'), coalesce(i.attrs, '{}')${st.insertValues}
      from input i
      order by i.phone
      ${onConflict}
      returning l.id, l.phone_e164, (l.xmax = 0) as created, l.name, l.email, l.tags, l.attributes${st.returning}
    ),
    ch as (
      insert into import_changes (import_id, phone_e164, lead_id, row_number, outcome, previous, next)
      select ${imp.id}, i.phone, coalesce(u.id, p.id), i.rn,
        case when u.created then 'created' when u.id is not null then 'updated'
             when ${policy === 'skip'} then 'skipped' else 'unchanged' end,
        case when u.id is not null and not u.created and p.id is not null then ${snapshot('p')} end,
        case when u.id is not null and not u.created and p.id is not null then ${snapshot('u')} end
      from input i
      left join up u on u.phone_e164 = i.phone
      left join prev p on p.phone_e164 = i.phone
      where coalesce(u.id, p.id) is not null
      returning lead_id, row_number, outcome
    ),
    tp as (
      insert into lead_touchpoints (workspace_id, lead_id, source, import_id, payload)
      select ${workspaceId}, c.lead_id, 'import', ${imp.id},
        jsonb_build_object('row', c.row_number, 'file', ${imp.fileName}::text, 'label', ${imp.settings.sourceLabel}::text)
      from ch c
      where c.outcome <> 'skipped'
    )
    select outcome, count(*)::int as n from ch group by outcome`,
  );
  const by = Object.fromEntries(rows.map((r) => [r.outcome, Number(r.n)]));
  const created = by.created ?? 0;
  const updated = by.updated ?? 0;
  // Skipped existing leads, and the rare lead another writer inserted mid-statement, are unchanged.
  return { created, updated, unchanged: leads.length - created - updated };
}

