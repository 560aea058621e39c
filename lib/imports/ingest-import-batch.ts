import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { execRows, getDb, type Tx } from '@/db/client';
import { importBatches, imports } from '@/db/schema';
import { AppError, parseInput } from '@/lib/errors';
import { withSettings, type ImportWithSettings } from './get-import';
import { queueImportCampaigns } from './queue-import-campaigns';
import { rejectOverAttributeLimit } from './reject-over-attribute-limit';
import { prepareImportRows, type PreparedBatch, type PreparedRejection } from './prepare-import-rows';
import { ingestBatchSchema, type ExistingLeadPolicy, type IngestBatchInput } from './schema';
import { isId } from '@/lib/validation/strict-values';

export type ImportCounts = { rows: number; created: number; updated: number; unchanged: number; invalid: number; duplicate: number };
export type IngestBatchResult = {
  batchNo: number;
  /** True when this batch had already been applied (a retry): nothing was done again. */
  replayed: boolean;
  batch: ImportCounts;
  total: ImportCounts;
};

/**
 * Validates, normalises and upserts one batch of an import's rows. Idempotent per
 * (import, batchNo): a batch retried after a network error returns the first result.
 */
export async function ingestImportBatch(workspaceId: string, importId: string, input: IngestBatchInput): Promise<IngestBatchResult> {
  if (!isId(importId)) throw new AppError('NOT_FOUND', 'Import not found.');
  const data = parseInput(ingestBatchSchema, input);
  const db = await getDb();
  const [row] = await db
    .select()
    .from(imports)
    .where(and(eq(imports.id, importId), eq(imports.workspaceId, workspaceId)));
  if (!row) throw new AppError('NOT_FOUND', 'Import not found.');
  const imp = withSettings(row);
  const prepared = prepareImportRows(data.rows, data.firstRowNumber, imp.columnMapping, imp.settings.columns, imp.settings);
  return applyImportBatch(workspaceId, importId, { batchNo: data.batchNo, firstRowNumber: data.firstRowNumber }, prepared);
}

/** The database half of a batch, for callers that prepare rows ahead (CLI, bench pipelines). */
export async function applyImportBatch(
  workspaceId: string,
  importId: string,
  batch: { batchNo: number; firstRowNumber: number },
  prepared: PreparedBatch,
): Promise<IngestBatchResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    // Batches of one import take turns: counts and the seen-phone check stay exact.
    const [locked] = await tx
      .select()
      .from(imports)
      .where(and(eq(imports.id, importId), eq(imports.workspaceId, workspaceId)))
      .for('update');
    if (!locked) throw new AppError('NOT_FOUND', 'Import not found.');
    const imp = withSettings(locked);
    const [done] = await tx
      .select()
      .from(importBatches)
      .where(and(eq(importBatches.importId, importId), eq(importBatches.batchNo, batch.batchNo)));
    if (done) {
      return {
        batchNo: batch.batchNo,
        replayed: true,
        batch: {
          rows: done.rowCount,
          created: done.createdCount,
          updated: done.updatedCount,
          unchanged: done.unchangedCount,
          invalid: done.invalidCount,
          duplicate: done.duplicateCount,
        },
        total: totals(locked),
      };
    }
    if (locked.status !== 'pending' && locked.status !== 'running') {
      throw new AppError('CONFLICT', `This import is ${locked.status}; it takes no more rows.`);
    }

    const rejections: PreparedRejection[] = [...prepared.rejections];
    let leads = prepared.leads;
    if (leads.length > 0) {
      // Phones an earlier batch of this file already brought are duplicates in the file.
      const seen = await execRows<{ phone_e164: string; row_number: number }>(
        tx,
        sql`select phone_e164, row_number from import_changes
            where import_id = ${importId} and phone_e164 = any(string_to_array(${leads.map((l) => l.phone).join(',')}, ','))`,
      );
      if (seen.length > 0) {
        const firstRow = new Map(seen.map((s) => [s.phone_e164, s.row_number]));
        leads = leads.filter((l) => {
          const first = firstRow.get(l.phone);
          if (first === undefined) return true;
          rejections.push({ rn: l.rn, kind: 'duplicate', reason: `duplicate of row ${first} (${l.phone})`, values: l.raw });
          return false;
        });
      }
    }

    leads = await rejectOverAttributeLimit(tx, workspaceId, imp.settings.existing, leads, rejections);

    const outcome = leads.length > 0 ? await upsertLeads(tx, workspaceId, imp, leads) : { created: 0, updated: 0, unchanged: 0 };
    if (leads.length > 0 && imp.settings.triggerCampaigns) await queueImportCampaigns(tx, workspaceId, importId, leads.map((l) => l.phone));
    if (rejections.length > 0) await insertRejections(tx, importId, rejections);

    const counts: ImportCounts = {
      rows: prepared.rowCount,
      ...outcome,
      invalid: rejections.filter((r) => r.kind === 'invalid').length,
      duplicate: rejections.filter((r) => r.kind === 'duplicate').length,
    };
    await tx.insert(importBatches).values({
      importId,
      batchNo: batch.batchNo,
      firstRowNumber: batch.firstRowNumber,
      rowCount: counts.rows,
      createdCount: counts.created,
      updatedCount: counts.updated,
      unchangedCount: counts.unchanged,
      invalidCount: counts.invalid,
      duplicateCount: counts.duplicate,
    });
    const [after] = await tx
      .update(imports)
      .set({
        status: 'running',
        startedAt: sql`coalesce(${imports.startedAt}, now())`,
        totalRows: sql`${imports.totalRows} + ${counts.rows}`,
        createdCount: sql`${imports.createdCount} + ${counts.created}`,
        updatedCount: sql`${imports.updatedCount} + ${counts.updated}`,
        unchangedCount: sql`${imports.unchangedCount} + ${counts.unchanged}`,
        invalidCount: sql`${imports.invalidCount} + ${counts.invalid}`,
        duplicateCount: sql`${imports.duplicateCount} + ${counts.duplicate}`,
      })
      .where(eq(imports.id, importId))
      .returning();
    return { batchNo: batch.batchNo, replayed: false, batch: counts, total: totals(after) };
  });
}

