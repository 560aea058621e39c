import { GraphQLEnumType } from 'graphql';
import { CAMPAIGN_STATUSES, LEAD_SOURCES, LIFECYCLE_STATUSES, MESSAGE_STATUSES } from '@/db/schema';

/** GraphQL enum values are UPPER_CASE; the database keeps its lower-case values. */
function enumOf(name: string, values: readonly string[], description?: string): GraphQLEnumType {
  return new GraphQLEnumType({
    name,
    description,
    values: Object.fromEntries(values.map((v) => [v.toUpperCase(), { value: v }])),
  });
}

export const LeadSourceEnum = enumOf('LeadSource', LEAD_SOURCES);
export const LifecycleStatusEnum = enumOf('LifecycleStatus', LIFECYCLE_STATUSES);
export const MessageStatusEnum = enumOf('MessageStatus', MESSAGE_STATUSES);
export const CampaignStatusEnum = enumOf('CampaignStatus', CAMPAIGN_STATUSES);
export const CampaignKindEnum = enumOf('CampaignKind', ['automated', 'broadcast']);
export const ApiScopeEnum = enumOf('ApiScope', ['read', 'write']);
export const LeadOrderEnum = enumOf('LeadOrder', ['newest', 'oldest', 'name', 'activity'], 'The same sorts as the leads page.');
export const AppointmentStatusEnum = enumOf('AppointmentStatus', ['scheduled', 'confirmed', 'completed', 'cancelled', 'no_show']);
