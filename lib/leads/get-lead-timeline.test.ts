import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createLead, createQueuedMessage, createSenderPhone, createTemplate, createWorkspace } from '@/db/factories';
import { inboundMessages, landingPages, leadTouchpoints, messageEvents } from '@/db/schema';
import { getLeadTimeline, type OutboundItem, type TouchpointItem } from './get-lead-timeline';

const at = (minute: number) => new Date(Date.UTC(2026, 2, 10, 12, minute));

async function seedConversation() {
  const db = await getDb();
  const ws = await createWorkspace();
  const lead = await createLead(ws.id, { createdAt: at(0) });
  const phone = await createSenderPhone(ws.id);
  const template = await createTemplate(ws.id, { name: 'Welcome' });
  const [lp] = await db
    .insert(landingPages)
    .values({ workspaceId: ws.id, slug: `lp-${randomUUID()}`, title: 'Spring offer', headline: 'Hi', consentText: 'OK to message me' })
    .returning();
  const touch = (minute: number, extra: Partial<typeof leadTouchpoints.$inferInsert> = {}) =>
    db.insert(leadTouchpoints).values({ workspaceId: ws.id, leadId: lead.id, source: 'landing_page', createdAt: at(minute), ...extra });
  const inbound = (minute: number, text: string) =>
    db.insert(inboundMessages).values({
      workspaceId: ws.id,
      leadId: lead.id,
      providerMessageId: `wamid.${randomUUID()}`,
      type: 'text',
      text,
      payload: {},
      receivedAt: at(minute),
    });
  const base = { leadId: lead.id, senderPhoneId: phone.id, toPhone: lead.phoneE164, templateId: template.id };

  await touch(0, { landingPageId: lp.id, utmSource: 'instagram', utmCampaign: 'spring', payload: { variant: 'spring-sale', gclid: 'g-1', ref: 'r1', consent: { textHash: 'abc' }, other: 1 } });
  // Queued at 0, sent at 1: it sits in the conversation at 1, after the touchpoint.
  const welcome = await createQueuedMessage(ws.id, {
    ...base,
    status: 'read',
    renderedBody: 'Olá!',
    queuedAt: at(0),
    sentAt: at(1),
    deliveredAt: at(2),
    readAt: at(3),
  });
  await db.insert(messageEvents).values([
    { workspaceId: ws.id, messageId: welcome.id, status: 'sent', source: 'dispatcher', createdAt: at(1) },
    { workspaceId: ws.id, messageId: welcome.id, status: 'delivered', source: 'webhook', providerTimestamp: at(2) },
    { workspaceId: ws.id, messageId: welcome.id, status: 'read', source: 'webhook', providerTimestamp: at(3) },
  ]);
  await inbound(5, 'Quero saber mais');
  // A touchpoint at the same instant as a reply sorts before it.
  await touch(5, { source: 'api' });
  const failed = await createQueuedMessage(ws.id, {
    ...base,
    status: 'failed',
    renderedBody: 'Segue o link',
    queuedAt: at(7),
    failedAt: at(8),
    errorCode: 131026,
    errorTitle: 'Message undeliverable',
    errorReason: 'Receiver is incapable of receiving this message',
  });
  await inbound(9, 'Oi?');
  return { ws, lead, lp, welcome, failed };
}

describe('getLeadTimeline', () => {
  it('merges touchpoints, our messages and replies in time order', async () => {
    const { ws, lead, lp, welcome, failed } = await seedConversation();
    const items = await getLeadTimeline(ws.id, lead.id);
    expect(items.map((i) => [i.kind, i.at.toISOString()])).toEqual([
      ['touchpoint', at(0).toISOString()],
      ['outbound', at(1).toISOString()],
      ['touchpoint', at(5).toISOString()],
      ['inbound', at(5).toISOString()],
      ['outbound', at(7).toISOString()],
      ['inbound', at(9).toISOString()],
    ]);

    const first = items[0] as TouchpointItem;
    expect(first.landingPage).toEqual({ id: lp.id, title: 'Spring offer', slug: lp.slug });
    expect(first.utm).toMatchObject({ source: 'instagram', campaign: 'spring', medium: null });
    // The landing page's variant and click ids, from the touchpoint's payload.
    expect(first.attribution).toEqual({ variant: 'spring-sale', gclid: 'g-1', ref: 'r1' });

    const sent = items[1] as OutboundItem;
    expect(sent).toMatchObject({ id: welcome.id, status: 'read', body: 'Olá!', templateName: 'Welcome', error: null });
    expect(sent.times.read?.toISOString()).toBe(at(3).toISOString());
    expect(sent.events.map((e) => [e.status, e.source])).toEqual([
      ['sent', 'dispatcher'],
      ['delivered', 'webhook'],
      ['read', 'webhook'],
    ]);
    expect(sent.events[2].at.toISOString()).toBe(at(3).toISOString());

    const bounced = items[4] as OutboundItem;
    expect(bounced).toMatchObject({ id: failed.id, status: 'failed', events: [] });
    expect(bounced.error).toEqual({
      code: 131026,
      title: 'Message undeliverable',
      reason: 'Receiver is incapable of receiving this message',
    });
  });

  it("is empty when asked from another workspace, or for an id that is not a UUID", async () => {
    const { lead } = await seedConversation();
    const other = await createWorkspace();
    expect(await getLeadTimeline(other.id, lead.id)).toEqual([]);
    expect(await getLeadTimeline(other.id, 'nope')).toEqual([]);
  });
});
