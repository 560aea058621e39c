import {
  GraphQLBoolean,
  GraphQLID,
  GraphQLInt,
  GraphQLObjectType,
  GraphQLString,
} from 'graphql';
import { list, nn } from './wrap';
import type { Appointment, Lead, LeadTouchpoint } from '@/db/schema';
import type { GraphQLContext } from '../context';
import { connectionType, MAX_PAGE_SIZE, NodeInterface, pageSize, toConnection, toGlobalId, type Connection } from '../relay';
import { DateTimeScalar, JSONScalar, PhoneNumberScalar } from '../scalars';
import { AppointmentStatusEnum, LeadSourceEnum, LifecycleStatusEnum } from './enums';
import { InboundMessageConnection, MessageConnection, MessageType } from './message';


/** A lead as resolvers pass it on: a full row, or a list row that has the columns a page needs. */
export type LeadSource = Pick<Lead, 'id'> & Partial<Lead>;

/** The full row for fields a list row does not carry (batched: one statement per level). */
function full(src: LeadSource, ctx: GraphQLContext): Lead | Promise<Lead> {
  if ('attributes' in src && 'consentAt' in src && 'updatedAt' in src && 'waId' in src) return src as Lead;
  return ctx.loaders.lead.load(src.id).then((lead) => {
    if (!lead) throw new Error(`lead ${src.id} vanished while resolving`);
    return lead;
  });
}

/**
 * A column's resolver: synchronous when the row at hand has it (a page of 200 leads would
 * otherwise make a promise per field), else from the full row.
 */
function column<K extends keyof Lead>(key: K) {
  return (l: LeadSource, _args: unknown, ctx: GraphQLContext): Lead[K] | null | Promise<Lead[K] | null> => {
    if (key in l) return (l[key] as Lead[K] | undefined) ?? null;
    const lead = full(l, ctx);
    return lead instanceof Promise ? lead.then((x) => x[key] ?? null) : (lead[key] ?? null);
  };
}

/** The newest `first` rows of a per-lead loader, which reads one more to tell hasNextPage. */
async function newestConnection<T extends { id: string }>(rows: Promise<T[]>, first: number, count: () => Promise<number>): Promise<Connection<T>> {
  return toConnection(await rows, first, { cursorOf: (node) => node.id, hasPreviousPage: false, totalCount: count });
}

export const TouchpointType: GraphQLObjectType<LeadTouchpoint, GraphQLContext> = new GraphQLObjectType({
  name: 'Touchpoint',
  description: 'One time a lead reached us: a landing page, an import, the API, WhatsApp or a person.',
  interfaces: [NodeInterface],
  fields: () => ({
    id: { type: nn(GraphQLID), resolve: (t) => toGlobalId('Touchpoint', t.id) },
    source: { type: nn(LeadSourceEnum) },
    landingPageId: { type: GraphQLID, resolve: (t) => (t.landingPageId ? toGlobalId('LandingPage', t.landingPageId) : null) },
    importId: { type: GraphQLID, resolve: (t) => (t.importId ? toGlobalId('Import', t.importId) : null) },
    utmSource: { type: GraphQLString },
    utmMedium: { type: GraphQLString },
    utmCampaign: { type: GraphQLString },
    utmTerm: { type: GraphQLString },
    utmContent: { type: GraphQLString },
    referrer: { type: GraphQLString },
    payload: { type: nn(JSONScalar) },
    createdAt: { type: nn(DateTimeScalar) },
  }),
});

export const AppointmentType: GraphQLObjectType<Appointment, GraphQLContext> = new GraphQLObjectType({
  name: 'Appointment',
  interfaces: [NodeInterface],
  fields: () => ({
    id: { type: nn(GraphQLID), resolve: (a) => toGlobalId('Appointment', a.id) },
    lead: { type: LeadType, resolve: (a, _args, ctx) => ctx.loaders.lead.load(a.leadId) },
    title: { type: nn(GraphQLString) },
    startsAt: { type: nn(DateTimeScalar) },
    endsAt: { type: DateTimeScalar },
    status: { type: nn(AppointmentStatusEnum) },
    notes: { type: GraphQLString },
    source: { type: GraphQLString },
    externalId: { type: GraphQLString },
    createdAt: { type: nn(DateTimeScalar) },
    updatedAt: { type: nn(DateTimeScalar) },
  }),
});

