import 'server-only';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { leads, senderPhones, whatsappTemplates, workspaces } from '@/db/schema';
import { prepareMessage } from '@/lib/dispatch/prepare-message';
import { markSenderNeedsAttention } from '@/lib/dispatch/update-sender-status';
import { AppError, parseInput } from '@/lib/errors';
import { explainGraphFailure, type ExplainedFailure } from '@/lib/phones/explain-graph-failure';
import { consumeTestSendQuota } from '@/lib/messages/consume-test-send-quota';
import { finishTemplateTestMessage, startTemplateTestMessage } from '@/lib/messages/record-template-test-send';
import { loadCredentialsOrFlag } from '@/lib/phones/load-credentials-or-flag';
import { normalizePhone } from '@/lib/phones/normalize-phone';
import { sendMessage } from '@/lib/whatsapp/send-message';
import { getFieldCoverage } from './get-field-coverage';
import { SAMPLE_LEAD_ID, SAMPLE_LEAD_WITH_MISSING_FIELDS } from './sample-lead';
import { templateFormSchema } from './schema';
import { validateTemplate } from './validate-template';
import { templateTexts } from './whatsapp-template-params';

const schema = z.object({
  senderPhoneId: z.uuid('Choose the phone to send from'),
  to: z.string().trim().min(1, 'Enter the number to send the test to').max(40),
  /** A workspace lead whose data fills the placeholders, or the built-in sample lead. */
  leadId: z.union([z.uuid(), z.literal(SAMPLE_LEAD_ID)]),
  draft: templateFormSchema,
});

export type SendTestResult =
  | { ok: true; providerMessageId: string; waId?: string; text: string }
  | { ok: false; failure: ExplainedFailure & { decision?: string } };

/**
 * "Send test": renders the message being edited (saved or not) for the chosen lead exactly as
 * the dispatcher would, sends it to any number through the chosen sender, and returns Meta's
 * answer (the wamid, or the typed error). Once it goes to Meta it is a message in the history
 * of the lead with that number (a "Test recipient" lead if none), as a campaign's test send is.
 */
export async function sendTemplateDraftNow(workspaceId: string, input: unknown): Promise<SendTestResult> {
  const { senderPhoneId, to, leadId, draft } = parseInput(schema, input);
  const db = await getDb();
  const [ws] = await db.select({ defaultCountry: workspaces.defaultCountry }).from(workspaces).where(eq(workspaces.id, workspaceId));
  const phone = normalizePhone(to, ws?.defaultCountry ?? 'BR');
  if (!phone.ok) throw new AppError('BAD_USER_INPUT', `That number is not valid: ${phone.reason}`, { fields: { to: `Not a valid WhatsApp number: ${phone.reason}` } });

  const [sender] = await db
    .select({ provider: senderPhones.provider })
    .from(senderPhones)
    .where(and(eq(senderPhones.workspaceId, workspaceId), eq(senderPhones.id, senderPhoneId)));
  if (!sender) throw new AppError('BAD_USER_INPUT', 'Choose the phone to send from', { fields: { senderPhoneId: 'This phone does not exist in this workspace' } });

  const lead =
    leadId === SAMPLE_LEAD_ID
      ? { ...SAMPLE_LEAD_WITH_MISSING_FIELDS, optedOutAt: null }
      : (
          await db
            .select({ name: leads.name, email: leads.email, phoneE164: leads.phoneE164, attributes: leads.attributes })
            .from(leads)
            .where(and(eq(leads.workspaceId, workspaceId), eq(leads.id, leadId)))
        ).map((l) => ({ ...l, optedOutAt: null }))[0];
  if (!lead) throw new AppError('BAD_USER_INPUT', 'Choose a lead to preview with', { fields: { leadId: 'This lead does not exist in this workspace' } });

  const [wa] =
    draft.kind === 'whatsapp_template' && draft.whatsappTemplateId
      ? await db
          .select()
          .from(whatsappTemplates)
          .where(and(eq(whatsappTemplates.workspaceId, workspaceId), eq(whatsappTemplates.id, draft.whatsappTemplateId)))
      : [];
  const waForValidation = wa ? { ...wa, components: wa.components as Record<string, unknown>[] } : null;
  const errors = validateTemplate(draft, { coverage: await getFieldCoverage(workspaceId), whatsappTemplate: waForValidation }).filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new AppError('BAD_USER_INPUT', `Fix the message first: ${errors[0].message}`);

  await consumeTestSendQuota(workspaceId);

  const plan = prepareMessage({
    message: { id: randomUUID(), kind: draft.kind === 'session_text' ? 'text' : 'template', isBusinessInitiated: false, toPhone: phone.e164, renderedBody: null, templateId: null },
    lead,
    isInsideServiceWindow: true,
    sender: { provider: sender.provider, status: 'active', isActive: true },
    template: {
      body: draft.kind === 'session_text' ? draft.body : templateTexts(waForValidation?.components ?? []).body,
      fallbacks: {},
      waTemplateName: wa?.name ?? null,
      waLanguage: wa?.language ?? null,
      parameterMapping: draft.parameterMapping.map((m) => ({ ...m, field: m.field || undefined, value: m.value, fallback: m.fallback || undefined })),
    },
    campaignStatus: null,
  });
  if (plan.action !== 'send') {
    return { ok: false, failure: { code: null, detail: plan.reason, explanation: `Not sent: ${plan.reason} for this lead. Add a fallback or pick another lead.` } };
  }

  const loaded = await loadCredentialsOrFlag(workspaceId, senderPhoneId);
  if (!loaded.ok) return loaded;
  // Kept in the recipient's history like a campaign's test send (record-template-test-send.ts).
  const { messageId } = await startTemplateTestMessage(db, {
    workspaceId,
    toPhone: phone.e164,
    senderPhoneId,
    templateId: draft.id ?? null,
    templateName: draft.name,
    kind: plan.outbound.type === 'template' ? 'template' : 'text',
    renderedBody: plan.renderedBody,
  });
  const result = await sendMessage(loaded.creds, { ...plan.outbound, bizOpaqueCallbackData: messageId });
  if (result.ok) {
    await finishTemplateTestMessage(db, messageId, result, null);
    return { ok: true, providerMessageId: result.providerMessageId, waId: result.waId, text: plan.renderedBody };
  }
  const failure = explainGraphFailure(result);
  await finishTemplateTestMessage(db, messageId, result, failure.explanation);
  if (result.outcome === 'rejected') {
    if (result.decision === 'token_invalid') {
      await markSenderNeedsAttention(db, { id: senderPhoneId, workspaceId }, `Meta rejected the access token (code ${failure.code}): ${failure.detail}`);
    }
    return { ok: false, failure: { ...failure, decision: result.decision } };
  }
  return { ok: false, failure };
}
