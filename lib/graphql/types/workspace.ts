import { GraphQLBoolean, GraphQLFloat, GraphQLID, GraphQLInt, GraphQLObjectType, GraphQLString } from 'graphql';
import { list, nn } from './wrap';
import type { Campaign, Workspace } from '@/db/schema';
import type { DashboardCounts } from '@/lib/analytics/get-dashboard-counts';
import { getCampaignStats, type CampaignStats } from '@/lib/campaigns/get-campaign-detail';
import type { CampaignListRow } from '@/lib/campaigns/list-campaigns';
import type { ImportListRow } from '@/lib/imports/list-imports';
import type { LandingPageListRow } from '@/lib/landing-pages/list-landing-pages';
import type { SenderPhoneListRow } from '@/lib/phones/list-sender-phones';
import type { TemplateListRow } from '@/lib/templates/list-templates';
import type { GraphQLContext } from '../context';
import { connectionType, NodeInterface, toGlobalId } from '../relay';
import { DateTimeScalar, JSONScalar } from '../scalars';
import { ApiScopeEnum, CampaignKindEnum, CampaignStatusEnum } from './enums';

const int = { type: nn(GraphQLInt) };

export const WorkspaceType = new GraphQLObjectType<Workspace, GraphQLContext>({
  name: 'Workspace',
  interfaces: [NodeInterface],
  fields: {
    id: { type: nn(GraphQLID), resolve: (w) => toGlobalId('Workspace', w.id) },
    name: { type: nn(GraphQLString) },
    slug: { type: nn(GraphQLString) },
    defaultCountry: { type: nn(GraphQLString), description: 'Phones without a country code are read in this country.' },
    timezone: { type: nn(GraphQLString) },
    dailyRecipientCap: { type: GraphQLInt },
  },
});

export const ViewerType = new GraphQLObjectType<GraphQLContext['caller'], GraphQLContext>({
  name: 'Viewer',
  description: 'Who is calling: the workspace and what the key (or session) may do.',
  fields: {
    workspace: { type: nn(WorkspaceType) },
    scopes: { type: list(ApiScopeEnum) },
    role: { type: nn(GraphQLString) },
    authenticatedWith: { type: nn(GraphQLString), description: 'API_KEY or SESSION.', resolve: (c) => (c.apiKeyId ? 'API_KEY' : 'SESSION') },
  },
});

const statusCounts = {
  queued: int,
  sending: int,
  sent: int,
  delivered: int,
  read: int,
  failed: int,
  skipped: int,
  unknown: int,
};

const ReasonCountType = new GraphQLObjectType({
  name: 'ReasonCount',
  fields: { reason: { type: nn(GraphQLString) }, count: int },
});

type StatsSource = Partial<CampaignStats> & { counts: CampaignStats['counts']; replied: number };
export const CampaignStatsType = new GraphQLObjectType<StatsSource, GraphQLContext>({
  name: 'CampaignStats',
  description: "The campaign's messages by status, as on its page.",
  fields: {
    ...Object.fromEntries(Object.keys(statusCounts).map((k) => [k, { type: nn(GraphQLInt), resolve: (s: StatsSource) => s.counts[k as keyof StatsSource['counts']] ?? 0 }])),
    total: { type: nn(GraphQLInt), resolve: (s) => s.total ?? Object.values(s.counts).reduce((a, b) => a + b, 0) },
    replied: int,
    skippedByReason: { type: list(ReasonCountType), resolve: (s) => s.skippedByReason ?? [] },
    failedByReason: { type: list(ReasonCountType), resolve: (s) => s.failedByReason ?? [] },
  },
});

/** A campaign from the list (with counts) or from campaign(id) (with full stats). */
export type CampaignSource = (Pick<Campaign, 'id' | 'name' | 'kind' | 'status' | 'trigger' | 'delaySeconds' | 'sendWindow' | 'scheduledAt' | 'createdAt'> &
  Partial<Campaign>) & { stats?: CampaignStats; counts?: CampaignListRow['counts']; replied?: number };

export const CampaignType = new GraphQLObjectType<CampaignSource, GraphQLContext>({
  name: 'Campaign',
  interfaces: [NodeInterface],
  fields: {
    id: { type: nn(GraphQLID), resolve: (c) => toGlobalId('Campaign', c.id) },
    name: { type: nn(GraphQLString) },
    kind: { type: nn(CampaignKindEnum) },
    status: { type: nn(CampaignStatusEnum) },
    trigger: { type: nn(JSONScalar), description: 'Which new leads an automated campaign reacts to.' },
    delaySeconds: int,
    sendWindow: { type: JSONScalar },
    scheduledAt: { type: DateTimeScalar },
    startedAt: { type: DateTimeScalar },
    createdAt: { type: nn(DateTimeScalar) },
    stats: {
      type: nn(CampaignStatsType),
      resolve: (c, _a, ctx) =>
        c.stats ?? (c.counts && c.replied !== undefined ? { counts: c.counts, replied: c.replied } : getCampaignStats(ctx.caller.workspace.id, c.id)),
    },
  },
});

