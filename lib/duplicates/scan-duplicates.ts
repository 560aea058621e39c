import 'server-only';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import { execRows, getDb, type DbOrTx } from '@/db/client';
import { duplicateScans, imports, workspaces } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { callingCodeOf, lineKeySql } from './same-line';

export type ScanResult = { pairs: number; high: number; low: number; durationMs: number };

/**
 * The candidate pairs of one workspace as one INSERT ... SELECT. Every rule groups leads by an
 * indexed key (an equi-join or GROUP BY, linear in the leads), never compares all pairs:
 * - same_email: the same e-mail (case-insensitive) on different leads;
 * - same_wa_id: WhatsApp's own id shared by different leads;
 * - same_line: the same line written two ways (same-line.ts), blocked by the last 8 digits;
 * - name_domain_near_phone (low confidence): same name, same e-mail domain, and phones equal
 *   but for their last two digits.
 * A group of n leads sharing a key yields n - 1 pairs (each with the group's oldest lead), so one
 * e-mail typed by a thousand people cannot make half a million pairs.
 */
/** same_line: within the (few) groups of leads whose last 8 digits are shared, pair equal line keys. */
function starByLine(ws: SQL, callingCode: string, tails: SQL) {
  return sql`
    select least(id, first_id), greatest(id, first_id), 'same_line'
      from (select id, k, first_value(id) over (partition by k order by created_at, id) as first_id
              from (select l.id, l.created_at, ${lineKeySql(sql`l.phone_e164`, callingCode)} as k
                      from leads l where l.workspace_id = ${ws} and right(l.phone_e164, 8) in (${tails})) keyed) grouped
     where id <> first_id`;
}

function candidatePairsSql(workspaceId: string, callingCode: string) {
  const ws = sql`${workspaceId}::uuid`;
  // Only keys held by more than one lead reach the window's sort: a hash aggregate finds them.
  const star = (keyExpr: SQL, where: SQL, reason: string) => sql`
    select least(id, first_id) as a, greatest(id, first_id) as b, ${reason}::text as reason
      from (select id, first_value(id) over (partition by k order by created_at, id) as first_id
              from (select l.id, l.created_at, ${keyExpr} as k from leads l
                     where l.workspace_id = ${ws} and ${where}
                       and ${keyExpr} in (select ${keyExpr} from leads l where l.workspace_id = ${ws} and ${where}
                                           group by 1 having count(*) > 1)) keyed) grouped
     where id <> first_id`;
  const tails = sql`select right(l.phone_e164, 8) from leads l where l.workspace_id = ${ws}
                     group by right(l.phone_e164, 8) having count(*) > 1`;
  return sql`
    with pairs as (
      ${star(sql`lower(l.email)`, sql`l.email is not null and l.email <> ''`, 'same_email')}
      union all
      ${star(sql`l.wa_id`, sql`l.wa_id is not null and l.wa_id <> ''`, 'same_wa_id')}
      union all
      ${starByLine(ws, callingCode, tails)}
      union all
      select least(x.id, y.id), greatest(x.id, y.id), 'name_domain_near_phone'
        from leads x
        join leads y on y.workspace_id = x.workspace_id and lower(y.name) = lower(x.name)
                    and left(y.phone_e164, -2) = left(x.phone_e164, -2) and y.id > x.id
       where x.workspace_id = ${ws} and x.name is not null and x.email is not null
         and y.name is not null and y.email is not null and btrim(x.name) <> ''
         and split_part(lower(x.email), '@', 2) <> ''
         and split_part(lower(x.email), '@', 2) = split_part(lower(y.email), '@', 2)
    )
    select a, b, case when bool_and(reason = 'name_domain_near_phone') then 'low' else 'high' end as confidence,
           array_agg(distinct reason order by reason) as reasons
      from pairs group by a, b`;
}

/** Re-computes a workspace's candidate pairs (replacing the previous scan's) and records the scan. */
export async function scanDuplicates(db: DbOrTx, workspaceId: string): Promise<ScanResult> {
  const started = Date.now();
  const [ws] = await db.select({ country: workspaces.defaultCountry }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!ws) throw new AppError('NOT_FOUND', 'No such workspace.');
  const callingCode = callingCodeOf(ws.country);
  const counts = await db.transaction(async (tx) => {
    // One scan per workspace at a time: a second waits and then replaces with fresher rows.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('duplicates:' || ${workspaceId}::text))`);
    await tx.execute(sql`delete from duplicate_candidates where workspace_id = ${workspaceId}::uuid`);
    const rows = await execRows<{ confidence: string; n: number }>(
      tx,
      sql`with ins as (
            insert into duplicate_candidates (workspace_id, lead_a_id, lead_b_id, confidence, reasons)
            select ${workspaceId}::uuid, p.a, p.b, p.confidence, p.reasons from (${candidatePairsSql(workspaceId, callingCode)}) p
            returning confidence
          )
          select confidence, count(*)::int as n from ins group by confidence`,
    );
    const n = (c: string) => Number(rows.find((r) => r.confidence === c)?.n ?? 0);
    const result = { pairs: n('high') + n('low'), high: n('high'), low: n('low'), durationMs: Date.now() - started };
    await tx
      .insert(duplicateScans)
      .values({ workspaceId, finishedAt: new Date(), pairCount: result.pairs, durationMs: result.durationMs })
      .onConflictDoUpdate({
        target: duplicateScans.workspaceId,
        set: { finishedAt: new Date(), pairCount: result.pairs, durationMs: result.durationMs },
      });
    return result;
  });
  return counts;
}

/**
 * Scans when the workspace was never scanned, or an import finished (or a merge was undone)
 * since the last scan: the candidates follow imports without the import engine calling us.
 */
export async function scanDuplicatesIfStale(workspaceId: string): Promise<boolean> {
  const db = await getDb();
  const [scan] = await db.select().from(duplicateScans).where(eq(duplicateScans.workspaceId, workspaceId));
  if (scan) {
    // Compared in SQL: a Date parameter is not serialised by postgres.js in a raw fragment, and
    // a JavaScript Date drops the microseconds PostgreSQL keeps.
    const [newer] = await db
      .select({ id: imports.id })
      .from(imports)
      .where(and(eq(imports.workspaceId, workspaceId), sql`${imports.finishedAt} > (select s.finished_at from duplicate_scans s where s.workspace_id = ${workspaceId}::uuid)`))
      .limit(1);
    if (!newer) return false;
  }
  await scanDuplicates(db, workspaceId);
  return true;
}

/** Makes the next look at the Duplicates screen scan again (after an undo brings a lead back). */
export async function markDuplicatesStale(db: DbOrTx, workspaceId: string): Promise<void> {
  await db.delete(duplicateScans).where(eq(duplicateScans.workspaceId, workspaceId));
}
