import 'server-only';
import {
  GraphQLBoolean,
  GraphQLEnumType,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLString,
  type GraphQLFieldConfigMap,
} from 'graphql';
import { nn } from './types/wrap';
import { z } from 'zod';
import { getDashboardCounts } from '@/lib/analytics/get-dashboard-counts';
import { getCampaignDetail } from '@/lib/campaigns/get-campaign-detail';
import { listCampaigns } from '@/lib/campaigns/list-campaigns';
import { AppError, parseInput } from '@/lib/errors';
import { listImports } from '@/lib/imports/list-imports';
import { listLandingPages } from '@/lib/landing-pages/list-landing-pages';
import { tagNameSchema } from '@/lib/leads/lead-selection';
import { listLeads } from '@/lib/leads/list-leads';
import { listSenderPhones } from '@/lib/phones/list-sender-phones';
import { listTemplates } from '@/lib/templates/list-templates';
import type { GraphQLContext } from './context';
import { duplicateQueries } from './duplicates';
import { lookupNode } from './node';
import { normalizeApiPhone } from './phone-input';
import { connectionFromArray, decodeGlobalId, fromGlobalId, NodeInterface, pageArgs, pageSize, toConnection, type Connection, type NodeTypeName } from './relay';
import { countLeadsWhere, findLeadByPhone, leadExtrasWhere, listAppointmentsPage, listInboundPage, listMessagesPage } from './reads';
import { DateTimeScalar, PhoneNumberScalar } from './scalars';
import { AppointmentStatusEnum, LeadOrderEnum, LeadSourceEnum, LifecycleStatusEnum, MessageStatusEnum } from './types/enums';
import { AppointmentConnection, LeadConnection, LeadType, type LeadSource } from './types/lead';
import { InboundMessageConnection, MessageConnection } from './types/message';
import {
  CampaignConnection,
  CampaignType,
  DashboardType,
  ImportConnection,
  LandingPageConnection,
  MessageTemplateConnection,
  SenderPhoneConnection,
  ViewerType,
} from './types/workspace';

type Args = Record<string, unknown>;

const DashboardRangeEnum = new GraphQLEnumType({ name: 'DashboardRange', values: { LAST_7_DAYS: { value: 'last_7_days' } } });

/**
 * A filter's global id: of the expected type and in the caller's workspace, else NOT_FOUND
 * (another workspace's id is not an empty list, it is unknown here). Absent stays undefined.
 */
async function optionalId(ctx: GraphQLContext, v: unknown, type: NodeTypeName): Promise<string | undefined> {
  if (v == null) return undefined;
  const id = fromGlobalId(String(v), type);
  await lookupNode(ctx, type, id);
  return id;
}

const LeadFilterInput = new GraphQLInputObjectType({
  name: 'LeadFilter',
  fields: {
    search: { type: GraphQLString, description: 'Name, e-mail or phone digits contain this (as the leads page search).' },
    tags: { type: new GraphQLList(nn(GraphQLString)), description: 'Leads with all of these tags.' },
    source: { type: LeadSourceEnum },
    status: { type: LifecycleStatusEnum },
    optedOut: { type: GraphQLBoolean },
    replied: { type: GraphQLBoolean },
    createdAfter: { type: DateTimeScalar },
    createdBefore: { type: DateTimeScalar },
    landingPageId: { type: GraphQLID, description: 'Leads with a touchpoint from this landing page.' },
    campaignId: { type: GraphQLID, description: 'Leads this campaign has messaged (or queued).' },
  },
});

const leadFilterSchema = z.object({
  search: z.string().trim().max(100, 'At most 100 characters').nullish(),
  tags: z.array(tagNameSchema).max(20, 'At most 20 tags').nullish(),
});

