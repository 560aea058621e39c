import 'server-only';
import { sql, type SQL } from 'drizzle-orm';
import type { Segment } from './schema';

// The WHERE clause of a segment over `leads l`, always scoped to one workspace. Lists travel
// as one JSON parameter (the same on postgres.js and PGlite); nothing is concatenated into SQL.

const jsonTextArray = (values: string[]) => sql`array(select jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;

export function segmentWhere(workspaceId: string, segment: Segment, timeZone: string): SQL {
  const parts: SQL[] = [sql`l.workspace_id = ${workspaceId}::uuid`];
  if (segment.sources.length > 0) parts.push(sql`l.source = any(${jsonTextArray(segment.sources)})`);
  if (segment.tags.length > 0) parts.push(sql`l.tags && ${jsonTextArray(segment.tags)}`);
  if (segment.lifecycleStatuses.length > 0) parts.push(sql`l.lifecycle_status = any(${jsonTextArray(segment.lifecycleStatuses)})`);
  for (const f of segment.attributes) {
    const value = sql`(l.attributes ->> ${f.key}::text)`;
    if (f.op === 'exists') parts.push(sql`coalesce(${value}, '') <> ''`);
    else if (f.op === 'missing') parts.push(sql`coalesce(${value}, '') = ''`);
    else if (f.op === 'equals') parts.push(sql`lower(${value}) = lower(${f.value}::text)`);
    else parts.push(sql`strpos(lower(${value}), lower(${f.value}::text)) > 0`);
  }
  // Calendar days in the workspace's zone: [from 00:00, to+1 00:00).
  if (segment.createdFrom) parts.push(sql`l.created_at >= (${segment.createdFrom}::date)::timestamp at time zone ${timeZone}::text`);
  if (segment.createdTo) parts.push(sql`l.created_at < (${segment.createdTo}::date + 1)::timestamp at time zone ${timeZone}::text`);
  const since = segment.repliedDays ? sql` and i.received_at > now() - make_interval(days => ${Number(segment.repliedDays)}::int)` : sql``;
  const replied = sql`exists (select 1 from inbound_messages i where i.lead_id = l.id and i.workspace_id = l.workspace_id${since})`;
  if (segment.replied === 'yes') parts.push(replied);
  if (segment.replied === 'no') parts.push(sql`not ${replied}`);
  // Upcoming: booked (scheduled or confirmed) and not started, judged by the database clock.
  const upcoming = sql`exists (select 1 from appointments a where a.lead_id = l.id and a.workspace_id = l.workspace_id
                                 and a.status in ('scheduled', 'confirmed') and a.starts_at > now())`;
  if (segment.appointment === 'upcoming') parts.push(upcoming);
  if (segment.appointment === 'none') parts.push(sql`not ${upcoming}`);
  if (segment.appointmentStatuses.length > 0) {
    parts.push(sql`exists (select 1 from appointments a where a.lead_id = l.id and a.workspace_id = l.workspace_id
                             and a.status = any(${jsonTextArray(segment.appointmentStatuses)}))`);
  }
  return sql.join(parts, sql` and `);
}