const ConsentType = new GraphQLObjectType({
  name: 'Consent',
  fields: {
    at: { type: nn(DateTimeScalar) },
    source: { type: GraphQLString },
    text: { type: GraphQLString },
  },
});

const nestedFirst = {
  type: GraphQLInt,
  defaultValue: 5,
  description: `Newest first, at most ${MAX_PAGE_SIZE}. Page further with the top-level query and a leadId filter.`,
};

export const LeadType: GraphQLObjectType<LeadSource, GraphQLContext> = new GraphQLObjectType({
  name: 'Lead',
  description: 'One person, one phone number per workspace, whatever the sources they came from.',
  interfaces: [NodeInterface],
  fields: () => ({
    id: { type: nn(GraphQLID), resolve: (l) => toGlobalId('Lead', l.id) },
    phone: { type: nn(PhoneNumberScalar), resolve: column('phoneE164') },
    waId: { type: GraphQLString, description: "WhatsApp's own id for the user.", resolve: column('waId') },
    name: { type: GraphQLString, resolve: column('name') },
    email: { type: GraphQLString, resolve: column('email') },
    source: { type: nn(LeadSourceEnum), description: 'The first source.', resolve: column('source') },
    tags: { type: list(GraphQLString), resolve: column('tags') },
    attributes: { type: nn(JSONScalar), description: 'Custom fields, name -> text.', resolve: column('attributes') },
    lifecycleStatus: { type: nn(LifecycleStatusEnum), resolve: column('lifecycleStatus') },
    consent: {
      type: ConsentType,
      resolve: async (l, _a, ctx) => {
        const lead = await full(l, ctx);
        return lead.consentAt ? { at: lead.consentAt, source: lead.consentSource, text: lead.consentText } : null;
      },
    },
    optedOut: {
      type: nn(GraphQLBoolean),
      resolve: (l, _a, ctx) => {
        const at = column('optedOutAt')(l, _a, ctx);
        return at instanceof Promise ? at.then(Boolean) : Boolean(at);
      },
    },
    optedOutAt: { type: DateTimeScalar, resolve: column('optedOutAt') },
    lastInboundAt: {
      type: DateTimeScalar,
      description: "The lead's last message to us (opens WhatsApp's 24-hour window).",
      resolve: column('lastInboundAt'),
    },
    createdAt: { type: nn(DateTimeScalar), resolve: column('createdAt') },
    updatedAt: { type: nn(DateTimeScalar), resolve: column('updatedAt') },
    touchpoints: { type: list(TouchpointType), resolve: (l, _a, ctx) => ctx.loaders.touchpoints.load(l.id) },
    lastMessage: { type: MessageType, resolve: (l, _a, ctx) => ctx.loaders.lastMessage.load(l.id) },
    messages: {
      type: nn(MessageConnection),
      args: { first: nestedFirst },
      resolve: (l, args: { first?: number }, ctx) => {
        const first = pageSize(args.first);
        return newestConnection(ctx.loaders.messages(first + 1).load(l.id), first, () => ctx.loaders.messageCount.load(l.id));
      },
    },
    inboundMessages: {
      type: nn(InboundMessageConnection),
      args: { first: nestedFirst },
      resolve: (l, args: { first?: number }, ctx) => {
        const first = pageSize(args.first);
        return newestConnection(ctx.loaders.inboundMessages(first + 1).load(l.id), first, () => ctx.loaders.inboundCount.load(l.id));
      },
    },
    appointments: { type: list(AppointmentType), resolve: (l, _a, ctx) => ctx.loaders.appointments.load(l.id) },
  }),
});

export const LeadConnection = connectionType('Lead', LeadType);
export const AppointmentConnection = connectionType('Appointment', AppointmentType);
