import 'server-only';
import type { ApiKeyScope, Role, Workspace } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { createLoaders, type Loaders } from './loaders';

/** Who is calling the API: an API key or a signed-in member (the in-app explorer). */
export type Caller = {
  workspace: Workspace;
  role: Role;
  scopes: ApiKeyScope[];
  apiKeyId: string | null;
  userId: string | null;
};

export type GraphQLContext = { caller: Caller; loaders: Loaders };

/** One per request: DataLoaders cache only for the request's lifetime. */
export function createContext(caller: Caller): GraphQLContext {
  return { caller, loaders: createLoaders(caller.workspace.id) };
}

export function requireWriteScope(ctx: GraphQLContext): void {
  if (!ctx.caller.scopes.includes('write')) throw new AppError('FORBIDDEN', 'This API key has the read scope only.');
}

const RANK: Record<Role, number> = { agent: 1, admin: 2, owner: 3 };

/** Managing sender phones needs an owner or admin (a key carries the role it was made with). */
export function requireRole(ctx: GraphQLContext, min: Role): void {
  if (RANK[ctx.caller.role] < RANK[min]) throw new AppError('FORBIDDEN', `This needs the ${min} role.`);
}
