import 'server-only';
import { GraphQLObjectType, GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import type { GraphQLContext } from './context';
import { mutationFields } from './mutations';
import { queryFields } from './queries';
import { AppointmentType, LeadType, TouchpointType } from './types/lead';
import { InboundMessageType, MessageType } from './types/message';
import { CampaignType, ImportType, LandingPageType, MessageTemplateType, SenderPhoneType, WorkspaceType } from './types/workspace';

// Code-first with graphql-js itself (docs/decisions: graphql-code-first.md); lib/graphql/schema.graphql
// is this schema printed, kept in the repository and checked by schema-file.test.ts.

let built: GraphQLSchema | undefined;

export function getSchema(): GraphQLSchema {
  built ??= new GraphQLSchema({
    query: new GraphQLObjectType<unknown, GraphQLContext>({ name: 'Query', fields: queryFields }),
    mutation: new GraphQLObjectType<unknown, GraphQLContext>({ name: 'Mutation', fields: mutationFields }),
    // Types reachable only through node(id) must still be in the schema.
    types: [LeadType, MessageType, InboundMessageType, TouchpointType, AppointmentType, CampaignType, MessageTemplateType, SenderPhoneType, LandingPageType, ImportType, WorkspaceType],
  });
  return built;
}

/** The SDL as committed: sorted, so the file changes only when the API does. */
export function printApiSchema(): string {
  return `${printSchema(lexicographicSortSchema(getSchema()))}\n`;
}
