import 'server-only';
import { and, asc, eq, sql } from 'drizzle-orm';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';
import { getDb } from '@/db/client';
import { memberships, workspaces, type Role, type Workspace } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { createWorkspace } from '@/lib/workspaces/create-workspace';
import { getAuth } from './auth';

export const WORKSPACE_COOKIE = 'wl_ws';
const RANK: Record<Role, number> = { agent: 1, admin: 2, owner: 3 };

export type SessionContext = {
  user: { id: string; name: string; email: string };
  workspace: Workspace;
  role: Role;
  workspaces: { id: string; name: string; role: Role }[];
};

/** Who is asking and in which workspace, or null. Every admin door goes through this. */
export async function getSessionContext(): Promise<SessionContext | null> {
  return getSessionContextFor(await headers(), (await cookies()).get(WORKSPACE_COOKIE)?.value);
}

/** The same from a request's own headers (route handlers that also serve API keys, e.g. GraphQL). */
export async function getSessionContextFor(requestHeaders: Headers, wanted?: string): Promise<SessionContext | null> {
  const auth = await getAuth();
  const session = await auth.api.getSession({ headers: requestHeaders });
  if (!session) return null;
  let rows = await listMemberships(session.user.id);
  if (rows.length === 0) {
    // An account made through the raw auth API, or a sign-up interrupted after the account
    // was created: give it its own workspace rather than a sign-in loop.
    await ensureOwnWorkspace(session.user.id, session.user.name);
    rows = await listMemberships(session.user.id);
  }
  const current = rows.find((r) => r.workspace.id === wanted) ?? rows[0];
  return {
    user: { id: session.user.id, name: session.user.name, email: session.user.email },
    workspace: current.workspace,
    role: current.role,
    workspaces: rows.map((r) => ({ id: r.workspace.id, name: r.workspace.name, role: r.role })),
  };
}

async function listMemberships(userId: string) {
  const db = await getDb();
  return db
    .select({ workspace: workspaces, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt));
}

async function ensureOwnWorkspace(userId: string, userName: string) {
  const db = await getDb();
  await db.transaction(async (tx) => {
    // Serialise concurrent first requests of the same user so only one workspace is made.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${userId}))`);
    const [existing] = await tx.select({ id: memberships.id }).from(memberships).where(eq(memberships.userId, userId));
    if (!existing) await createWorkspace(tx, { name: `${userName}'s workspace`, ownerUserId: userId });
  });
}

function hasRole(ctx: SessionContext, min: Role) {
  return RANK[ctx.role] >= RANK[min];
}

/** For pages: redirects to sign-in when there is no session. */
export async function requirePageContext(min: Role = 'agent'): Promise<SessionContext> {
  const ctx = await getSessionContext();
  if (!ctx) redirect('/sign-in');
  if (!hasRole(ctx, min)) redirect('/dashboard?denied=1');
  return ctx;
}

function assertContext(ctx: SessionContext | null, min: Role): SessionContext {
  if (!ctx) throw new AppError('UNAUTHENTICATED', 'Please sign in again.');
  if (!hasRole(ctx, min)) throw new AppError('FORBIDDEN', `This needs the ${min} role.`);
  return ctx;
}

/** For server actions and route handlers: throws a typed error instead of redirecting. */
export async function requireActionContext(min: Role = 'agent'): Promise<SessionContext> {
  return assertContext(await getSessionContext(), min);
}

/**
 * The same for a route handler, from its own request rather than Next's request scope: identical
 * answers, and a test can call the handler with a NextRequest carrying a session cookie.
 */
export async function requireRequestContext(req: NextRequest, min: Role = 'agent'): Promise<SessionContext> {
  return assertContext(await getSessionContextFor(req.headers, req.cookies.get(WORKSPACE_COOKIE)?.value), min);
}

/** Checks a membership before switching the active workspace. */
export async function isMemberOf(userId: string, workspaceId: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.workspaceId, workspaceId)));
  return Boolean(row);
}
