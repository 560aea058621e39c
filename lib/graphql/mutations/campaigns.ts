import 'server-only';
import { GraphQLBoolean, GraphQLID, GraphQLInputObjectType, GraphQLInt, GraphQLList, GraphQLString, type GraphQLFieldConfigMap } from 'graphql';
import { getCampaignDetail } from '@/lib/campaigns/get-campaign-detail';
import { campaignFormValues, newCampaignFormValues } from '@/lib/campaigns/form-values';
import { EMPTY_SEGMENT } from '@/lib/segments/schema';
import { pauseCampaign } from '@/lib/campaigns/pause-campaign';
import { resumeCampaign } from '@/lib/campaigns/resume-campaign';
import { createCampaign, updateCampaign } from '@/lib/campaigns/save-campaign';
import { queueCampaignTestMessage } from '@/lib/campaigns/queue-campaign-test-message';
import { startCampaign } from '@/lib/campaigns/start-campaign';
import { stopCampaign } from '@/lib/campaigns/stop-campaign';
import { AppError } from '@/lib/errors';
import type { GraphQLContext } from '../context';
import { lookupNode } from '../node';
import { toGlobalId, type NodeTypeName } from '../relay';
import { JSONScalar, PhoneNumberScalar } from '../scalars';
import { CampaignKindEnum, LeadSourceEnum } from '../types/enums';
import { CampaignType } from '../types/workspace';
import { nn } from '../types/wrap';
import { given, idOf, writer, type Args } from './common';

// The campaign form's fields, with global ids: create starts from the form's defaults, update
// from the campaign as saved, and the same use case validates (field errors by form name).
const CampaignInput = new GraphQLInputObjectType({
  name: 'CampaignInput',
  fields: {
    name: { type: GraphQLString },
    kind: { type: CampaignKindEnum, description: 'Required on create.' },
    templateId: { type: GraphQLID },
    senderPhoneIds: { type: new GraphQLList(nn(GraphQLID)), description: 'A pool of senders; the first is the main one.' },
    triggerSources: { type: new GraphQLList(nn(LeadSourceEnum)) },
    triggerLandingPageIds: { type: new GraphQLList(nn(GraphQLID)) },
    triggerTags: { type: GraphQLString, description: 'Comma-separated.' },
    onImport: { type: GraphQLBoolean },
    delayMinutes: { type: GraphQLInt, description: '0 sends right away.' },
    windowEnabled: { type: GraphQLBoolean },
    windowDays: { type: new GraphQLList(nn(GraphQLInt)), description: '0 = Sunday.' },
    windowStartHour: { type: GraphQLInt },
    windowEndHour: { type: GraphQLInt },
    scheduledAt: { type: GraphQLString, description: 'Broadcasts: YYYY-MM-DDTHH:mm in the workspace time zone; absent = now.' },
    segment: { type: JSONScalar, description: 'Broadcasts: the audience, as the campaign form saves it.' },
  },
});

/** Global ids to row ids, each checked to be this workspace's (another's is NOT_FOUND, as everywhere). */
async function toForm(ctx: GraphQLContext, input: Record<string, unknown>) {
  const v = given(input);
  const own = async (id: unknown, type: NodeTypeName, what: string) => {
    const rowId = idOf(id, type, what);
    await lookupNode(ctx, type, rowId);
    return rowId;
  };
  const out: Record<string, unknown> = { ...v };
  if (v.templateId !== undefined) out.templateId = await own(v.templateId, 'MessageTemplate', 'message template');
  if (v.senderPhoneIds !== undefined) out.senderPhoneIds = await Promise.all((v.senderPhoneIds as string[]).map((id) => own(id, 'SenderPhone', 'sender phone')));
  if (v.triggerLandingPageIds !== undefined) {
    out.triggerLandingPageIds = await Promise.all((v.triggerLandingPageIds as string[]).map((id) => own(id, 'LandingPage', 'landing page')));
  }
  // Filters added later (appointments, frequency cap) are optional for integrators.
  if (v.segment && typeof v.segment === 'object' && !Array.isArray(v.segment)) out.segment = { ...EMPTY_SEGMENT, ...(v.segment as object) };
  if (v.windowDays !== undefined) out.windowDays = (v.windowDays as number[]).map(String);
  if (v.delayMinutes !== undefined) out.delayMode = Number(v.delayMinutes) > 0 ? 'minutes' : 'now';
  if (v.scheduledAt !== undefined) out.scheduleMode = v.scheduledAt ? 'later' : 'now';
  return out;
}

async function campaignById(ws: string, id: string) {
  const detail = await getCampaignDetail(ws, id);
  if (!detail) throw new AppError('NOT_FOUND', 'No campaign with this id.');
  return { ...detail.campaign, stats: detail.stats };
}

const campaignId = (args: Args) => idOf(args.id, 'Campaign', 'campaign');

/** start / pause / resume / stop: the use case decides whether the move is allowed now. */
const lifecycle = (run: (ws: string, id: string) => Promise<unknown>) => ({
  type: nn(CampaignType),
  args: { id: { type: nn(GraphQLID) } },
  resolve: async (_s: unknown, args: Args, ctx: GraphQLContext) => {
    const ws = writer(ctx);
    const id = campaignId(args);
    await campaignById(ws, id);
    await run(ws, id);
    return campaignById(ws, id);
  },
});

export const campaignMutations: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  createCampaign: {
    type: nn(CampaignType),
    args: { input: { type: nn(CampaignInput) } },
    resolve: async (_s, args: Args, ctx) => {
      const ws = writer(ctx);
      const form = await toForm(ctx, args.input as Record<string, unknown>);
      const kind = form.kind === 'broadcast' ? 'broadcast' : 'automated';
      const scope = { workspaceId: ws, timeZone: ctx.caller.workspace.timezone };
      const { id } = await createCampaign(scope, { ...newCampaignFormValues(kind), ...form });
      return campaignById(ws, id);
    },
  },
  updateCampaign: {
    type: nn(CampaignType),
    args: { id: { type: nn(GraphQLID) }, input: { type: nn(CampaignInput) } },
    resolve: async (_s, args: Args, ctx) => {
      const ws = writer(ctx);
      const id = campaignId(args);
      const current = await campaignById(ws, id);
      const scope = { workspaceId: ws, timeZone: ctx.caller.workspace.timezone };
      await updateCampaign(scope, id, { ...campaignFormValues(current, scope.timeZone), ...(await toForm(ctx, args.input as Record<string, unknown>)) });
      return campaignById(ws, id);
    },
  },
  sendCampaignTest: {
    type: nn(GraphQLID),
    description: "Queues the campaign's message to one phone (a broadcast needs one before it starts); answers the message id.",
    args: { id: { type: nn(GraphQLID) }, phone: { type: nn(PhoneNumberScalar) } },
    resolve: async (_s, args: Args, ctx) => {
      const ws = writer(ctx);
      const id = campaignId(args);
      await campaignById(ws, id);
      const { messageId } = await queueCampaignTestMessage(ws, { campaignId: id, phone: args.phone });
      return toGlobalId('Message', messageId);
    },
  },
  startCampaign: lifecycle(startCampaign),
  pauseCampaign: lifecycle(pauseCampaign),
  resumeCampaign: lifecycle(resumeCampaign),
  stopCampaign: lifecycle(stopCampaign),
};