const MessageFilterInput = new GraphQLInputObjectType({
  name: 'MessageFilter',
  fields: {
    leadId: { type: GraphQLID },
    campaignId: { type: GraphQLID },
    status: { type: MessageStatusEnum },
    since: { type: DateTimeScalar },
  },
});
const InboundMessageFilterInput = new GraphQLInputObjectType({
  name: 'InboundMessageFilter',
  fields: { leadId: { type: GraphQLID }, since: { type: DateTimeScalar } },
});
const AppointmentFilterInput = new GraphQLInputObjectType({
  name: 'AppointmentFilter',
  fields: { leadId: { type: GraphQLID }, status: { type: AppointmentStatusEnum }, from: { type: DateTimeScalar }, to: { type: DateTimeScalar } },
});

type LeadFilterArgs = {
  search?: string | null;
  tags?: string[] | null;
  source?: LeadSource['source'] | null;
  status?: LeadSource['lifecycleStatus'] | null;
  optedOut?: boolean | null;
  replied?: boolean | null;
  createdAfter?: Date | null;
  createdBefore?: Date | null;
  landingPageId?: string | null;
  campaignId?: string | null;
};

async function leadsConnection(ctx: GraphQLContext, args: Args): Promise<Connection<LeadSource>> {
  const ws = ctx.caller.workspace.id;
  const first = pageSize(args.first);
  const f = (args.filter ?? {}) as LeadFilterArgs;
  const checked = parseInput(leadFilterSchema, { search: f.search, tags: f.tags });
  const yesNo = (b: boolean | null | undefined) => (b == null ? undefined : b ? ('yes' as const) : ('no' as const));
  const query = {
    q: checked.search || undefined,
    source: f.source ?? undefined,
    status: f.status ?? undefined,
    optedOut: yesNo(f.optedOut),
    replied: yesNo(f.replied),
    sort: (args.orderBy as 'newest' | undefined) ?? 'newest',
  };
  const extra = leadExtrasWhere(ws, {
    tags: checked.tags ?? undefined,
    createdAfter: f.createdAfter ?? undefined,
    createdBefore: f.createdBefore ?? undefined,
    landingPageId: await optionalId(ctx, f.landingPageId, 'LandingPage'),
    campaignId: await optionalId(ctx, f.campaignId, 'Campaign'),
  });
  const after = args.after == null ? undefined : String(args.after);
  if (after !== undefined && after.length > 8000) throw new AppError('BAD_USER_INPUT', 'This cursor is not valid here.', { fields: { after: 'Invalid cursor' } });
  const page = await listLeads(ws, { ...query, cursor: after, dir: 'next' }, { pageSize: first, maxPageSize: 200, extraWhere: extra, isLastMessageStatusSkipped: true });
  return toConnection(page.rows as LeadSource[], first, {
    cursorOf: (_node, i) => page.rowCursors[i],
    hasNextPage: page.nextCursor !== null,
    hasPreviousPage: page.prevCursor !== null,
    totalCount: () => countLeadsWhere(ws, query, extra),
  });
}

