// The reference of `npm run bench:landing`: a minimal node:http + postgres.js handler doing the
// same work as POST /api/lp/<slug>/submissions in one transaction (lead upsert, touchpoint,
// queued welcome message), with nothing else: no framework, no validation library, no limits.
// Started by bench/landing.ts with REF_* in its environment; prints "ready" when listening.
import http from 'node:http';
import postgres from 'postgres';

const e = process.env;
const sql = postgres(e.REF_DATABASE_URL!, { max: Number(e.REF_POOL_MAX ?? 10), onnotice: () => undefined });
const [workspaceId, landingPageId, campaignId, templateId, senderId] = [e.REF_WORKSPACE_ID!, e.REF_PAGE_ID!, e.REF_CAMPAIGN_ID!, e.REF_TEMPLATE_ID!, e.REF_SENDER_ID!];

async function handle(body: string): Promise<number> {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return 400;
  }
  const digits = String(data.phone ?? '').replace(/\D/g, '');
  if (digits.length < 10 || data.consent !== true) return 422;
  const phone = `+${digits.startsWith('55') ? digits : `55${digits}`}`;
  await sql.begin(async (tx) => {
    const [lead] = await tx`insert into leads (workspace_id, phone_e164, name, source, consent_at, consent_source, consent_text)
      values (${workspaceId}, ${phone}, ${String(data.name ?? '')}, 'landing_page', now(), 'landing_page:ref', 'I agree')
      on conflict (workspace_id, phone_e164) do update set updated_at = now() returning id`;
    await tx`insert into lead_touchpoints (workspace_id, lead_id, source, landing_page_id, utm_source, payload)
      values (${workspaceId}, ${lead.id}, 'landing_page', ${landingPageId}, ${String(data.utm_source ?? '') || null}, '{}'::jsonb)`;
    await tx`insert into messages (workspace_id, lead_id, campaign_id, template_id, sender_phone_id, kind, to_phone, idempotency_key)
      values (${workspaceId}, ${lead.id}, ${campaignId}, ${templateId}, ${senderId}, 'text', ${phone}, ${`campaign:${campaignId}:lead:${lead.id}`})
      on conflict (idempotency_key) do nothing`;
  });
  return 201;
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    handle(Buffer.concat(chunks).toString('utf8'))
      .then((status) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(status === 201 ? '{"ok":true}' : '{"ok":false}');
      })
      .catch(() => {
        res.writeHead(500);
        res.end();
      });
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(e.REF_PORT), '127.0.0.1', () => console.log('ready'));
