// The funnel's steps and segmentations: shared by the server queries and the page's client tables.

export const FUNNEL_STEPS = ['captured', 'sent', 'delivered', 'read', 'replied', 'booked', 'attended'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
export const FUNNEL_STEP_LABELS: Record<FunnelStep, string> = {
  captured: 'Captured',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  replied: 'Replied',
  booked: 'Appointment booked',
  attended: 'Attended',
};

export const SEGMENT_DIMENSIONS = ['source', 'landing_page', 'campaign', 'template', 'sender_phone', 'utm_source', 'utm_campaign'] as const;
export type SegmentDimension = (typeof SEGMENT_DIMENSIONS)[number];
export const SEGMENT_LABELS: Record<SegmentDimension, string> = {
  source: 'Source',
  landing_page: 'Landing page',
  campaign: 'Campaign',
  template: 'Template',
  sender_phone: 'Sender phone',
  utm_source: 'utm_source',
  utm_campaign: 'utm_campaign',
};

export type FunnelCounts = Record<FunnelStep, number>;
export type FunnelSegment = {
  /** The segment's value (a source, an id, a utm value) or null for "none". */
  key: string | null;
  label: string;
  counts: FunnelCounts;
  /** Each step's conversion from the step before it (captured has none). */
  rates: Record<FunnelStep, number | null>;
};
export type Funnel = { dimension: SegmentDimension; total: FunnelSegment; segments: FunnelSegment[] };
