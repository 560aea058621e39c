import 'server-only';
import { randomBytes } from 'node:crypto';
import type { DbOrTx } from '@/db/client';
import { memberships, workspaces, type Workspace } from '@/db/schema';

export function slugify(name: string): string {
  const base = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return base || 'workspace';
}

/** A new workspace with `userId` as its owner. */
export async function createWorkspace(
  db: DbOrTx,
  input: { name: string; ownerUserId: string; slug?: string },
): Promise<Workspace> {
  const slug = input.slug ?? `${slugify(input.name)}-${randomBytes(3).toString('hex')}`;
  const [ws] = await db.insert(workspaces).values({ name: input.name, slug }).returning();
  await db.insert(memberships).values({ workspaceId: ws.id, userId: input.ownerUserId, role: 'owner' });
  return ws;
}
