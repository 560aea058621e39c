import { beforeAll, describe, expect, it } from 'vitest';
import { getAnalytics } from './get-analytics';
import { getFunnel, type FunnelCounts, type SegmentDimension } from './get-funnel';
import { getLiveStamp } from './get-live-stamp';
import { KNOWN_RANGE, seedKnownEvents } from './known-events.fixture';
import { rangeInputSchema, resolveRange } from './range';

const counts = (xs: number[]): FunnelCounts => {
  const [captured, sent, delivered, read, replied, booked, attended] = xs;
  return { captured, sent, delivered, read, replied, booked, attended };
};

// Hand-computed from known-events.fixture.ts (each figure's rule: docs/analytics.md).
const SEGMENTS: Record<SegmentDimension, [string, number[]][]> = {
  source: [
    ['Landing page', [2, 2, 2, 2, 2, 2, 1]],
    ['API', [1, 0, 0, 0, 0, 0, 0]],
    ['Import', [1, 1, 0, 0, 0, 0, 0]],
    ['Inbound WhatsApp', [1, 1, 1, 1, 1, 0, 0]],
  ],
  landing_page: [['No landing page', [3, 2, 1, 1, 1, 0, 0]], ['Known page', [2, 2, 2, 2, 2, 2, 1]]],
  campaign: [['Campaign one', [2, 2, 2, 2, 2, 2, 1]], ['No campaign', [2, 1, 1, 1, 1, 0, 0]], ['Campaign two', [1, 1, 0, 0, 0, 0, 0]]],
  template: [['Template one', [2, 2, 2, 2, 2, 2, 1]], ['No template', [2, 1, 1, 1, 1, 0, 0]], ['Template two', [1, 1, 0, 0, 0, 0, 0]]],
  sender_phone: [['Phone one', [3, 3, 3, 3, 3, 2, 1]], ['Not sent', [1, 0, 0, 0, 0, 0, 0]], ['Phone two', [1, 1, 0, 0, 0, 0, 0]]],
  utm_source: [['No utm_source', [3, 2, 1, 1, 1, 0, 0]], ['ig', [2, 2, 2, 2, 2, 2, 1]]],
  utm_campaign: [['No utm_campaign', [3, 2, 1, 1, 1, 0, 0]], ['bf', [2, 2, 2, 2, 2, 2, 1]]],
};

const sorted = (xs: [string, number[]][]) => [...xs].sort(([a], [b]) => a.localeCompare(b));

describe.each(['America/Sao_Paulo', 'America/New_York'])('analytics over known events in %s', (timezone) => {
  let wsId: string;
  const range = resolveRange(rangeInputSchema.parse(KNOWN_RANGE), timezone);

  beforeAll(async () => {
    wsId = (await seedKnownEvents(timezone)).ws.id;
    // The same events in another workspace must not leak into the first one's figures.
    await seedKnownEvents(timezone);
  });

  it('bounds the range by local midnights (23 hours on the New York spring-forward day)', () => {
    expect(range.days).toEqual(['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11']);
    const hours = (range.current.end.getTime() - range.current.start.getTime()) / 3_600_000;
    expect(hours).toBe(timezone === 'America/New_York' ? 7 * 24 - 1 : 7 * 24);
    expect(range.previous.fromDay).toBe('2026-02-26');
    expect(range.previous.toDay).toBe('2026-03-04');
  });

  it('computes every KPI of the period and of the previous one', async () => {
    const a = await getAnalytics(wsId, range, 'source');
    expect(a.kpis).toEqual({
      newLeads: 5, messagesSent: 5, delivered: 4, read: 2, leadsMessaged: 5, leadsReplied: 3, leadsOptedOut: 1,
      appointmentsBooked: 2, appointmentsAttended: 1,
      deliveryRate: 4 / 5, readRate: 2 / 5, replyRate: 3 / 5, optOutRate: 1 / 5,
      // Replies after 15 min, 1 h and 2 h: percentile_cont's median and 90th percentile.
      responseMedianSeconds: 3600, responseP90Seconds: 3600 + 0.8 * 3600,
    });
    expect(a.previousKpis).toMatchObject({
      newLeads: 2, messagesSent: 1, delivered: 1, read: 0, leadsMessaged: 1, leadsReplied: 0, leadsOptedOut: 0,
      appointmentsBooked: 0, appointmentsAttended: 0, deliveryRate: 1, readRate: 0, replyRate: 0, responseMedianSeconds: null,
    });
  });

  it('puts leads and messages on their local day, the DST day included', async () => {
    const a = await getAnalytics(wsId, range, 'source');
    expect(a.leadsBySource.series).toEqual({
      landing_page: [1, 0, 0, 1, 0, 0, 0], import: [0, 0, 0, 1, 0, 0, 0], api: [0, 0, 0, 0, 0, 0, 1],
      whatsapp: [0, 1, 0, 0, 0, 0, 0], manual: [0, 0, 0, 0, 0, 0, 0],
    });
    expect(a.messagesByStatus.series).toMatchObject({
      read: [1, 1, 0, 0, 0, 0, 0], delivered: [0, 1, 0, 1, 0, 0, 0], failed: [0, 0, 0, 0, 2, 0, 0], queued: [0, 0, 0, 0, 0, 0, 1],
      sent: [0, 0, 0, 0, 0, 0, 0], sending: [0, 0, 0, 0, 0, 0, 0],
    });
    expect(a.failureReasons).toEqual([
      { errorCode: 131026, meaning: 'Message undeliverable', count: 1 },
      { errorCode: 131049, meaning: 'Healthy ecosystem engagement', count: 1 },
    ]);
    expect(a.optOuts.map((o) => [o.campaign, o.count])).toEqual([['Campaign two', 1], ['No campaign', 1]]);
  });

  it('computes the funnel, its step conversions and every segmentation', async () => {
    for (const dimension of Object.keys(SEGMENTS) as SegmentDimension[]) {
      const f = await getFunnel(wsId, range.current, dimension);
      expect(f.total.counts, dimension).toEqual(counts([5, 4, 3, 3, 3, 2, 1]));
      expect(sorted(f.segments.map((s) => [s.label, Object.values(s.counts)])), dimension).toEqual(sorted(SEGMENTS[dimension]));
    }
    const f = await getFunnel(wsId, range.current, 'source');
    expect(f.total.rates).toEqual({ captured: null, sent: 4 / 5, delivered: 3 / 4, read: 1, replied: 1, booked: 2 / 3, attended: 1 / 2 });
    expect(f.segments.find((s) => s.key === 'api')?.rates.delivered).toBeNull();
  });

  it('has a live stamp that moves when a lead arrives', async () => {
    const before = await getLiveStamp(wsId);
    const { createLead } = await import('@/db/factories');
    await createLead(wsId, { createdAt: new Date('2030-01-01T00:00:00Z') });
    expect(await getLiveStamp(wsId)).not.toBe(before);
  });
});
