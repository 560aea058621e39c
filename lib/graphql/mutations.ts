import 'server-only';
import type { GraphQLFieldConfigMap } from 'graphql';
import type { GraphQLContext } from './context';
import { duplicateMutations } from './duplicates';
import { appointmentMutations } from './mutations/appointments';
import { campaignMutations } from './mutations/campaigns';
import { leadMutations } from './mutations/leads';
import { messageMutations } from './mutations/messages';
import { settingsMutations } from './mutations/settings';

// Every mutation needs the write scope (mutations/common.ts writer()).
export const mutationFields: GraphQLFieldConfigMap<unknown, GraphQLContext> = {
  ...leadMutations,
  ...messageMutations,
  ...settingsMutations,
  ...campaignMutations,
  ...appointmentMutations,
  ...duplicateMutations,
};