function totals(row: typeof imports.$inferSelect): ImportCounts {
  return {
    rows: row.totalRows,
    created: row.createdCount,
    updated: row.updatedCount,
    unchanged: row.unchangedCount,
    invalid: row.invalidCount,
    duplicate: row.duplicateCount,
  };
}

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

/**
 * One statement per batch: insert new leads, merge existing ones by the policy (only when
 * something changes), remember every phone met with before/after values, and add one
 * touchpoint per lead naming the import.
 */
async function upsertLeads(
  tx: Tx,
  workspaceId: string,
  imp: ImportWithSettings,
  leads: PreparedBatch['leads'],
): Promise<{ created: number; updated: number; unchanged: number }> {
  const policy = imp.settings.existing;
  const json = JSON.stringify(leads.map((l) => ({ rn: l.rn, phone: l.phone, name: l.name, email: l.email, tags: l.tags, attrs: l.attrs })));
  const m = mergeExpressions(policy);
  const onConflict =
    policy === 'skip'
      ? sql`on conflict (workspace_id, phone_e164) do nothing`
      : sql`on conflict (workspace_id, phone_e164) do update
            set name = ${m.name}, email = ${m.email}, tags = ${m.tags}, attributes = ${m.attributes}, updated_at = now()
            where (${m.name}, ${m.email}, ${m.tags}, ${m.attributes}) is distinct from (l.name, l.email, l.tags, l.attributes)`;
  const snapshot = (alias: string) =>
    sql.raw(`jsonb_build_object('name', ${alias}.name, 'email', ${alias}.email, 'tags', to_jsonb(${alias}.tags), 'attributes', ${alias}.attributes)`);
  const rows = await execRows<{ outcome: string; n: number }>(
    tx,
    sql`
    with input as materialized (
      select * from jsonb_to_recordset(${json}::jsonb) as x(rn int, phone text, name text, email text, tags text[], attrs jsonb)
    ),
    -- "= any(array(...))" keeps this on the (workspace_id, phone_e164) index: with "in (select ...)"
    -- the planner may scan every lead of the workspace for each batch (quadratic on big files).
    prev as materialized (
      select l.id, l.phone_e164, l.name, l.email, l.tags, l.attributes
      from leads l
      where l.workspace_id = ${workspaceId} and l.phone_e164 = any(array(select phone from input))
    ),
    up as (
      insert into leads as l (workspace_id, phone_e164, source, name, email, tags, attributes)
      select ${workspaceId}, i.phone, 'import', i.name, i.email, coalesce(i.tags, '{}'), coalesce(i.attrs, '{}')
      from input i
      order by i.phone
      ${onConflict}
      returning l.id, l.phone_e164, (l.xmax = 0) as created, l.name, l.email, l.tags, l.attributes
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

async function insertRejections(tx: Tx, importId: string, rejections: PreparedRejection[]) {
  const json = JSON.stringify(rejections.map((r) => ({ rn: r.rn, kind: r.kind, reason: r.reason, vals: r.values })));
  await tx.execute(sql`
    insert into import_rejections (import_id, row_number, kind, reason, values)
    select ${importId}, rn, kind, reason, vals
    from jsonb_to_recordset(${json}::jsonb) as x(rn int, kind text, reason text, vals jsonb)`);
}
