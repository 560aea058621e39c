import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createCampaign, createTemplate, uniquePhone } from '@/db/factories';
import { landingPages, messages } from '@/db/schema';
import { env } from '@/lib/env';
import { submitLandingPage } from '@/lib/leadgen/submit-landing-page';
import { startFakeWhatsAppServer, type FakeWhatsAppServer } from '@/lib/whatsapp/fake/server';
import { kickDispatcher } from './kick-dispatcher';
import { startDispatcherLoop } from './run-dispatcher';
import { createDispatchScene, waitFor } from './test-kit';

// Done-when: "a landing-page lead with an active campaign is delivered (fake API) within 5
// seconds on the embedded default". The same path as production: the landing page's use case
// (lead + outbox row in one transaction), the kick the page's action runs in after(), the
// in-process dispatcher loop at its default interval, the fake Cloud API over HTTP with latency.

let server: FakeWhatsAppServer;
beforeAll(async () => {
  server = await startFakeWhatsAppServer({ webhooks: { enabled: false }, latencyMs: [100, 300] });
});
afterAll(async () => {
  await server.close();
});

describe('a landing-page lead', () => {
  it('gets the campaign welcome from the fake WhatsApp within 5 seconds', async () => {
    const db = await getDb();
    const scene = await createDispatchScene(server, { rateLimitPerSecond: 80 });
    const tpl = await createTemplate(scene.ws.id, { body: 'Hi {{first_name|there}}, thanks for signing up!' });
    const [lp] = await db
      .insert(landingPages)
      .values({ workspaceId: scene.ws.id, slug: `lp-${scene.ws.slug}`, title: 'Offer', headline: 'Offer', consentText: 'I agree', fields: [{ name: 'name', label: 'Name', type: 'text', required: true }] })
      .returning();
    const campaign = await createCampaign(scene.ws.id, {
      templateId: tpl.id,
      senderPhoneId: scene.phone.id,
      trigger: { sources: [], landingPageIds: [lp.id], tags: [], onImport: false },
    });
    const loop = startDispatcherLoop({ workerId: 'web-lp', kind: 'in-process', intervalMs: env().DISPATCH_INTERVAL_MS });
    try {
      const phone = uniquePhone();
      const startedAt = Date.now();
      const state = await submitLandingPage(lp.slug, { name: 'Rita Alves', phone, consent: 'on' }, { ip: '203.0.113.9', userAgent: 'test', referrer: null }, { channel: 'json' });
      expect(state.status).toBe('success');
      await kickDispatcher();
      await waitFor(() => server.fake.sent.some((s) => s.to === phone.slice(1)), 5_000, 10);
      const elapsed = Date.now() - startedAt;
      expect(elapsed).toBeLessThan(5_000);

      const sent = server.fake.sent.find((s) => s.to === phone.slice(1))!;
      expect(sent.body.text).toEqual({ body: 'Hi Rita, thanks for signing up!', preview_url: false });
      await waitFor(async () => (await db.select().from(messages).where(eq(messages.campaignId, campaign.id)))[0]?.status === 'sent', 2_000);
    } finally {
      await loop.stop();
    }
  });
});
