// The reference receiver of `npm run bench:webhooks` (issue 16): a minimal node:http +
// postgres.js handler doing the floor of the receiver's work, in one transaction per request:
// verify the HMAC of the raw bytes, store the raw body once by its SHA-256, then apply each
// status to its message (monotonic, one event row each) or upsert the lead and store the
// inbound text. No framework, no zod, secrets known at start. Same pool size and statement mode
// (prepare: false, as the app runs for transaction poolers) as the app, on the same database.
//
// Env: REF_DATABASE_URL, REF_PORT, REF_SENDERS = JSON [{phoneNumberId, workspaceId, senderId, appSecret}],
// REF_POOL_MAX (10).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import postgres from 'postgres';

type Sender = { phoneNumberId: string; workspaceId: string; senderId: string; appSecret: string };
const senders = new Map((JSON.parse(process.env.REF_SENDERS ?? '[]') as Sender[]).map((s) => [s.phoneNumberId, s]));
const sql = postgres(process.env.REF_DATABASE_URL!, { max: Number(process.env.REF_POOL_MAX ?? 10), prepare: false, onnotice: () => undefined });

const RANK = `array['skipped','queued','sending','unknown','sent','delivered','read']::text[]`;

type Status = { id: string; status: string; timestamp: string; recipient_id?: string };
type Inbound = { from: string; id: string; timestamp: string; type: string; text?: { body: string } };
type Value = { metadata?: { phone_number_id?: string }; statuses?: Status[]; messages?: Inbound[]; contacts?: { profile?: { name?: string } }[] };

async function handle(raw: Buffer, signature: string | undefined): Promise<number> {
  const text = raw.toString('utf8');
  const id = /"phone_number_id"\s*:\s*"(\d+)"/.exec(text)?.[1];
  const sender = id ? senders.get(id) : undefined;
  if (!sender || !signature) return 401;
  const expected = Buffer.from(`sha256=${createHmac('sha256', sender.appSecret).update(raw).digest('hex')}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 401;
  let body: { entry?: { changes?: { value?: Value }[] }[] };
  try {
    body = JSON.parse(text);
  } catch {
    return 400;
  }
  const ws = sender.workspaceId;
  const sha = createHash('sha256').update(raw).digest('hex');
  await sql.begin(async (tx) => {
    const stored = await tx`insert into webhook_events (workspace_id, sender_phone_id, body_sha256, body, status, attempts, processed_at)
      values (${ws}, ${sender.senderId}, ${sha}, ${text}, 'processed', 1, now()) on conflict (body_sha256) do nothing returning id`;
    if (stored.length === 0) return;
    for (const entry of body.entry ?? []) {
      for (const change of entry.changes ?? []) {
        const v = change.value ?? {};
        for (const s of v.statuses ?? []) {
          const ts = new Date(Number(s.timestamp) * 1000);
          // The UPDATE takes the row lock and, if another request changed the row meanwhile, works
          // on its latest version; the status is monotonic, so a repeated status changes nothing.
          const [msg] = await tx`
            update messages set
              status = case when array_position(${sql.unsafe(RANK)}, ${s.status}::text) > coalesce(array_position(${sql.unsafe(RANK)}, status), 0) then ${s.status} else status end,
              sent_at = least(coalesce(sent_at, ${ts}), ${ts}),
              delivered_at = case when ${s.status} in ('delivered', 'read') then least(coalesce(delivered_at, ${ts}), ${ts}) else delivered_at end,
              read_at = case when ${s.status} = 'read' then least(coalesce(read_at, ${ts}), ${ts}) else read_at end,
              updated_at = now()
            where workspace_id = ${ws} and provider_message_id = ${s.id}
            returning id`;
          if (!msg) continue;
          // Under that lock: one event per (message, status).
          await tx`
            insert into message_events (workspace_id, message_id, status, source, provider_timestamp, webhook_event_id)
            select ${ws}, ${msg.id}, ${s.status}, 'webhook', ${ts}, ${stored[0].id}
            where not exists (select 1 from message_events x where x.message_id = ${msg.id} and x.status = ${s.status} and x.source = 'webhook')`;
        }
        for (const m of v.messages ?? []) {
          const ts = new Date(Number(m.timestamp) * 1000);
          const [lead] = await tx`
            insert into leads (workspace_id, phone_e164, wa_id, name, source, last_inbound_at)
            values (${ws}, ${`+${m.from}`}, ${m.from}, ${v.contacts?.[0]?.profile?.name ?? null}, 'whatsapp', ${ts})
            on conflict (workspace_id, phone_e164) do update set last_inbound_at = greatest(leads.last_inbound_at, excluded.last_inbound_at), updated_at = now()
            returning id`;
          await tx`
            insert into inbound_messages (workspace_id, lead_id, sender_phone_id, provider_message_id, type, text, payload, received_at)
            values (${ws}, ${lead.id}, ${sender.senderId}, ${m.id}, ${m.type}, ${m.text?.body ?? null}, ${JSON.stringify(m)}::jsonb, ${ts})
            on conflict (provider_message_id) do nothing`;
        }
      }
    }
  });
  return 200;
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    handle(Buffer.concat(chunks), req.headers['x-hub-signature-256'] as string | undefined)
      .catch(() => 503)
      .then((status) => {
        const body = status === 200 ? '{"ok":true}' : '{"ok":false}';
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': body.length });
        res.end(body);
      });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.REF_PORT), '127.0.0.1', () => process.send?.({ ready: true }));
process.on('SIGTERM', () => {
  server.close();
  void sql.end({ timeout: 2 }).then(() => process.exit(0));
});
