import { NextRequest } from 'next/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatchScene, getMessage, sentFor } from '@/lib/dispatch/test-kit';
import { env } from '@/lib/env';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { GET, POST } from './route';

let server: FakeWhatsAppServer;
beforeAll(async () => {
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false }, pairRateLimit: false });
});
afterAll(async () => {
  await server.close();
});

const call = (handler: typeof GET, authorization?: string, query = '') =>
  handler(
    new NextRequest(`http://localhost/api/cron/dispatch${query}`, {
      method: handler === GET ? 'GET' : 'POST',
      headers: authorization ? { authorization } : {},
    }),
  );

describe('/api/cron/dispatch', () => {
  it('answers 401 without the secret or with a wrong one, and sends nothing', async () => {
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    for (const auth of [undefined, 'Bearer wrong-secret-value', `Basic ${env().cronSecret}`, `Bearer ${env().cronSecret}x`]) {
      const res = await call(GET, auth);
      expect(res.status).toBe(401);
    }
    expect((await call(POST)).status).toBe(401);
    expect((await getMessage(msg.id)).status).toBe('queued');
  });

  it('dispatches due messages with the secret and returns the counts', async () => {
    const scene = await createDispatchScene(server);
    const msg = await scene.queue();
    const res = await call(POST, `Bearer ${env().cronSecret}`, '?budgetMs=5000');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, number>;
    expect(body).toMatchObject({ ok: true, budgetMs: 5000 });
    expect(body.sent).toBeGreaterThanOrEqual(1);
    expect(sentFor(server, msg.id)).toHaveLength(1);
    expect((await getMessage(msg.id)).status).toBe('sent');

    expect((await call(GET, `Bearer ${env().cronSecret}`)).status).toBe(200);
    expect((await call(GET, `Bearer ${env().cronSecret}`, '?budgetMs=999999')).status).toBe(400);
  });
});
