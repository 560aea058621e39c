import { afterEach, describe, expect, it, vi } from 'vitest';
import { getSandbox, SANDBOX_HISTORY_LIMIT } from './sandbox';
import { createFakeWhatsApp, type FakeWhatsApp } from './fake-whatsapp';

// A long-running sandbox must not keep every message and webhook forever: each store of the fake
// is a ring buffer, and the fake keeps working as the oldest entries go.

const PHONE = { phoneNumberId: '100000000000001', wabaId: '200000000000001', accessToken: 'token-x', appSecret: 'secret-xyz' };

async function send(fake: FakeWhatsApp, to: string): Promise<{ status: number; id?: string; code?: number }> {
  const reply = await fake.handle(
    new Request(`http://fake/v23.0/${PHONE.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PHONE.accessToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messaging_product: 'whatsapp', to, type: 'text', text: { body: `hello ${to}` } }),
    }),
  );
  const body = JSON.parse(reply.body) as { messages?: { id: string }[]; error?: { code: number } };
  return { status: reply.status, id: body.messages?.[0]?.id, code: body.error?.code };
}

const recipient = (i: number) => `55119876${String(i).padStart(5, '0')}`;

afterEach(() => {
  vi.useRealTimers();
});

describe('fake Cloud API memory', () => {
  it('keeps only the newest messages and webhook posts, and goes on working', async () => {
    const delivered: string[] = [];
    const fake = createFakeWhatsApp({
      historyLimit: 5,
      pairRateLimit: false,
      webhooks: {
        delayMs: 0,
        statuses: ['sent'],
        deliver: async (_url, init) => {
          delivered.push(init.body);
          return { status: 200 };
        },
      },
    });
    fake.addPhone({ ...PHONE, webhookUrl: 'http://app/api/webhooks/whatsapp' });

    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await send(fake, recipient(i));
      expect(r.status).toBe(200);
      ids.push(r.id!);
    }
    await fake.flushWebhooks();

    // The oldest went; the newest five are there in order; totals still count everything.
    expect(fake.sent.map((m) => m.id)).toEqual(ids.slice(-5));
    expect(fake.counters.accepted).toBe(12);
    expect(delivered).toHaveLength(12);
    expect(fake.webhookLog).toHaveLength(5);
    expect(fake.webhookLog.map((w) => w.body)).toEqual(delivered.slice(-5));
    expect(fake.storeSizes()).toMatchObject({ sent: 5, webhookLog: 5 });

    // reset() still clears, and sending still works afterwards.
    fake.reset();
    expect(fake.sent).toHaveLength(0);
    expect((await send(fake, recipient(99))).status).toBe(200);
    expect(fake.sent).toHaveLength(1);
    await fake.close();
  });

  it('bounds per-recipient rate state and rejections, and still limits a recent recipient', async () => {
    const fake = createFakeWhatsApp({ historyLimit: 4, pairRateLimit: { burst: 1, intervalMs: 60_000 }, webhooks: { enabled: false } });
    fake.addPhone(PHONE);
    for (let i = 0; i < 20; i++) expect((await send(fake, recipient(i))).status).toBe(200);
    expect(fake.storeSizes().pairBuckets).toBe(4);

    // The most recent recipient's bucket is still there: a second message is refused (131056).
    expect((await send(fake, recipient(19))).code).toBe(131056);
    for (let i = 0; i < 10; i++) await send(fake, recipient(19));
    expect(fake.counters.rejected[131056]).toBe(11);
    expect(fake.rateRejections).toHaveLength(4);
    expect(fake.storeSizes().pairBuckets).toBeLessThanOrEqual(4);
    await fake.close();
  });

  it('bounds the inbound windows it remembers', async () => {
    const fake = createFakeWhatsApp({ historyLimit: 3, webhooks: { enabled: false } });
    fake.addPhone(PHONE);
    for (let i = 0; i < 10; i++) await fake.simulateInbound({ phoneNumberId: PHONE.phoneNumberId, from: recipient(i), text: 'oi' });
    expect(fake.storeSizes().lastInbound).toBe(3);
    await fake.close();
  });

  it('forgets arrivals older than the throughput window even when the cap is not enforced', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const fake = createFakeWhatsApp({ enforceThroughput: false, pairRateLimit: false, webhooks: { enabled: false } });
    fake.addPhone(PHONE);
    for (let i = 0; i < 50; i++) await send(fake, recipient(i));
    expect(fake.getPhone(PHONE.phoneNumberId)!.recentSends).toHaveLength(50);
    vi.setSystemTime(Date.now() + 5_000);
    await send(fake, recipient(50));
    expect(fake.getPhone(PHONE.phoneNumberId)!.recentSends).toHaveLength(1);
    await fake.close();
  });

  it('the built-in sandbox of a server uses a small bound', async () => {
    expect(createFakeWhatsApp().historyLimit).toBe(100_000);
    expect(SANDBOX_HISTORY_LIMIT).toBeLessThanOrEqual(10_000);
    expect(getSandbox().historyLimit).toBe(SANDBOX_HISTORY_LIMIT);
    await getSandbox().close();
  });
});
