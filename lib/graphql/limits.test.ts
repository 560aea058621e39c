import { describe, expect, it } from 'vitest';
import { MAX_ALIASES, MAX_DEPTH, apiRateLimit } from './limits';
import { codes, gql, postRaw, workspaceWithKey } from './test-kit';

// Abuse is refused with a clear error, before any work, never with a 500.

describe('query limits', () => {
  it('refuses a 20-level deep query', async () => {
    const { key } = await workspaceWithKey(['read']);
    let inner = 'id';
    for (let i = 0; i < 9; i++) inner = `lead { ${inner} }`;
    const deep = `{ messages(first: 1) { edges { node { lead { lastMessage { ${inner} } } } } } }`;
    const a = await gql(key, deep);
    expect(a.status).toBe(400);
    expect(codes(a)[0]).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(a.errors!.map((e) => e.message).join(' ')).toMatch(new RegExp(`levels deep; at most ${MAX_DEPTH}`));
  });

  it('lets the explorer introspect (authenticated callers only)', async () => {
    const { key } = await workspaceWithKey(['read']);
    const { getIntrospectionQuery } = await import('graphql');
    const a = await gql(key, getIntrospectionQuery());
    expect(a.errors).toBeUndefined();
    expect(a.status).toBe(200);
    const anonymous = await gql(null, getIntrospectionQuery());
    expect(anonymous.status).toBe(401);
    expect(anonymous.data).toBeNull();
  });

  it('refuses 500 aliases', async () => {
    const { key } = await workspaceWithKey(['read']);
    const fields = Array.from({ length: 500 }, (_, i) => `a${i}: viewer { role }`).join(' ');
    const a = await gql(key, `{ ${fields} }`);
    expect(a.status).toBe(400);
    expect(a.errors![0].message).toMatch(new RegExp(`more than ${MAX_ALIASES} aliases`));
  });

  it('refuses a query that would cost too much', async () => {
    const { key } = await workspaceWithKey(['read']);
    const a = await gql(key, `{ leads(first: 200) { edges { node { messages(first: 200) { edges { node { events { status } } } } } } } }`);
    expect(a.status).toBe(400);
    expect(a.errors![0].message).toMatch(/cost/);
    // The same through variables, known only once the request is read.
    const q = `query($a: Int, $b: Int) { leads(first: $a) { edges { node { messages(first: $b) { edges { node { events { status } } } } } } } }`;
    const v = await gql(key, q, { a: 200, b: 200 });
    expect(v.status).toBe(400);
    expect(v.errors![0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect((await gql(key, q, { a: 5, b: 5 })).errors).toBeUndefined();
  });

  it('refuses a 2 MB body with 413, and too many tokens', async () => {
    const { key } = await workspaceWithKey(['read']);
    const body = JSON.stringify({ query: `{ viewer { role } }`, variables: { pad: 'x'.repeat(2 * 1024 * 1024) } });
    const res = await postRaw(body, { authorization: `Bearer ${key}` });
    expect(res.status).toBe(413);
    const json = (await res.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(json.errors[0].message).toMatch(/too large/);
    expect(json.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const many = await gql(key, `{ ${Array.from({ length: 3000 }, () => 'viewer { role }').join(' ')} }`);
    expect(many.status).toBe(400);
    expect(many.errors![0].message).toMatch(/Document contains more th.. 5000 tokens/);
  });

  it('refuses GET queries without a preflight header (CSRF) but serves them with one', async () => {
    const { key } = await workspaceWithKey(['read']);
    const { GET } = await import('@/app/api/graphql/route');
    const { NextRequest } = await import('next/server');
    const url = `http://localhost/api/graphql?query=${encodeURIComponent('{ viewer { role } }')}`;
    const plain = await GET(new NextRequest(url, { headers: { authorization: `Bearer ${key}` } }));
    expect(plain.status).toBe(400);
    const ok = await GET(new NextRequest(url, { headers: { authorization: `Bearer ${key}`, 'apollo-require-preflight': 'true' } }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ data: { viewer: { role: 'admin' } } });
  });
});

describe('per-key rate limit', () => {
  it('answers 429 with Retry-After after the limit, X-RateLimit headers on every answer, never 500', async () => {
    const { key } = await workspaceWithKey(['read']);
    const API_RATE_LIMIT = apiRateLimit();
    expect(API_RATE_LIMIT.max).toBeLessThan(1000);
    const statuses = new Map<number, number>();
    let first: Headers | undefined;
    let limited: Headers | undefined;
    // 1,000 quick calls, 25 at a time (the figure).
    for (let i = 0; i < 1000; i += 25) {
      const batch = await Promise.all(Array.from({ length: 25 }, () => gql(key, '{ viewer { role } }')));
      for (const a of batch) {
        statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
        first ??= a.headers;
        if (a.status === 429) limited ??= a.headers;
      }
    }
    expect([...statuses.keys()].sort()).toEqual([200, 429]);
    expect(statuses.get(200)).toBe(API_RATE_LIMIT.max);
    expect(first!.get('x-ratelimit-limit')).toBe(String(API_RATE_LIMIT.max));
    expect(Number(first!.get('x-ratelimit-remaining'))).toBeLessThan(API_RATE_LIMIT.max);
    expect(Number(limited!.get('retry-after'))).toBeGreaterThan(0);
    expect(limited!.get('x-ratelimit-remaining')).toBe('0');
    // Another key has its own budget.
    const other = await workspaceWithKey(['read']);
    expect((await gql(other.key, '{ viewer { role } }')).status).toBe(200);
  });
});
