import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { POST } from '@/app/api/graphql/route';
import { getDb } from '@/db/client';
import * as s from '@/db/schema';
import { getAuth } from '@/lib/auth/auth';

// The in-app explorer: the signed-in member's session works on /api/graphql from this origin,
// never from another site's page; agents read only.

async function signUp(email: string): Promise<string> {
  const auth = await getAuth();
  const res = await auth.api.signUpEmail({ body: { name: 'Explorer', email, password: 'explorer-password-1' }, asResponse: true });
  expect(res.ok).toBe(true);
  return res.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
}

const post = (cookie: string, query: string, origin?: string) =>
  POST(
    new NextRequest('http://localhost/api/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, host: 'localhost', ...(origin ? { origin } : {}) },
      body: JSON.stringify({ query }),
    }),
  );

describe('session callers', () => {
  it('serve the signed-in owner from the same origin, refuse other origins', async () => {
    const cookie = await signUp(`explorer-${Date.now()}@example.test`);
    const same = await post(cookie, '{ viewer { scopes authenticatedWith role } }', 'http://localhost');
    expect(same.status).toBe(200);
    expect(await same.json()).toEqual({ data: { viewer: { scopes: ['READ', 'WRITE'], authenticatedWith: 'SESSION', role: 'owner' } } });
    const other = await post(cookie, '{ viewer { role } }', 'https://evil.example');
    expect(other.status).toBe(401);
    expect(((await other.json()) as { errors: { extensions: { code: string } }[] }).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await post(cookie, '{ viewer { role } }', 'null')).status).toBe(401);
    expect((await post('better-auth.session_token=forged', '{ viewer { role } }')).status).toBe(401);
  });

  it('lets an agent read but not change anything', async () => {
    const email = `agent-${Date.now()}@example.test`;
    const cookie = await signUp(email);
    await post(cookie, '{ viewer { role } }'); // first request makes the user's own workspace
    const db = await getDb();
    const [user] = await db.select().from(s.users).where(eq(s.users.email, email));
    await db.update(s.memberships).set({ role: 'agent' }).where(eq(s.memberships.userId, user.id));
    const read = await post(cookie, '{ viewer { scopes role } }');
    expect(await read.json()).toEqual({ data: { viewer: { scopes: ['READ'], role: 'agent' } } });
    const write = (await (await post(cookie, 'mutation { upsertLead(input: { phone: "+5511987650009" }) { created } }')).json()) as {
      errors: { extensions: { code: string } }[];
    };
    expect(write.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
