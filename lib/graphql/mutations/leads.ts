import 'server-only';
import { GraphQLBoolean, GraphQLID, GraphQLInputObjectType, GraphQLInt, GraphQLList, GraphQLObjectType, GraphQLString, type GraphQLFieldConfigMap } from 'graphql';
import { z } from 'zod';
import { AppError, parseInput } from '@/lib/errors';
import { importRows, MAX_IMPORT_ROWS_PER_CALL } from '@/lib/imports/import-rows';
import { captureLead } from '@/lib/leads/capture-lead';
import { deleteLeads } from '@/lib/leads/delete-leads';
import { tagNameSchema } from '@/lib/leads/lead-selection';
import { leadToForm } from '@/lib/leads/lead-to-form';
import { leadFormSchema } from '@/lib/leads/schema';
import { setLeadOptOut } from '@/lib/leads/set-lead-opt-out';
import { tagLeads } from '@/lib/leads/tag-leads';
import { updateLead } from '@/lib/leads/update-lead';
import { requireRole, type GraphQLContext } from '../context';
import { normalizeApiPhone } from '../phone-input';
import { MAX_PAGE_SIZE } from '../relay';
import { JSONScalar, PhoneNumberScalar } from '../scalars';
import { GraphQLEnumType } from 'graphql';
import { LifecycleStatusEnum } from '../types/enums';
import { LeadType } from '../types/lead';
import { list, nn } from '../types/wrap';
import { toGlobalId } from '../relay';
import { given, idOf, loadOwnLeads, writer, type Args } from './common';

const UtmInput = new GraphQLInputObjectType({
  name: 'UtmInput',
  fields: { source: { type: GraphQLString }, medium: { type: GraphQLString }, campaign: { type: GraphQLString }, term: { type: GraphQLString }, content: { type: GraphQLString } },
});

const UpsertLeadInput = new GraphQLInputObjectType({
  name: 'UpsertLeadInput',
  description: 'Find-or-create by phone: empty fields are filled, tags and attributes are added, nothing is erased.',
  fields: {
    phone: { type: nn(PhoneNumberScalar) },
    name: { type: GraphQLString },
    email: { type: GraphQLString },
    tags: { type: new GraphQLList(nn(GraphQLString)) },
    attributes: { type: JSONScalar, description: 'An object of name -> text.' },
    consentText: { type: GraphQLString, description: 'What the person agreed to; records consent now, from the API.' },
    utm: { type: UtmInput },
    referrer: { type: GraphQLString },
    triggerCampaigns: { type: GraphQLBoolean, defaultValue: false, description: 'Let automated campaigns react as to a landing-page lead.' },
  },
});

const form = leadFormSchema.shape;
const short = z.string().trim().max(500, 'At most 500 characters').nullish();
// The lead form's own field rules, for what an upsert may carry.
const upsertLeadSchema = z.object({
  name: form.name.nullish(),
  email: form.email.nullish(),
  tags: z.array(tagNameSchema).max(50, 'At most 50 tags').nullish(),
  attributes: z.record(z.string().trim().min(1).max(64, 'At most 64 characters'), z.string().max(1000, 'At most 1000 characters')).refine((a) => Object.keys(a).length <= 50, 'At most 50 attributes').nullish(),
  consentText: z.string().trim().max(1000, 'At most 1000 characters').nullish(),
  utm: z.object({ source: short, medium: short, campaign: short, term: short, content: short }).nullish(),
  referrer: z.string().max(2000).nullish(),
  triggerCampaigns: z.boolean().nullish(),
});

const UpsertLeadPayload = new GraphQLObjectType({
  name: 'UpsertLeadPayload',
  fields: {
    lead: { type: nn(LeadType) },
    created: { type: nn(GraphQLBoolean), description: 'False when the phone was already a lead.' },
    queuedMessageIds: { type: list(GraphQLID), description: 'Campaign messages this capture queued.' },
  },
});

const UpdateLeadInput = new GraphQLInputObjectType({
  name: 'UpdateLeadInput',
  description: 'Only the fields given change. `tags` and `attributes` replace the whole list.',
  fields: {
    name: { type: GraphQLString },
    phone: { type: PhoneNumberScalar },
    email: { type: GraphQLString },
    lifecycleStatus: { type: LifecycleStatusEnum },
    tags: { type: new GraphQLList(nn(GraphQLString)) },
    attributes: { type: JSONScalar },
  },
});

