import 'server-only';
import type { GraphQLFieldConfigMap } from 'graphql';
import type { GraphQLContext } from './context';

export const mutationFields: GraphQLFieldConfigMap<unknown, GraphQLContext> = {};
