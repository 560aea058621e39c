import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { execRows } from '@/db/client';
import { PEER_HEADER } from '@/lib/rate-limit/peer-header';
import { testDb } from '@/test/setup-db';
import { GET, POST } from './route';

const ORIGIN = 'http://localhost:3000';
let seq = 0;

function call(path: string, body: unknown, opts: { address: string; cookie?: string; method?: 'GET' | 'POST' }) {
  const headers: Record<string, string> = { origin: ORIGIN, 'content-type': 'application/json', [PEER_HEADER]: opts.address };
  if (opts.cookie) headers.cookie = opts.cookie;
  const method = opts.method ?? 'POST';
  const req = new NextRequest(`${ORIGIN}/api/auth${path}`, { method, headers, body: method === 'POST' ? JSON.stringify(body) : undefined });
  return method === 'POST' ? POST(req) : GET(req);
}

/** The cookies a browser would keep from a response, as a Cookie header. */
function cookiesOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

async function newAccount() {
  const tag = `${Date.now().toString(36)}-${seq++}`;
  const account = { email: `limits-${tag}@example.test`, password: `pw-${tag}-secret`, name: `Limits ${tag}` };
  const res = await call('/sign-up/email', account, { address: `192.0.2.${seq % 250}` });
  expect(res.status, await res.clone().text()).toBe(200);
  return account;
}

const signIn = (email: string, password: string, address: string, cookie?: string) =>
  call('/sign-in/email', { email, password }, { address, cookie });

describe('/api/auth sign-in limits', () => {
  it('never counts successful sign-ins: 25 in a row from one address all get in', async () => {
    await testDb();
    const a = await newAccount();
    for (let i = 0; i < 25; i++) {
      const res = await signIn(a.email, a.password, '198.51.100.10');
      expect(res.status, `sign-in ${i + 1}`).toBe(200);
    }
  });

  it('holds one address guessing one account after 5 failures and says how long to wait', async () => {
    const a = await newAccount();
    for (let i = 0; i < 5; i++) expect((await signIn(a.email, 'wrong-password', '198.51.100.20')).status).toBe(401);
    const held = await signIn(a.email, a.password, '198.51.100.20');
    expect(held.status).toBe(429);
    expect(held.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await held.json()).message).toMatch(/Try again in \d+ seconds/);
    // The owner, from their own address, is not held by the attacker's address.
    expect((await signIn(a.email, a.password, '198.51.100.21')).status).toBe(200);
  });

  it('counts an IPv6 client by its /64, so rotating the interface part does not escape', async () => {
    const a = await newAccount();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await signIn(a.email, 'wrong-password', `2001:db8:77:1:${i}::${i + 1}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    expect((await signIn(a.email, a.password, '2001:db8:77:2::1')).status).toBe(200);
  });

  it('counts parallel wrong guesses before they finish, so a burst gets no more than the free tries', async () => {
    const a = await newAccount();
    const statuses = await Promise.all(Array.from({ length: 15 }, () => signIn(a.email, 'wrong-password', '198.51.100.30').then((r) => r.status)));
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
  });

  it('lets the owner in from a known browser while a distributed attack holds the account for new browsers', async () => {
    const a = await newAccount();
    const ownerCookie = cookiesOf(await signIn(a.email, a.password, '203.0.113.50'));
    expect(ownerCookie).toContain('wl_known_device=');
    // 60 attackers, one guess each: no address meets its own limits, the account's is met.
    for (let i = 0; i < 60; i++) {
      const res = await signIn(a.email, `guess-${i}`, `100.64.${Math.floor(i / 200)}.${i % 200}`);
      expect([401, 429]).toContain(res.status);
    }
    const stranger = await signIn(a.email, a.password, '203.0.113.99');
    expect(stranger.status).toBe(429);
    expect((await stranger.json()).message).toMatch(/Try again in \d+ seconds/);
    const owner = await signIn(a.email, a.password, '203.0.113.51', ownerCookie);
    expect(owner.status).toBe(200);
    // A forged or foreign device cookie does not exempt anyone.
    const forged = await signIn(a.email, a.password, '203.0.113.98', 'better-auth.wl_known_device=abc.def');
    expect(forged.status).toBe(429);
  });

  it('holds one address guessing many accounts', async () => {
    const accounts = await Promise.all(Array.from({ length: 8 }, () => newAccount()));
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const a = accounts[i % accounts.length];
      statuses.push((await signIn(a.email, `guess-${i}`, '198.51.100.40')).status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe('/api/auth sign-up', () => {
  it("applies the app's name validation", async () => {
    const res = await call('/sign-up/email', { name: 'x'.repeat(200_000), email: 'long-name@example.test', password: 'a-good-password' }, { address: '198.51.100.60' });
    expect(res.status).toBe(400);
    const { db } = await testDb();
    expect(await execRows(db, sql`select id from users where email = 'long-name@example.test'`)).toHaveLength(0);
  });

  it('refuses fields the app does not offer', async () => {
    const res = await call('/sign-up/email', { name: 'Img', email: 'img@example.test', password: 'a-good-password', image: 'x'.repeat(10_000) }, { address: '198.51.100.61' });
    expect(res.status).toBe(400);
  });

  it('allows 20 sign-ups an hour per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await call('/sign-up/email', { name: `Many ${i}`, email: `many-${i}-${Date.now()}@example.test`, password: 'a-good-password' }, { address: '198.51.100.70' });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});

describe('/api/auth endpoints the app does not use', () => {
  it('answers 404', async () => {
    const a = await newAccount();
    const cookie = cookiesOf(await signIn(a.email, a.password, '198.51.100.80'));
    for (const path of ['/update-user', '/change-email', '/change-password', '/delete-user', '/request-password-reset', '/reset-password', '/list-sessions']) {
      const res = await call(path, { name: 'y'.repeat(100_000), newEmail: 'x@example.test', newPassword: 'another-password', currentPassword: a.password }, { address: '198.51.100.80', cookie });
      expect(res.status, path).toBe(404);
    }
    expect((await call('/get-session', undefined, { address: '198.51.100.80', cookie, method: 'GET' })).status).toBe(200);
  });
});
