import 'server-only';
import { randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { eq, sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db/client';
import * as s from '@/db/schema';
import { sandboxSenderPhoneValues } from '@/lib/whatsapp/fake/sandbox';
import { createWorkspace } from '@/lib/workspaces/create-workspace';
import { DEMO_EMAIL, DEMO_PASSWORD, DEMO_WORKSPACE_SLUG, demoLeads } from './demo-data';
import { lifecycleFromHistory } from '@/lib/leads/lifecycle';

const WELCOME_BODY =
  'Olá {{first_name|tudo bem}}! 👋 Obrigado pelo interesse no *{{attr.product|nosso produto}}*. ' +
  'Posso te ajudar por aqui? Responda esta mensagem quando quiser.';

/**
 * Seeds the demo workspace once; returns false when it already exists. Safe to call at every
 * boot. The owner's password is the published demo one unless given (db:seed in production).
 */
export async function seedDemo(opts: { password?: string } = {}): Promise<boolean> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('whatslab-demo-seed'))`);
    const [existing] = await tx.select({ id: s.workspaces.id }).from(s.workspaces).where(eq(s.workspaces.slug, DEMO_WORKSPACE_SLUG));
    if (existing) return false;

    const userId = randomUUID();
    await tx.insert(s.users).values({ id: userId, name: 'Demo Admin', email: DEMO_EMAIL, emailVerified: true });
    await tx.insert(s.accounts).values({
      id: randomUUID(),
      accountId: userId,
      providerId: 'credential',
      userId,
      password: await hashPassword(opts.password ?? DEMO_PASSWORD),
    });
    const ws = await createWorkspace(tx, { name: 'Demo Workspace', ownerUserId: userId, slug: DEMO_WORKSPACE_SLUG });
    const [sender] = await tx.insert(s.senderPhones).values(sandboxSenderPhoneValues(ws.id, 'Sandbox sender')).returning();
    const [welcome] = await tx
      .insert(s.messageTemplates)
      .values({ workspaceId: ws.id, name: 'Welcome (session text)', kind: 'session_text', body: WELCOME_BODY, fallbacks: { first_name: 'tudo bem' } })
      .returning();
    await tx.insert(s.messageTemplates).values({
      workspaceId: ws.id,
      name: 'Welcome (approved template)',
      kind: 'whatsapp_template',
      body: 'Olá {{1}}, obrigado pelo seu interesse! Podemos conversar por aqui?',
      waTemplateName: 'welcome_v1',
      waLanguage: 'pt_BR',
      parameterMapping: [{ component: 'body', index: 1, source: 'field', field: 'first_name', fallback: 'cliente' }],
    });
    const [lp] = await tx
      .insert(s.landingPages)
      .values({
        workspaceId: ws.id,
        slug: 'demo',
        title: 'WhatsLab demo',
        headline: 'Talk to us on WhatsApp',
        description: 'Leave your number and we will message you in seconds.',
        fields: [
          { name: 'name', label: 'Name', type: 'text', required: true },
          { name: 'phone', label: 'WhatsApp number', type: 'tel', required: true },
          { name: 'email', label: 'Email', type: 'email', required: false },
        ],
        consentText: 'I agree to receive messages from WhatsLab Demo on WhatsApp. I can reply STOP at any time.',
        successMessage: 'Thanks! Check your WhatsApp: we just sent you a message.',
        tags: ['demo-lp'],
      })
      .returning();
    const [campaign] = await tx
      .insert(s.campaigns)
      .values({
        workspaceId: ws.id,
        name: 'Welcome new landing-page leads',
        kind: 'automated',
        status: 'active',
        templateId: welcome.id,
        senderPhoneId: sender.id,
        trigger: { sources: [], landingPageIds: [lp.id], tags: [], onImport: false },
        startedAt: new Date(),
      })
      .returning();
    await seedHistory(tx, { workspaceId: ws.id, senderId: sender.id, templateId: welcome.id, landingPageId: lp.id, campaignId: campaign.id });
    return true;
  });
}

type Ids = { workspaceId: string; senderId: string; templateId: string; landingPageId: string; campaignId: string };

// Historical rows only (final statuses), so the dispatcher has nothing of the demo's to send.
async function seedHistory(tx: Tx, ids: Ids) {
  const now = Date.now();
  let repliedCount = 0;
  for (const spec of demoLeads()) {
    const createdAt = new Date(now - spec.daysAgo * 86_400_000 - Math.floor((spec.phoneE164.charCodeAt(12) * 997) % 80_000) * 1000);
    const at = (secs: number) => new Date(createdAt.getTime() + secs * 1000);
    const [lead] = await tx
      .insert(s.leads)
      .values({
        workspaceId: ids.workspaceId,
        phoneE164: spec.phoneE164,
        waId: spec.phoneE164.slice(1),
        name: spec.name,
        email: spec.email,
        source: spec.source,
        tags: spec.source === 'landing_page' ? ['demo-lp'] : [],
        attributes: { ...(spec.city ? { city: spec.city } : {}), product: spec.product },
        consentAt: createdAt,
        consentSource: spec.source,
        optedOutAt: spec.optedOut ? at(600) : null,
        lastInboundAt: spec.replied || spec.source === 'whatsapp' ? at(300) : null,
        // A lead who wrote to us (a reply, or came in by WhatsApp) is engaged, as record-inbound-message makes a real one.
        lifecycleStatus: lifecycleFromHistory({ messageStatus: spec.messageStatus, replied: spec.replied || spec.source === 'whatsapp' }),
        createdAt,
        updatedAt: createdAt,
      })
      .returning();
    await tx.insert(s.leadTouchpoints).values({
      workspaceId: ids.workspaceId,
      leadId: lead.id,
      source: spec.source,
      landingPageId: spec.source === 'landing_page' ? ids.landingPageId : null,
      utmSource: spec.source === 'landing_page' ? 'instagram' : null,
      utmCampaign: spec.source === 'landing_page' ? 'black-friday' : null,
      payload: { demo: true },
      createdAt,
    });
    if (!spec.messageStatus) continue;
    const st = spec.messageStatus;
    const reached = (x: string) => ['sent', 'delivered', 'read'].indexOf(st) >= ['sent', 'delivered', 'read'].indexOf(x);
    const [msg] = await tx
      .insert(s.messages)
      .values({
        workspaceId: ids.workspaceId,
        leadId: lead.id,
        campaignId: spec.source === 'landing_page' ? ids.campaignId : null,
        templateId: ids.templateId,
        senderPhoneId: ids.senderId,
        kind: 'text',
        toPhone: spec.phoneE164,
        renderedBody: `Olá ${spec.name?.split(' ')[0] ?? 'tudo bem'}! 👋 Obrigado pelo interesse no *${spec.product}*. Posso te ajudar por aqui? Responda esta mensagem quando quiser.`,
        status: st,
        statusReason: st === 'skipped' ? 'lead opted out' : st === 'failed' ? 'Message undeliverable' : null,
        attempts: st === 'skipped' ? 0 : 1,
        providerMessageId: st === 'skipped' ? null : `wamid.DEMO${lead.id.replace(/-/g, '').slice(0, 24)}`,
        errorCode: st === 'failed' ? 131026 : null,
        errorTitle: st === 'failed' ? 'Message undeliverable' : null,
        idempotencyKey: `demo:${lead.id}`,
        queuedAt: at(1),
        sentAt: st !== 'skipped' ? at(2) : null,
        deliveredAt: reached('delivered') ? at(5) : null,
        readAt: reached('read') ? at(60) : null,
        failedAt: st === 'failed' ? at(8) : null,
        skippedAt: st === 'skipped' ? at(1) : null,
        createdAt: at(1),
        updatedAt: at(60),
      })
      .returning({ id: s.messages.id });
    if (spec.replied) {
      await tx.insert(s.inboundMessages).values({
        workspaceId: ids.workspaceId,
        leadId: lead.id,
        senderPhoneId: ids.senderId,
        providerMessageId: `wamid.DEMOIN${lead.id.replace(/-/g, '').slice(0, 24)}`,
        type: 'text',
        text: 'Oi! Quero saber mais, pode me ligar?',
        replyToMessageId: msg.id,
        payload: { demo: true },
        receivedAt: at(300),
      });
      // Every second lead who replied booked a visit for the next day (already past): two of
      // three came, one did not. Gives the Analytics funnel its last two steps.
      const startsAt = at(86_400);
      if (repliedCount++ % 2 === 0 && startsAt.getTime() < now - 3_600_000) {
        const status = repliedCount % 3 === 0 ? 'no_show' : 'completed';
        await tx.insert(s.appointments).values({
          workspaceId: ids.workspaceId, leadId: lead.id, title: 'Demo visit', startsAt, endsAt: at(86_400 + 1800),
          status, source: 'demo', createdAt: at(3600), updatedAt: at(86_400 + 1800),
        });
      }
    }
  }
}