export const queryFields: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  viewer: { type: nn(ViewerType), resolve: (_s, _a, ctx) => ctx.caller },
  node: {
    type: NodeInterface,
    args: { id: { type: nn(GraphQLID) } },
    resolve: (_s, args: Args, ctx) => {
      const decoded = decodeGlobalId(String(args.id));
      if (!decoded) throw new AppError('NOT_FOUND', 'Nothing with this id.');
      return lookupNode(ctx, decoded.type, decoded.id);
    },
  },
  lead: {
    type: LeadType,
    args: { id: { type: nn(GraphQLID) } },
    resolve: async (_s, args: Args, ctx) => {
      const lead = await ctx.loaders.lead.load(fromGlobalId(String(args.id), 'Lead', 'lead'));
      if (!lead) throw new AppError('NOT_FOUND', 'No lead with this id.');
      return lead;
    },
  },
  leadByPhone: {
    type: LeadType,
    description: 'Any format; read with the workspace default country like every entry point. Null when no lead has it.',
    args: { phone: { type: nn(PhoneNumberScalar) } },
    resolve: (_s, args: Args, ctx) => findLeadByPhone(ctx.caller.workspace.id, normalizeApiPhone(String(args.phone), ctx.caller.workspace.defaultCountry)),
  },
  leads: {
    type: nn(LeadConnection),
    args: { filter: { type: LeadFilterInput }, orderBy: { type: LeadOrderEnum }, ...pageArgs },
    resolve: (_s, args: Args, ctx) => leadsConnection(ctx, args),
  },
  messages: {
    type: nn(MessageConnection),
    args: { filter: { type: MessageFilterInput }, ...pageArgs },
    resolve: async (_s, args: Args, ctx) => {
      const f = (args.filter ?? {}) as Record<string, unknown>;
      return listMessagesPage(
        ctx.caller.workspace.id,
        {
          leadId: await optionalId(ctx, f.leadId, 'Lead'),
          campaignId: await optionalId(ctx, f.campaignId, 'Campaign'),
          status: (f.status as never) ?? undefined,
          since: (f.since as Date) ?? undefined,
        },
        pageSize(args.first),
        args.after as string | null,
      );
    },
  },
  inboundMessages: {
    type: nn(InboundMessageConnection),
    args: { filter: { type: InboundMessageFilterInput }, ...pageArgs },
    resolve: async (_s, args: Args, ctx) => {
      const f = (args.filter ?? {}) as Record<string, unknown>;
      return listInboundPage(
        ctx.caller.workspace.id,
        { leadId: await optionalId(ctx, f.leadId, 'Lead'), since: (f.since as Date) ?? undefined },
        pageSize(args.first),
        args.after as string | null,
      );
    },
  },
  appointments: {
    type: nn(AppointmentConnection),
    args: { filter: { type: AppointmentFilterInput }, ...pageArgs },
    resolve: async (_s, args: Args, ctx) => {
      const f = (args.filter ?? {}) as Record<string, unknown>;
      return listAppointmentsPage(
        ctx.caller.workspace.id,
        { leadId: await optionalId(ctx, f.leadId, 'Lead'), status: (f.status as never) ?? undefined, from: (f.from as Date) ?? undefined, to: (f.to as Date) ?? undefined },
        pageSize(args.first),
        args.after as string | null,
      );
    },
  },
  campaigns: {
    type: nn(CampaignConnection),
    args: pageArgs,
    resolve: async (_s, args: Args, ctx) => connectionFromArray(await listCampaigns(ctx.caller.workspace.id), args),
  },
  campaign: {
    type: CampaignType,
    args: { id: { type: nn(GraphQLID) } },
    resolve: async (_s, args: Args, ctx) => {
      const detail = await getCampaignDetail(ctx.caller.workspace.id, fromGlobalId(String(args.id), 'Campaign', 'campaign'));
      if (!detail) throw new AppError('NOT_FOUND', 'No campaign with this id.');
      return { ...detail.campaign, stats: detail.stats };
    },
  },
  messageTemplates: {
    type: nn(MessageTemplateConnection),
    args: pageArgs,
    resolve: async (_s, args: Args, ctx) => connectionFromArray(await listTemplates(ctx.caller.workspace.id), args),
  },
  senderPhones: {
    type: nn(SenderPhoneConnection),
    args: pageArgs,
    resolve: async (_s, args: Args, ctx) => connectionFromArray(await listSenderPhones(ctx.caller.workspace.id), args),
  },
  landingPages: {
    type: nn(LandingPageConnection),
    args: pageArgs,
    resolve: async (_s, args: Args, ctx) => connectionFromArray(await listLandingPages(ctx.caller.workspace.id), args),
  },
  imports: {
    type: nn(ImportConnection),
    description: 'The last 100 imports, newest first.',
    args: pageArgs,
    resolve: async (_s, args: Args, ctx) => connectionFromArray(await listImports(ctx.caller.workspace.id), args),
  },
  dashboard: {
    type: nn(DashboardType),
    description: 'The dashboard counts: totals and the last 7 days in the workspace time zone.',
    args: { range: { type: DashboardRangeEnum, defaultValue: 'last_7_days' } },
    resolve: (_s, _a, ctx) => getDashboardCounts(ctx.caller.workspace.id),
  },
  ...duplicateQueries,
};

