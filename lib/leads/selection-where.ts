import 'server-only';
import { and, eq, inArray, type SQL } from 'drizzle-orm';
import { leads } from '@/db/schema';
import type { LeadSelection } from './lead-selection';
import { leadFilterWhere } from './lead-where';

/** The where clause of a bulk selection, scoped to the workspace whatever the ids say. */
export function selectionWhere(workspaceId: string, selection: LeadSelection): SQL {
  if (selection.kind === 'ids') return and(eq(leads.workspaceId, workspaceId), inArray(leads.id, selection.ids))!;
  return leadFilterWhere(workspaceId, selection.filter);
}
