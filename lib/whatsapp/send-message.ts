import 'server-only';
import { failureFromResponse, graphFetch, graphUrl, parseApiError, type GraphCallOptions } from './graph-http';
import type { OutboundMessage, SendResult, SenderCredentials } from './types';

// POST /{version}/{phone-number-id}/messages.
//
// Outcomes, and why:
// - 2xx with messages[0].id: accepted (not delivered: statuses arrive by webhook).
// - Any HTTP answer with a Graph `{"error":{code}}` body, 4xx or 5xx: Meta looked at the request
//   and refused it -> 'rejected' with the decision for that code (5xx with code 1/2 are retryable).
// - 5xx WITHOUT a Graph error body (a load balancer's 502/504 page): the request may have reached
//   Meta's backend and been accepted before the gateway gave up -> 'unknown'. Re-sending blindly
//   could message the lead twice; the status webhook (carrying biz_opaque_callback_data) settles it.
// - 4xx without a Graph body: refused in front of Meta -> 'rejected' (see graph-http.ts).
// - fetch threw while connecting (ECONNREFUSED, ENOTFOUND ...): nothing left this machine -> 'not_sent'.
// - Timeout or socket reset once the request may have been written -> 'unknown'.
// - 2xx without a message id (should not happen): we cannot tell -> 'unknown'.

/** The exact JSON body Meta expects (WHATSAPP.md "Sending"). */
export function buildMessageBody(msg: OutboundMessage): Record<string, unknown> {
  const base: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: msg.to.replace(/\D/g, ''),
  };
  if (msg.type === 'text') {
    Object.assign(base, { type: 'text', text: { body: msg.body, preview_url: msg.previewUrl ?? false } });
  } else {
    const template: Record<string, unknown> = { name: msg.name, language: { code: msg.language } };
    if (msg.components.length > 0) template.components = msg.components;
    Object.assign(base, { type: 'template', template });
  }
  if (msg.bizOpaqueCallbackData) base.biz_opaque_callback_data = msg.bizOpaqueCallbackData.slice(0, 512);
  return base;
}

export async function sendMessage(
  creds: SenderCredentials,
  msg: OutboundMessage,
  opts: GraphCallOptions = {},
): Promise<SendResult> {
  const out = await graphFetch(
    graphUrl(creds, `${creds.phoneNumberId}/messages`),
    { method: 'POST', accessToken: creds.accessToken, body: buildMessageBody(msg) },
    opts,
  );
  if (out.kind !== 'response') return { ok: false, outcome: out.kind, reason: out.reason };

  const { status, json } = out;
  if (status >= 200 && status < 300 && !parseApiError(status, json)) {
    const body = json as { messages?: { id?: unknown }[]; contacts?: { wa_id?: unknown }[] } | undefined;
    const id = body?.messages?.[0]?.id;
    if (typeof id !== 'string' || !id) return { ok: false, outcome: 'unknown', reason: `HTTP ${status} without a message id` };
    const waId = body?.contacts?.[0]?.wa_id;
    return { ok: true, providerMessageId: id, waId: typeof waId === 'string' ? waId : undefined };
  }
  const failure = failureFromResponse(status, json);
  if (failure.outcome === 'rejected') return failure;
  return { ok: false, outcome: 'unknown', reason: failure.reason };
}