const UpsertLeadsRowInput = new GraphQLInputObjectType({
  name: 'UpsertLeadsRowInput',
  fields: {
    phone: { type: nn(GraphQLString), description: 'Any format; read with the workspace default country.' },
    name: { type: GraphQLString },
    email: { type: GraphQLString },
    tags: { type: new GraphQLList(nn(GraphQLString)) },
    attributes: { type: JSONScalar, description: 'An object of name -> text.' },
  },
});

const ExistingLeadPolicyEnum = new GraphQLEnumType({
  name: 'ExistingLeadPolicy',
  description: 'What a row does to a lead that already has its phone (as in the CSV import).',
  values: { FILL_EMPTY: { value: 'fill_empty' }, OVERWRITE: { value: 'overwrite' }, SKIP: { value: 'skip' } },
});

const UpsertLeadsOutcomeEnum = new GraphQLEnumType({
  name: 'UpsertLeadsOutcome',
  values: Object.fromEntries(['created', 'updated', 'unchanged', 'skipped', 'invalid', 'duplicate'].map((v) => [v.toUpperCase(), { value: v }])),
});

const UpsertLeadsRowResult = new GraphQLObjectType({
  name: 'UpsertLeadsRowResult',
  fields: {
    index: { type: nn(GraphQLInt), description: 'Position in `inputs`, from 0.' },
    outcome: { type: nn(UpsertLeadsOutcomeEnum) },
    leadId: { type: GraphQLID },
    reason: { type: GraphQLString, description: 'Why an invalid or duplicate row was not applied.' },
  },
});

const UpsertLeadsPayload = new GraphQLObjectType({
  name: 'UpsertLeadsPayload',
  fields: {
    importId: { type: nn(GraphQLID), description: 'The import these rows made (revertable from the Imports page).' },
    results: { type: list(UpsertLeadsRowResult) },
  },
});

const attributesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String)).nullish();

const CountPayload = new GraphQLObjectType({ name: 'CountPayload', fields: { count: { type: nn(GraphQLInt) } } });
const ids = { type: nn(new GraphQLList(nn(GraphQLID))), description: `At most ${MAX_PAGE_SIZE}.` };

function leadIds(v: unknown): string[] {
  const list = [...new Set((v as string[]).map((id) => idOf(id, 'Lead', 'lead')))];
  if (list.length === 0 || list.length > MAX_PAGE_SIZE) throw new AppError('BAD_USER_INPUT', `Give 1 to ${MAX_PAGE_SIZE} lead ids.`, { fields: { ids: `1 to ${MAX_PAGE_SIZE} ids` } });
  return list;
}

async function tagMany(ctx: GraphQLContext, args: Args, op: 'add' | 'remove') {
  const ws = writer(ctx);
  const own = await loadOwnLeads(ctx, leadIds(args.ids));
  await tagLeads(ws, { selection: { kind: 'ids', ids: own.map((l) => l.id) }, op, tag: args.tag });
  ctx.loaders.lead.clearAll();
  return loadOwnLeads(ctx, own.map((l) => l.id));
}

