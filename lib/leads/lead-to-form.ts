import type { Lead } from '@/db/schema/leads';
import type { LeadFormValues } from './schema';

/** A stored lead as the edit form's starting values. */
export function leadToForm(lead: Lead): LeadFormValues {
  return {
    name: lead.name ?? '',
    phone: lead.phoneE164,
    email: lead.email ?? '',
    lifecycleStatus: lead.lifecycleStatus,
    tags: lead.tags,
    attributes: Object.entries(lead.attributes ?? {}).map(([key, value]) => ({ key, value: String(value) })),
    hasConsent: lead.consentAt !== null,
    consentText: lead.consentText ?? '',
    optedOut: lead.optedOutAt !== null,
  };
}
