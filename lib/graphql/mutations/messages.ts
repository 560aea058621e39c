import 'server-only';
import { GraphQLBoolean, GraphQLID, GraphQLInputObjectType, GraphQLNonNull, GraphQLObjectType, GraphQLString, type GraphQLFieldConfigMap } from 'graphql';
import { AppError } from '@/lib/errors';
import { queueLeadMessage } from '@/lib/messages/queue-lead-message';
import type { GraphQLContext } from '../context';
import { normalizeApiPhone } from '../phone-input';
import { findLeadByPhone } from '../reads';
import { PhoneNumberScalar } from '../scalars';
import { MessageType } from '../types/message';
import { nn } from '../types/wrap';
import { idOf, writer, type Args } from './common';

const SendMessageInput = new GraphQLInputObjectType({
  name: 'SendMessageInput',
  fields: {
    leadId: { type: GraphQLID, description: 'The lead, or give its phone instead.' },
    phone: { type: PhoneNumberScalar, description: 'A lead’s phone in any format (the lead must exist: upsertLead first).' },
    templateId: { type: nn(GraphQLID) },
    senderPhoneId: { type: nn(GraphQLID) },
    idempotencyKey: { type: new GraphQLNonNull(GraphQLString), description: 'Your key for this send: the same key returns the same message, never a second send.' },
  },
});

const SendMessagePayload = new GraphQLObjectType({
  name: 'SendMessagePayload',
  fields: {
    message: { type: nn(MessageType), description: 'Queued now; follow its status (skipped or failed ones say why in statusReason).' },
    created: { type: nn(GraphQLBoolean), description: 'False when this idempotency key had already queued it.' },
  },
});

export const messageMutations: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  sendMessage: {
    type: nn(SendMessagePayload),
    description: "Queues a template to a lead; the dispatcher's rules apply (opt-out, 24-hour window, send window, sender state, caps).",
    args: { input: { type: nn(SendMessageInput) } },
    resolve: async (_s, args: Args, ctx) => {
      const ws = writer(ctx);
      const input = args.input as Record<string, string | null | undefined>;
      let leadId: string;
      if (input.leadId) leadId = idOf(input.leadId, 'Lead', 'lead');
      else if (input.phone) {
        const lead = await findLeadByPhone(ws, normalizeApiPhone(input.phone, ctx.caller.workspace.defaultCountry));
        if (!lead) throw new AppError('NOT_FOUND', 'No lead has this phone: create it with upsertLead first.');
        leadId = lead.id;
      } else {
        throw new AppError('BAD_USER_INPUT', 'Give leadId or phone.', { fields: { leadId: 'Give leadId or phone' } });
      }
      const { message, isNew } = await queueLeadMessage(ws, {
        leadId,
        templateId: idOf(input.templateId, 'MessageTemplate', 'message template'),
        senderPhoneId: idOf(input.senderPhoneId, 'SenderPhone', 'sender phone'),
        idempotencyKey: input.idempotencyKey,
      });
      return { message, created: isNew };
    },
  },
};
