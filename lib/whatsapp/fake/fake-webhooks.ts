import { createHmac } from 'node:crypto';
import type { FakeCounters, FakePhoneInput, FakeWebhookOptions } from './fake-types';

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
      this.log.push({ url: phone.webhookUrl, body, status });
      if (status >= 200 && status < 300) {
        this.counters.webhooksDelivered++;
        return status;
      }
    }
    this.counters.webhooksFailed++;
    return status;
  }
}
