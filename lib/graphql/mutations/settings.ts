import 'server-only';
import { GraphQLBoolean, GraphQLID, GraphQLInputObjectType, GraphQLInt, GraphQLObjectType, GraphQLString, type GraphQLFieldConfigMap } from 'graphql';
import { AppError } from '@/lib/errors';
import { createSenderPhone } from '@/lib/phones/create-sender-phone';
import { listSenderPhones } from '@/lib/phones/list-sender-phones';
import { setSenderPhoneActive } from '@/lib/phones/set-sender-phone-active';
import { updateSenderPhone } from '@/lib/phones/update-sender-phone';
import { verifySenderPhone } from '@/lib/phones/verify-sender-phone';
import { archiveTemplate } from '@/lib/templates/archive-template';
import { listTemplates } from '@/lib/templates/list-templates';
import { saveTemplate } from '@/lib/templates/save-template';
import { requireRole, type GraphQLContext } from '../context';
import { JSONScalar } from '../scalars';
import { MessageTemplateType, SenderPhoneType } from '../types/workspace';
import { nn } from '../types/wrap';
import { given, idOf, writer, type Args } from './common';

// Message templates and sender phones: the same use cases as their admin pages.

const MessageTemplateInput = new GraphQLInputObjectType({
  name: 'MessageTemplateInput',
  fields: {
    name: { type: nn(GraphQLString) },
    kind: { type: nn(GraphQLString), description: 'session_text or whatsapp_template.' },
    body: { type: GraphQLString, description: 'Text with {{field|fallback}} placeholders (session_text).' },
    whatsappTemplateId: { type: GraphQLID, description: 'A synced WhatsApp template (whatsapp_template).' },
    parameterMapping: { type: JSONScalar, description: 'As the template editor saves it.' },
  },
});

async function templateById(ws: string, id: string) {
  const found = (await listTemplates(ws)).find((t) => t.id === id);
  if (!found) throw new AppError('NOT_FOUND', 'No message template with this id.');
  return found;
}

function templateValues(input: Record<string, unknown>) {
  const v = given(input);
  return { ...v, whatsappTemplateId: v.whatsappTemplateId ? String(v.whatsappTemplateId) : '' };
}

const SenderPhoneInput = new GraphQLInputObjectType({
  name: 'SenderPhoneInput',
  description: 'accessToken and appSecret are write-only: stored encrypted, never returned. On update, omit them to keep the stored ones.',
  fields: {
    label: { type: nn(GraphQLString) },
    phoneNumberId: { type: nn(GraphQLString) },
    wabaId: { type: nn(GraphQLString) },
    webhookVerifyToken: { type: nn(GraphQLString) },
    rateLimitPerSecond: { type: GraphQLInt, defaultValue: 80 },
    isActive: { type: GraphQLBoolean, defaultValue: true },
    accessToken: { type: GraphQLString },
    appSecret: { type: GraphQLString },
  },
});

const VerifySenderPhonePayload = new GraphQLObjectType({
  name: 'VerifySenderPhonePayload',
  fields: {
    ok: { type: nn(GraphQLBoolean) },
    error: { type: GraphQLString, description: 'What Meta answered and what to do, when not ok.' },
    senderPhone: { type: nn(SenderPhoneType) },
  },
});

async function phoneById(ws: string, id: string) {
  const found = (await listSenderPhones(ws)).find((p) => p.id === id);
  if (!found) throw new AppError('NOT_FOUND', 'No sender phone with this id.');
  return found;
}

/** Phones need the write scope and an owner or admin behind the key or session. */
function phoneAdmin(ctx: GraphQLContext): string {
  const ws = writer(ctx);
  requireRole(ctx, 'admin');
  return ws;
}

const phoneValues = (input: Record<string, unknown>) => ({ accessToken: '', appSecret: '', ...given(input) });

export const settingsMutations: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  createMessageTemplate: {
    type: nn(MessageTemplateType),
    args: { input: { type: nn(MessageTemplateInput) } },
    resolve: async (_s, args: Args, ctx) => {
      const ws = writer(ctx);
      const { id } = await saveTemplate(ws, templateValues(args.input as Record<string, unknown>));
      return templateById(ws, id);
    },
  },
  updateMessageTemplate: {
    type: nn(MessageTemplateType),
    args: { id: { type: nn(GraphQLID) }, input: { type: nn(MessageTemplateInput) } },
    resolve: async (_s, args: Args, ctx) => {
      const ws = writer(ctx);
      const id = idOf(args.id, 'MessageTemplate', 'message template');
      await saveTemplate(ws, { ...templateValues(args.input as Record<string, unknown>), id });
      return templateById(ws, id);
    },
  },
  archiveMessageTemplate: {
    type: nn(GraphQLID),
    description: 'Archives (campaigns and sent messages keep their text); answers the id.',
    args: { id: { type: nn(GraphQLID) } },
    resolve: async (_s, args: Args, ctx) => {
      await archiveTemplate(writer(ctx), { id: idOf(args.id, 'MessageTemplate', 'message template') });
      return args.id;
    },
  },
  createSenderPhone: {
    type: nn(SenderPhoneType),
    args: { input: { type: nn(SenderPhoneInput) } },
    resolve: async (_s, args: Args, ctx) => {
      const ws = phoneAdmin(ctx);
      const { id } = await createSenderPhone(ws, phoneValues(args.input as Record<string, unknown>));
      return phoneById(ws, id);
    },
  },
  updateSenderPhone: {
    type: nn(SenderPhoneType),
    args: { id: { type: nn(GraphQLID) }, input: { type: nn(SenderPhoneInput) } },
    resolve: async (_s, args: Args, ctx) => {
      const ws = phoneAdmin(ctx);
      const id = idOf(args.id, 'SenderPhone', 'sender phone');
      await phoneById(ws, id);
      await updateSenderPhone(ws, { ...phoneValues(args.input as Record<string, unknown>), id });
      return phoneById(ws, id);
    },
  },
  verifySenderPhone: {
    type: nn(VerifySenderPhonePayload),
    description: 'Asks Meta (or the sandbox) for the number with the stored token; activates it when it answers.',
    args: { id: { type: nn(GraphQLID) } },
    resolve: async (_s, args: Args, ctx) => {
      const ws = phoneAdmin(ctx);
      const id = idOf(args.id, 'SenderPhone', 'sender phone');
      await phoneById(ws, id);
      const result = await verifySenderPhone(ws, { id });
      return { ok: result.ok, error: result.ok ? null : `${result.failure.detail} ${result.failure.explanation}`.trim(), senderPhone: await phoneById(ws, id) };
    },
  },
  deactivateSenderPhone: {
    type: nn(SenderPhoneType),
    description: 'Keeps the phone and its history; its queued messages wait until it is active again.',
    args: { id: { type: nn(GraphQLID) } },
    resolve: async (_s, args: Args, ctx) => {
      const ws = phoneAdmin(ctx);
      const id = idOf(args.id, 'SenderPhone', 'sender phone');
      await setSenderPhoneActive(ws, { id, isActive: false });
      return phoneById(ws, id);
    },
  },
};
