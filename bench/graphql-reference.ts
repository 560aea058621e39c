// The reference of `npm run bench:graphql`: the least a server must do to answer the bench's
// three requests with the same JSON as /api/graphql. node:http + postgres.js, no framework, no
// GraphQL parsing (the operation is picked by its name), hand-written SQL. It still checks the
// API key (one statement: a real endpoint cannot skip it), the write scope for the mutation,
// normalises the phone with libphonenumber, and writes the lead, its touchpoint and the outbox
// event in one transaction, as the feature requires. It has no rate limit, no query limits,
// no error mapping: everything /api/graphql adds is what the ratio measures.
// Run as a child process: DATABASE_URL, REFERENCE_PORT, DATABASE_POOL_MAX.
import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL!, { max: Number(process.env.DATABASE_POOL_MAX ?? 10), onnotice: () => undefined });
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64url');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

type Key = { id: string; workspace_id: string; scopes: string[]; revoked_at: Date | null; expires_at: Date | null; default_country: string };
type Body = { operationName?: string; variables?: { input?: { phone?: string; name?: string } } };

async function list(ws: string) {
  const rows = await sql<{ id: string; name: string | null; phone_e164: string; email: string | null; source: string; created_at: Date }[]>`
    select id, name, phone_e164, email, source, created_at from leads
     where workspace_id = ${ws} order by created_at desc, id desc limit 50`;
  const edges = rows.map((r) => ({
    node: { id: gid('Lead', r.id), name: r.name, phone: r.phone_e164, email: r.email, source: r.source.toUpperCase(), createdAt: iso(r.created_at) },
  }));
  return { leads: { edges } };
}

async function nested(ws: string) {
  const leads = await sql<{ id: string; name: string | null; tags: string[] }[]>`
    select id, name, tags from leads where workspace_id = ${ws} order by created_at desc, id desc limit 20`;
  const msgs = await sql<{ lead_id: string; id: string; status: string; created_at: Date }[]>`
    select m.lead_id, m.id, m.status, m.created_at
      from unnest(${leads.map((l) => l.id)}::uuid[]) as l(id)
      cross join lateral (
        select lead_id, id, status, created_at from messages
         where workspace_id = ${ws} and lead_id = l.id order by created_at desc, id desc limit 5) m`;
  type Msg = (typeof msgs)[number];
  const byLead = new Map<string, Msg[]>();
  for (const m of msgs) {
    const own = byLead.get(m.lead_id);
    if (own) own.push(m);
    else byLead.set(m.lead_id, [m]);
  }
  const edges = leads.map((l) => {
    const own = byLead.get(l.id) ?? [];
    return {
      node: {
        id: gid('Lead', l.id),
        name: l.name,
        tags: l.tags,
        lastMessage: own[0] ? { status: own[0].status.toUpperCase(), createdAt: iso(own[0].created_at) } : null,
        messages: { edges: own.map((m) => ({ node: { id: gid('Message', m.id), status: m.status.toUpperCase(), createdAt: iso(m.created_at) } })) },
      },
    };
  });
  return { leads: { edges } };
}

async function upsert(key: Key, input: { phone?: string; name?: string }) {
  const parsed = parsePhoneNumberFromString(String(input.phone ?? ''), key.default_country as never);
  if (!parsed?.isValid()) throw new Error('invalid phone');
  const phone = parsed.number;
  return sql.begin(async (tx) => {
    const [lead] = await tx<{ id: string; phone_e164: string; name: string | null; source: string; created_at: Date; is_new: boolean }[]>`
      insert into leads (workspace_id, phone_e164, source, name) values (${key.workspace_id}, ${phone}, 'api', ${input.name ?? null})
      on conflict (workspace_id, phone_e164) do update set name = coalesce(nullif(leads.name, ''), excluded.name), updated_at = now()
      returning id, phone_e164, name, source, created_at, (xmax = 0) as is_new`;
    await tx`insert into lead_touchpoints (workspace_id, lead_id, source, api_key_id) values (${key.workspace_id}, ${lead.id}, 'api', ${key.id})`;
    const payload = { lead: { id: lead.id, phone: lead.phone_e164, name: lead.name } };
    await tx`
      insert into webhook_deliveries (workspace_id, endpoint_id, event_id, event_type, payload)
      select e.workspace_id, e.id, ${randomUUID()}::uuid, ${lead.is_new ? 'lead.created' : 'lead.updated'}, ${JSON.stringify(payload)}::jsonb
        from webhook_endpoints e
       where e.workspace_id = ${key.workspace_id}::uuid and e.is_enabled and ${lead.is_new ? 'lead.created' : 'lead.updated'} = any(e.events)`;
    return {
      upsertLead: {
        created: lead.is_new,
        lead: { id: gid('Lead', lead.id), phone: lead.phone_e164, name: lead.name, source: lead.source.toUpperCase(), createdAt: iso(lead.created_at) },
      },
    };
  });
}

function send(res: http.ServerResponse, status: number, payload: unknown) {
  const text = `${JSON.stringify(payload)}\n`; // as Apollo answers
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function answer(req: http.IncomingMessage, raw: string): Promise<[number, unknown]> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!bearer) return [401, { errors: [{ message: 'unauthenticated' }] }];
  const [key] = await sql<Key[]>`
    select k.id, k.workspace_id, k.scopes, k.revoked_at, k.expires_at, w.default_country
      from api_keys k join workspaces w on w.id = k.workspace_id
     where k.key_hash = ${createHash('sha256').update(bearer).digest('hex')}`;
  if (!key || key.revoked_at || (key.expires_at && key.expires_at.getTime() <= Date.now())) return [401, { errors: [{ message: 'unauthenticated' }] }];
  const body = JSON.parse(raw) as Body;
  if (body.operationName === 'List') return [200, { data: await list(key.workspace_id) }];
  if (body.operationName === 'Nested') return [200, { data: await nested(key.workspace_id) }];
  if (body.operationName === 'Upsert') {
    if (!key.scopes.includes('write')) return [200, { errors: [{ message: 'forbidden' }] }];
    return [200, { data: await upsert(key, body.variables?.input ?? {}) }];
  }
  return [400, { errors: [{ message: 'unknown operation' }] }];
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    answer(req, Buffer.concat(chunks).toString('utf8'))
      .then(([status, payload]) => send(res, status, payload))
      .catch((err: unknown) => send(res, 500, { errors: [{ message: String(err) }] }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.REFERENCE_PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => {
  server.close();
  void sql.end({ timeout: 1 }).then(() => process.exit(0));
});
