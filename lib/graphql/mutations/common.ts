import 'server-only';
import { AppError } from '@/lib/errors';
import { requireWriteScope, type GraphQLContext } from '../context';
import { fromGlobalId, type NodeTypeName } from '../relay';

export type Args = Record<string, unknown>;

/** Every mutation starts here: the key must have the write scope. */
export function writer(ctx: GraphQLContext): string {
  requireWriteScope(ctx);
  return ctx.caller.workspace.id;
}

export const idOf = (v: unknown, type: NodeTypeName, what?: string) => fromGlobalId(String(v), type, what);

/** Drops absent (undefined / null) keys so a partial input only overrides what it names. */
export function given<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== null)) as Partial<T>;
}

/** Leads of this workspace, in the given order; any other id (another workspace's too) is NOT_FOUND. */
export async function loadOwnLeads(ctx: GraphQLContext, ids: string[]) {
  const rows = await ctx.loaders.lead.loadMany(ids);
  return rows.map((row) => {
    if (!row || row instanceof Error) throw new AppError('NOT_FOUND', 'No lead with this id.');
    return row;
  });
}
