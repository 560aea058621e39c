// Why a lead of a broadcast's audience gets no message, as the verdict computed in SQL and the
// reason written on the skipped message. The texts match the dispatcher's own (lib/dispatch)
// so the log reads the same whoever decided.

export const AUDIENCE_SKIP_REASONS = {
  opted_out: 'lead opted out',
  invalid_phone: 'invalid phone number',
  duplicate_recipient: 'duplicate recipient: another lead in the audience has the same WhatsApp number',
  no_service_window: 'outside the 24-hour window: a business-initiated message needs an approved WhatsApp template',
  frequency_cap: 'frequency cap: a campaign already messaged this lead within the hours this broadcast allows',
} as const;
export type AudienceSkipVerdict = keyof typeof AUDIENCE_SKIP_REASONS;
export type AudienceVerdict = AudienceSkipVerdict | 'eligible' | 'already_queued';

export const SKIP_VERDICT_LABELS: Record<AudienceSkipVerdict, string> = {
  opted_out: 'Opted out',
  invalid_phone: 'Invalid phone number',
  duplicate_recipient: 'Duplicate WhatsApp number',
  no_service_window: 'No 24 h window (session text needs a reply first)',
  frequency_cap: 'Messaged recently (frequency cap)',
};

export const CAMPAIGN_STOPPED_REASON = 'campaign stopped';
export const CAMPAIGN_PAUSED_REASON = 'campaign paused';
