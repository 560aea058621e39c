import { NextRequest } from 'next/server';
import { createUser, createWorkspace } from '@/db/factories';
import type { ApiKeyScope, Workspace } from '@/db/schema';
import { POST } from '@/app/api/graphql/route';
import { createApiKey } from '@/lib/api-keys/create-api-key';

// Calls the real route handler with real Requests, as an integrator's HTTP client would.

export type GqlAnswer<T = Record<string, unknown>> = {
  status: number;
  headers: Headers;
  data: T | null;
  errors: { message: string; path?: string[]; extensions?: { code?: string; fields?: Record<string, string>; errorId?: string } }[] | undefined;
};

export async function postRaw(body: string, headers: Record<string, string>): Promise<Response> {
  return POST(
    new NextRequest('http://localhost/api/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body }),
  );
}

export async function gql<T = Record<string, unknown>>(key: string | null, query: string, variables?: Record<string, unknown>): Promise<GqlAnswer<T>> {
  const res = await postRaw(JSON.stringify({ query, variables }), key ? { authorization: `Bearer ${key}` } : {});
  const json = (await res.json()) as { data?: T; errors?: GqlAnswer['errors'] };
  return { status: res.status, headers: res.headers, data: json.data ?? null, errors: json.errors };
}

/** A workspace with an owner and a key of the given scopes. */
export async function workspaceWithKey(scopes: ApiKeyScope[] = ['read', 'write'], overrides: Partial<Workspace> = {}) {
  const ws = await createWorkspace(undefined, overrides);
  const user = await createUser(undefined, { workspaceId: ws.id, role: 'owner' });
  const { key, apiKey } = await createApiKey(ws.id, user.id, { name: `key ${scopes.join('+')}`, scopes });
  return { ws, user, key, apiKey };
}

export const codes = (a: GqlAnswer<unknown>) => (a.errors ?? []).map((e) => e.extensions?.code);

/** A value inside an answer's data by dotted path ("leads.edges.0.node"), for assertions. */
export function at(a: GqlAnswer<unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v == null ? undefined : (v as Record<string, unknown>)[k]), a.data);
}
