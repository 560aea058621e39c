import 'server-only';
import {
  GraphQLEnumType,
  GraphQLID,
  GraphQLInputObjectType,
  GraphQLObjectType,
  type GraphQLFieldConfigMap,
} from 'graphql';
import { DUPLICATE_REASONS, type LeadMerge } from '@/db/schema';
import { AppError } from '@/lib/errors';
import { listDuplicateCandidates, type CandidatePair } from '@/lib/duplicates/list-duplicate-candidates';
import { mergeLeads } from '@/lib/duplicates/merge-leads';
import { MERGE_FIELDS } from '@/lib/duplicates/schema';
import { scanDuplicatesIfStale } from '@/lib/duplicates/scan-duplicates';
import { undoLeadMerge } from '@/lib/duplicates/undo-lead-merge';
import { isId } from '@/lib/validation/strict-values';
import { requireRole, type GraphQLContext } from './context';
import { given, idOf, writer, type Args } from './mutations/common';
import { connectionType, pageArgs, pageSize, toGlobalId, type Connection } from './relay';
import { DateTimeScalar } from './scalars';
import { LeadType } from './types/lead';
import { list, nn } from './types/wrap';

// Duplicates for integrators: the candidate pairs and the same merge / undo as the Duplicates
// screen (lib/duplicates), for owners and admins; merging and undoing also need the write scope.

const upper = (values: readonly string[]) => Object.fromEntries(values.map((v) => [v.toUpperCase(), { value: v }]));
const DuplicateConfidenceEnum = new GraphQLEnumType({ name: 'DuplicateConfidence', values: upper(['high', 'low']) });
const DuplicateReasonEnum = new GraphQLEnumType({
  name: 'DuplicateReason',
  description: 'SAME_LINE: one phone line written two ways (Brazil’s 9th digit, a trunk 0, a missing country code). NAME_DOMAIN_NEAR_PHONE is a low-confidence hint.',
  values: upper(DUPLICATE_REASONS),
});
const MergeSideEnum = new GraphQLEnumType({ name: 'MergeSide', values: upper(['survivor', 'merged']) });

const DuplicateCandidateType = new GraphQLObjectType<CandidatePair, GraphQLContext>({
  name: 'DuplicateCandidate',
  fields: {
    leadA: { type: nn(LeadType), resolve: (p) => p.a },
    leadB: { type: nn(LeadType), resolve: (p) => p.b },
    confidence: { type: nn(DuplicateConfidenceEnum) },
    reasons: { type: list(DuplicateReasonEnum) },
    detectedAt: { type: nn(DateTimeScalar) },
  },
});
const DuplicateCandidateConnection = connectionType('DuplicateCandidate', DuplicateCandidateType);

const LeadMergeType = new GraphQLObjectType<LeadMerge, GraphQLContext>({
  name: 'LeadMerge',
  description: 'One merge: undoable for 30 days (undoLeadMerge), newest first per surviving lead.',
  fields: {
    id: { type: nn(GraphQLID) },
    survivor: {
      type: LeadType,
      description: 'Null if that lead was deleted or merged away since.',
      resolve: (m, _a, ctx) => ctx.loaders.lead.load(m.survivorLeadId),
    },
    mergedLeadId: { type: nn(GraphQLID), description: 'The merged lead’s id (a Lead id again after an undo).', resolve: (m) => toGlobalId('Lead', m.mergedLeadId) },
    createdAt: { type: nn(DateTimeScalar) },
    undoneAt: { type: DateTimeScalar },
  },
});

const MergeChoicesInput = new GraphQLInputObjectType({
  name: 'MergeChoicesInput',
  description: 'Whose value the surviving lead keeps per field; an absent field takes the newest non-empty value. Tags are united, the earliest consent and any opt-out kept.',
  fields: Object.fromEntries(MERGE_FIELDS.map((f) => [f, { type: MergeSideEnum }])),
});
const MergeLeadsInput = new GraphQLInputObjectType({
  name: 'MergeLeadsInput',
  fields: { survivorId: { type: nn(GraphQLID) }, mergedId: { type: nn(GraphQLID) }, choices: { type: MergeChoicesInput } },
});

const cursorOf = (p: CandidatePair) => Buffer.from(`${p.a.id}.${p.b.id}`).toString('base64url');
function decodeCursor(after: unknown): { a: string; b: string } | null {
  if (after == null) return null;
  const [a, b] = Buffer.from(String(after), 'base64url').toString('utf8').split('.');
  if (!isId(a) || !isId(b)) throw new AppError('BAD_USER_INPUT', 'This cursor is not valid here.', { fields: { after: 'Invalid cursor' } });
  return { a, b };
}

function actorOf(ctx: GraphQLContext) {
  const workspaceId = writer(ctx);
  requireRole(ctx, 'admin');
  return { workspaceId, userId: ctx.caller.userId, apiKeyId: ctx.caller.apiKeyId };
}

export const duplicateQueries: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  duplicateCandidates: {
    type: nn(DuplicateCandidateConnection),
    description: 'Pairs of leads that may be one person (owners and admins). Re-scanned when an import finished since the last scan.',
    args: { confidence: { type: DuplicateConfidenceEnum, defaultValue: 'high' }, ...pageArgs },
    resolve: async (_s, args: Args, ctx): Promise<Connection<CandidatePair>> => {
      requireRole(ctx, 'admin');
      const ws = ctx.caller.workspace.id;
      const first = pageSize(args.first);
      await scanDuplicatesIfStale(ws);
      const confidence = args.confidence === 'low' ? 'low' : 'high';
      const page = await listDuplicateCandidates(ws, { confidence, after: decodeCursor(args.after), limit: first });
      const edges = page.pairs.map((node) => ({ cursor: cursorOf(node), node }));
      return {
        edges,
        pageInfo: { hasNextPage: page.next !== null, hasPreviousPage: args.after != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
        totalCount: () => page.counts[confidence],
      };
    },
  },
};

export const duplicateMutations: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  mergeLeads: {
    type: nn(LeadMergeType),
    description: 'Merges mergedId into survivorId in one transaction; every row moves, nothing is sent twice.',
    args: { input: { type: nn(MergeLeadsInput) } },
    resolve: (_s, args: Args, ctx) => {
      const actor = actorOf(ctx);
      const input = args.input as { survivorId: string; mergedId: string; choices?: Record<string, unknown> | null };
      return mergeLeads(actor, {
        survivorId: idOf(input.survivorId, 'Lead', 'lead'),
        mergedId: idOf(input.mergedId, 'Lead', 'lead'),
        choices: given(input.choices ?? {}),
      });
    },
  },
  undoLeadMerge: {
    type: nn(LeadMergeType),
    args: { id: { type: nn(GraphQLID) } },
    resolve: (_s, args: Args, ctx) => {
      const actor = actorOf(ctx);
      if (!isId(args.id)) throw new AppError('NOT_FOUND', 'No such merge in this workspace.');
      return undoLeadMerge(actor, { mergeId: args.id });
    },
  },
};
