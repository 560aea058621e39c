import type { RenderableLead } from '@/lib/messages/render-template';

// A lead with nothing but a phone number: previewing with it shows every fallback at work.
export const SAMPLE_LEAD_ID = 'sample';
export const SAMPLE_LEAD_WITH_MISSING_FIELDS: RenderableLead & { phoneE164: string } = {
  name: null,
  email: null,
  phoneE164: '+5511900000000',
  attributes: {},
};