export const leadMutations: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  upsertLead: {
    type: nn(UpsertLeadPayload),
    args: { input: { type: nn(UpsertLeadInput) } },
    resolve: async (_s, args: Args, ctx) => {
      const ws = writer(ctx);
      const raw = args.input as Record<string, unknown>;
      const v = parseInput(upsertLeadSchema, raw);
      const phoneE164 = normalizeApiPhone(String(raw.phone), ctx.caller.workspace.defaultCountry);
      const result = await captureLead({
        workspaceId: ws,
        phoneE164,
        source: 'api',
        name: v.name || null,
        email: v.email || null,
        tags: v.tags ?? [],
        attributes: v.attributes ?? {},
        consent: v.consentText ? { at: new Date(), source: 'api', text: v.consentText } : null,
        triggerCampaigns: v.triggerCampaigns === true,
        touchpoint: {
          apiKeyId: ctx.caller.apiKeyId,
          utm: v.utm ?? undefined,
          referrer: v.referrer ?? null,
          payload: ctx.caller.userId ? { userId: ctx.caller.userId } : {},
        },
      });
      return { lead: result.lead, created: result.isNew, queuedMessageIds: result.queuedMessageIds };
    },
  },
  upsertLeads: {
    type: nn(UpsertLeadsPayload),
    description: `Up to ${MAX_IMPORT_ROWS_PER_CALL} leads through the CSV import engine (same rules, duplicates, revert), with a result per row.`,
    args: {
      inputs: { type: nn(new GraphQLList(nn(UpsertLeadsRowInput))) },
      existing: { type: ExistingLeadPolicyEnum, defaultValue: 'fill_empty' },
      triggerCampaigns: { type: GraphQLBoolean, defaultValue: false },
    },
    resolve: async (_s, args: Args, ctx) => {
      const ws = writer(ctx);
      const inputs = args.inputs as Record<string, unknown>[];
      const rows = inputs.map((row, i) => {
        const attributes = attributesSchema.safeParse(row.attributes);
        if (!attributes.success) throw new AppError('BAD_USER_INPUT', 'attributes is an object of name -> text.', { fields: { [`inputs.${i}.attributes`]: 'An object of name -> text' } });
        return { phone: String(row.phone), name: row.name as string | null, email: row.email as string | null, tags: row.tags as string[] | null, attributes: attributes.data };
      });
      const { importId, results } = await importRows(ws, rows, {
        fileName: `API upsertLeads (${rows.length} rows)`,
        existing: args.existing as 'fill_empty',
        triggerCampaigns: args.triggerCampaigns === true,
        userId: ctx.caller.userId,
      });
      return {
        importId: toGlobalId('Import', importId),
        results: results.map((r, index) => ({ index, outcome: r.outcome, leadId: r.leadId ? toGlobalId('Lead', r.leadId) : null, reason: r.reason })),
      };
    },
  },
  updateLead: {
    type: nn(LeadType),
    args: { id: { type: nn(GraphQLID) }, input: { type: nn(UpdateLeadInput) } },
    resolve: async (_s, args: Args, ctx) => {
      const ws = writer(ctx);
      const [current] = await loadOwnLeads(ctx, [idOf(args.id, 'Lead', 'lead')]);
      const change = given(args.input as Record<string, unknown>);
      const attributes = change.attributes as unknown;
      if (attributes !== undefined && (typeof attributes !== 'object' || Array.isArray(attributes))) {
        throw new AppError('BAD_USER_INPUT', 'attributes is an object of name -> text.', { fields: { attributes: 'An object of name -> text' } });
      }
      const values = {
        ...leadToForm(current),
        ...change,
        ...(attributes ? { attributes: Object.entries(attributes as Record<string, unknown>).map(([key, value]) => ({ key, value: String(value) })) } : {}),
      };
      return updateLead(
        { workspaceId: ws, defaultCountry: ctx.caller.workspace.defaultCountry, actor: { userId: ctx.caller.userId ?? null, channel: 'api' } },
        current.id,
        values,
      );
    },
  },
  deleteLeads: {
    type: nn(CountPayload),
    description: 'Deletes the leads with their messages, replies and touchpoints.',
    args: { ids },
    resolve: async (_s, args: Args, ctx) => {
      const ws = writer(ctx);
      // As on the leads page: deleting leads and their conversations is for owners and admins.
      requireRole(ctx, 'admin');
      const own = await loadOwnLeads(ctx, leadIds(args.ids));
      const { deleted } = await deleteLeads(ws, { selection: { kind: 'ids', ids: own.map((l) => l.id) }, confirmCount: own.length });
      return { count: deleted };
    },
  },
  tagLeads: { type: list(LeadType), args: { ids, tag: { type: nn(GraphQLString) } }, resolve: (_s, args: Args, ctx) => tagMany(ctx, args, 'add') },
  untagLeads: { type: list(LeadType), args: { ids, tag: { type: nn(GraphQLString) } }, resolve: (_s, args: Args, ctx) => tagMany(ctx, args, 'remove') },
  optOutLead: {
    type: nn(LeadType),
    description: 'The dispatcher skips every message to an opted-out lead.',
    args: { id: { type: nn(GraphQLID) } },
    resolve: (_s, args: Args, ctx) => setLeadOptOut(writer(ctx), idOf(args.id, 'Lead', 'lead'), true),
  },
  optInLead: {
    type: nn(LeadType),
    args: { id: { type: nn(GraphQLID) } },
    resolve: (_s, args: Args, ctx) => setLeadOptOut(writer(ctx), idOf(args.id, 'Lead', 'lead'), false),
  },
};
