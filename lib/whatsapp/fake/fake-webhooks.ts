import { createHmac, randomBytes } from 'node:crypto';
import { pushBounded } from './bounded';
import { fakeErrorInfo } from './fake-errors';
import type { FakeCounters, FakePhoneInput, FakeSentMessage, FakeWebhookOptions, InboundInput } from './fake-types';

// The fake signs like Meta with its own code (not lib/whatsapp/signature.ts, which is server-only
// and is what the receiver checks with): it runs in any Node process, e.g. a Playwright spec.
function signLikeMeta(body: string, appSecret: string): string {
  return `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
}

// Webhook envelopes as Meta posts them, serialised like Meta does (non-ASCII as \uXXXX and
// escaped slashes), signed with the phone's app secret.

export function metaJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The status objects Meta posts for an accepted message, one per status, a second apart. */
export function statusEntries(
  msg: FakeSentMessage,
  names: readonly ('sent' | 'delivered' | 'read' | 'failed')[],
  asyncError?: { code: number; details?: string },
): Record<string, unknown>[] {
  const opaque = typeof msg.body.biz_opaque_callback_data === 'string' ? { biz_opaque_callback_data: msg.body.biz_opaque_callback_data } : {};
  const conversation = { id: randomBytes(16).toString('hex'), origin: { type: msg.type === 'template' ? 'marketing' : 'service' } };
  const pricing = { billable: true, pricing_model: 'PMP', category: conversation.origin.type };
  const base = Math.floor(msg.acceptedAt / 1000);
  return names.map((status, i) => ({
    id: msg.id,
    status,
    timestamp: String(base + i),
    recipient_id: msg.waId,
    ...opaque,
    ...(status === 'failed' && asyncError
      ? {
          errors: [
            {
              code: asyncError.code,
              title: fakeErrorInfo(asyncError.code).title,
              message: fakeErrorInfo(asyncError.code).title,
              error_data: { details: asyncError.details ?? fakeErrorInfo(asyncError.code).message },
            },
          ],
        }
      : { conversation, pricing }),
  }));
}

/** An inbound message object as Meta posts it: text, a quick-reply button or an interactive reply. */
export function inboundMessage(input: InboundInput, phone: FakePhoneInput, m: { from: string; id: string; timestamp: number }): Record<string, unknown> {
  const message: Record<string, unknown> = { from: m.from, id: m.id, timestamp: String(m.timestamp) };
  if (input.contextId) message.context = { from: (phone.displayPhoneNumber ?? phone.phoneNumberId).replace(/\D/g, ''), id: input.contextId };
  if (input.buttonPayload !== undefined || input.buttonText !== undefined) {
    Object.assign(message, { type: 'button', button: { payload: input.buttonPayload ?? input.buttonText, text: input.buttonText ?? input.buttonPayload } });
  } else if (input.interactiveReplyId !== undefined) {
    Object.assign(message, {
      type: 'interactive',
      interactive: { type: 'button_reply', button_reply: { id: input.interactiveReplyId, title: input.interactiveReplyTitle ?? input.interactiveReplyId } },
    });
  } else {
    Object.assign(message, { type: 'text', text: { body: input.text ?? '' } });
  }
  return message;
}

export function envelope(phone: FakePhoneInput, value: Record<string, unknown>) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: phone.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: {
                display_phone_number: (phone.displayPhoneNumber ?? phone.phoneNumberId).replace(/\D/g, ''),
                phone_number_id: phone.phoneNumberId,
              },
              ...value,
            },
          },
        ],
      },
    ],
  };
}

export const unixNow = () => Math.floor(Date.now() / 1000);

/** Posts webhooks, keeps track of the ones in flight, retries like Meta (a few times). */
export class WebhookPoster {
  private readonly pending = new Set<Promise<unknown>>();
  closed = false;

  constructor(
    private readonly options: FakeWebhookOptions,
    private readonly counters: FakeCounters,
    private readonly log: { url: string; body: string; status: number }[],
    private readonly logLimit: number,
  ) {}

  /** Runs an async chain (delays + posts) and remembers it for flush(). */
  track<T>(work: Promise<T>): Promise<T> {
    const p = work.finally(() => this.pending.delete(p));
    this.pending.add(p);
    p.catch(() => undefined);
    return p;
  }

  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  async post(phone: FakePhoneInput, payload: unknown): Promise<number> {
    if (!phone.webhookUrl || this.closed) return 0;
    const body = metaJson(payload);
    const headers = {
      'content-type': 'application/json',
      'x-hub-signature-256': signLikeMeta(body, phone.appSecret),
      'user-agent': 'facebookexternalua',
    };
    const deliver =
      this.options.deliver ??
      (async (url: string, init: { headers: Record<string, string>; body: string }) => {
        const res = await fetch(url, { method: 'POST', headers: init.headers, body: init.body, signal: AbortSignal.timeout(20_000) });
        await res.arrayBuffer();
        return { status: res.status };
      });
    const retries = this.options.retries ?? 2;
    let status = 0;
    for (let attempt = 0; attempt <= retries && !this.closed; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * attempt));
      try {
        status = (await deliver(phone.webhookUrl, { headers, body })).status;
      } catch {
        status = 0;
      }
      pushBounded(this.log, { url: phone.webhookUrl, body, status }, this.logLimit);
      if (status >= 200 && status < 300) {
        this.counters.webhooksDelivered++;
        return status;
      }
    }
    this.counters.webhooksFailed++;
    return status;
  }
}
