import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { overrideEnvForTests } from '@/lib/env';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { kickDispatcher } from './kick-dispatcher';
import { createDispatchScene, getMessage } from './test-kit';

// Who sends a message a door just queued, when no dispatcher loop runs in this process:
// serverless (Vercel, DISPATCH_KICK=drain) drains in after(); a Node server leaves it to its
// workers (bench:landing: 50 submissions each draining at once starved the web process).

let server: FakeWhatsAppServer;
let restore: () => void = () => {};
beforeAll(async () => {
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false }, latencyMs: [5, 10] });
});
afterEach(() => restore());
afterAll(async () => {
  await server.close();
});

describe('kickDispatcher', () => {
  it('on a Node server with workers (no VERCEL, no DISPATCH_KICK) it sends nothing from the web process', async () => {
    restore = overrideEnvForTests({ DISPATCH_IN_PROCESS: '0', VERCEL: undefined, DISPATCH_KICK: undefined });
    const scene = await createDispatchScene(server);
    const m = await scene.queue();
    await kickDispatcher();
    expect((await getMessage(m.id)).status).toBe('queued');
    expect(server.fake.sent.filter((s) => s.phoneNumberId === scene.phone.phoneNumberId)).toHaveLength(0);
  });

  it('on Vercel it drains: kicks that arrive together share one drain and every message goes out once', async () => {
    restore = overrideEnvForTests({ DISPATCH_IN_PROCESS: '0', VERCEL: '1', DISPATCH_KICK: undefined });
    const scene = await createDispatchScene(server);
    const queued = [await scene.queue(), await scene.queue()];
    const kicks = [kickDispatcher(), kickDispatcher(), kickDispatcher()];
    // Queued while the drain runs: the kick that follows must not be lost.
    queued.push(await scene.queue());
    kicks.push(kickDispatcher());
    await Promise.all(kicks);
    for (const m of queued) expect((await getMessage(m.id)).status).toBe('sent');
    expect(server.fake.sent.filter((s) => s.phoneNumberId === scene.phone.phoneNumberId)).toHaveLength(3);
  });

  it('DISPATCH_KICK=drain turns it on elsewhere (another serverless host)', async () => {
    restore = overrideEnvForTests({ DISPATCH_IN_PROCESS: '0', VERCEL: undefined, DISPATCH_KICK: 'drain' });
    const scene = await createDispatchScene(server);
    const m = await scene.queue();
    await kickDispatcher();
    expect((await getMessage(m.id)).status).toBe('sent');
  });
});