export const MessageTemplateType = new GraphQLObjectType<TemplateListRow, GraphQLContext>({
  name: 'MessageTemplate',
  interfaces: [NodeInterface],
  fields: {
    id: { type: nn(GraphQLID), resolve: (t) => toGlobalId('MessageTemplate', t.id) },
    name: { type: nn(GraphQLString) },
    kind: { type: nn(GraphQLString), description: 'session_text (inside the 24-hour window) or whatsapp_template.' },
    body: { type: nn(GraphQLString) },
    waTemplateName: { type: GraphQLString },
    waLanguage: { type: GraphQLString },
    updatedAt: { type: nn(DateTimeScalar) },
  },
});

// Deliberately no token, app secret or webhook verify token: they are write-only.
export const SenderPhoneType = new GraphQLObjectType<SenderPhoneListRow, GraphQLContext>({
  name: 'SenderPhone',
  interfaces: [NodeInterface],
  fields: {
    id: { type: nn(GraphQLID), resolve: (p) => toGlobalId('SenderPhone', p.id) },
    label: { type: nn(GraphQLString) },
    provider: { type: nn(GraphQLString) },
    phoneNumberId: { type: nn(GraphQLString) },
    wabaId: { type: nn(GraphQLString) },
    displayPhoneNumber: { type: GraphQLString },
    verifiedName: { type: GraphQLString },
    qualityRating: { type: GraphQLString },
    status: { type: nn(GraphQLString) },
    statusReason: { type: GraphQLString },
    rateLimitPerSecond: { type: nn(GraphQLFloat) },
    isActive: { type: nn(GraphQLBoolean) },
    lastVerifiedAt: { type: DateTimeScalar },
    createdAt: { type: nn(DateTimeScalar) },
  },
});

export const LandingPageType = new GraphQLObjectType<LandingPageListRow, GraphQLContext>({
  name: 'LandingPage',
  interfaces: [NodeInterface],
  fields: {
    id: { type: nn(GraphQLID), resolve: (p) => toGlobalId('LandingPage', p.id) },
    slug: { type: nn(GraphQLString) },
    title: { type: nn(GraphQLString) },
    headline: { type: nn(GraphQLString) },
    isPublished: { type: nn(GraphQLBoolean) },
    tags: { type: list(GraphQLString) },
    leadsCaptured: int,
    createdAt: { type: nn(DateTimeScalar) },
  },
});

export const ImportType = new GraphQLObjectType<ImportListRow, GraphQLContext>({
  name: 'Import',
  interfaces: [NodeInterface],
  fields: {
    id: { type: nn(GraphQLID), resolve: (i) => toGlobalId('Import', i.id) },
    fileName: { type: nn(GraphQLString) },
    status: { type: nn(GraphQLString) },
    totalRows: int,
    createdCount: int,
    updatedCount: int,
    unchangedCount: int,
    invalidCount: int,
    duplicateCount: int,
    startedAt: { type: DateTimeScalar },
    finishedAt: { type: DateTimeScalar },
    revertedAt: { type: DateTimeScalar },
    createdAt: { type: nn(DateTimeScalar) },
  },
});

const DailyPointType = new GraphQLObjectType({
  name: 'DailyPoint',
  fields: { day: { type: nn(GraphQLString), description: 'YYYY-MM-DD in the workspace time zone.' }, leads: int, sent: int, delivered: int },
});

const MessagesByStatusType = new GraphQLObjectType({ name: 'MessagesByStatus', fields: statusCounts });

export const DashboardType = new GraphQLObjectType<DashboardCounts, GraphQLContext>({
  name: 'Dashboard',
  description: 'The same counts as the dashboard page.',
  fields: {
    timezone: { type: nn(GraphQLString) },
    totalLeads: int,
    leadsLast7Days: int,
    messagesByStatus: { type: nn(MessagesByStatusType) },
    totalMessages: int,
    inboundReplies: int,
    daily: { type: list(DailyPointType) },
  },
});

export const CampaignConnection = connectionType('Campaign', CampaignType);
export const MessageTemplateConnection = connectionType('MessageTemplate', MessageTemplateType);
export const SenderPhoneConnection = connectionType('SenderPhone', SenderPhoneType);
export const LandingPageConnection = connectionType('LandingPage', LandingPageType);
export const ImportConnection = connectionType('Import', ImportType);
