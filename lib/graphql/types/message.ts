import { GraphQLBoolean, GraphQLID, GraphQLInt, GraphQLList, GraphQLObjectType, GraphQLString } from 'graphql';
import { nn } from './wrap';
import type { InboundMessage, Message, MessageEvent } from '@/db/schema';
import type { GraphQLContext } from '../context';
import { connectionType, NodeInterface, toGlobalId } from '../relay';
import { DateTimeScalar, PhoneNumberScalar } from '../scalars';
import { MessageStatusEnum } from './enums';
import { LeadType } from './lead';

const gid = (type: 'Campaign' | 'MessageTemplate' | 'SenderPhone' | 'Message', id: string | null) => (id ? toGlobalId(type, id) : null);

export const MessageEventType: GraphQLObjectType<MessageEvent, GraphQLContext> = new GraphQLObjectType({
  name: 'MessageEvent',
  description: 'One step in a message life: queued, sending, sent, delivered, read, failed, retry_scheduled ...',
  fields: {
    status: { type: nn(GraphQLString) },
    source: { type: nn(GraphQLString) },
    providerTimestamp: { type: DateTimeScalar },
    errorCode: { type: GraphQLInt },
    detail: { type: GraphQLString },
    createdAt: { type: nn(DateTimeScalar) },
  },
});

export const MessageType: GraphQLObjectType<Message, GraphQLContext> = new GraphQLObjectType({
  name: 'Message',
  description: 'A message to a lead, from the queue to read.',
  interfaces: [NodeInterface],
  fields: () => ({
    id: { type: nn(GraphQLID), resolve: (m) => toGlobalId('Message', m.id) },
    lead: { type: LeadType, resolve: (m, _a, ctx) => ctx.loaders.lead.load(m.leadId) },
    campaignId: { type: GraphQLID, resolve: (m) => gid('Campaign', m.campaignId) },
    templateId: { type: GraphQLID, resolve: (m) => gid('MessageTemplate', m.templateId) },
    senderPhoneId: { type: GraphQLID, resolve: (m) => gid('SenderPhone', m.senderPhoneId) },
    kind: { type: nn(GraphQLString) },
    isBusinessInitiated: { type: nn(GraphQLBoolean) },
    toPhone: { type: nn(PhoneNumberScalar) },
    body: { type: GraphQLString, resolve: (m) => m.renderedBody },
    status: { type: nn(MessageStatusEnum) },
    statusReason: { type: GraphQLString, description: 'Why a message was skipped or held (opt-out, window, cap ...).' },
    attempts: { type: nn(GraphQLInt) },
    errorCode: { type: GraphQLInt },
    errorTitle: { type: GraphQLString },
    errorReason: { type: GraphQLString },
    idempotencyKey: { type: nn(GraphQLString) },
    queuedAt: { type: nn(DateTimeScalar) },
    nextAttemptAt: { type: nn(DateTimeScalar) },
    sentAt: { type: DateTimeScalar },
    deliveredAt: { type: DateTimeScalar },
    readAt: { type: DateTimeScalar },
    failedAt: { type: DateTimeScalar },
    skippedAt: { type: DateTimeScalar },
    createdAt: { type: nn(DateTimeScalar) },
    events: { type: nn(new GraphQLList(nn(MessageEventType))), resolve: (m, _a, ctx) => ctx.loaders.messageEvents.load(m.id) },
  }),
});

export const InboundMessageType: GraphQLObjectType<InboundMessage, GraphQLContext> = new GraphQLObjectType({
  name: 'InboundMessage',
  description: "A lead's message to one of the workspace's numbers.",
  interfaces: [NodeInterface],
  fields: () => ({
    id: { type: nn(GraphQLID), resolve: (m) => toGlobalId('InboundMessage', m.id) },
    lead: { type: LeadType, resolve: (m, _a, ctx) => ctx.loaders.lead.load(m.leadId) },
    senderPhoneId: { type: GraphQLID, resolve: (m) => gid('SenderPhone', m.senderPhoneId) },
    type: { type: nn(GraphQLString) },
    text: { type: GraphQLString },
    buttonPayload: { type: GraphQLString },
    replyToMessageId: { type: GraphQLID, resolve: (m) => gid('Message', m.replyToMessageId) },
    receivedAt: { type: nn(DateTimeScalar) },
  }),
});

export const MessageConnection = connectionType('Message', MessageType);
export const InboundMessageConnection = connectionType('InboundMessage', InboundMessageType);
