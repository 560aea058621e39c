import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { execRows, getDb } from '@/db/client';
import { createCampaign, createSenderPhone, createTemplate, createWorkspace } from '@/db/factories';
import { recordLandingStat } from '@/lib/leadgen/record-landing-stats';
import { DEFAULT_FIELDS } from '@/lib/leadgen/schema';
import { submitLandingPage } from '@/lib/leadgen/submit-landing-page';
import { getLandingPageResults } from './get-landing-page-results';
import { createLandingPage } from './save-landing-page';

// A fresh database opens slowly on a busy machine: under the hook's longer timeout.
beforeAll(async () => {
  await getDb();
});

describe('getLandingPageResults', () => {
  it('shows the same numbers as a SQL count, by utm_source', async () => {
    const ws = await createWorkspace();
    const sender = await createSenderPhone(ws.id);
    const template = await createTemplate(ws.id);
    const slug = `res-${randomUUID().slice(0, 8)}`;
    const page = await createLandingPage(ws.id, {
      title: 'R', slug, status: 'published', headline: 'H', description: '', brandColor: '#198754', buttonLabel: 'Go', successMessage: 'Thanks',
      redirectUrl: '', whatsappNumber: '', whatsappText: '', defaultCountry: 'BR', consentText: 'OK', tags: [], sourceLabel: '', campaignIds: [], corsOrigins: [],
      fields: DEFAULT_FIELDS, variants: [],
    });
    await createCampaign(ws.id, { templateId: template.id, senderPhoneId: sender.id, trigger: { sources: [], landingPageIds: [page.id], tags: [], onImport: false } });
    for (let i = 0; i < 3; i++) await recordLandingStat(page.id, 'views', 'ig');
    await recordLandingStat(page.id, 'views', null);
    const submit = (phone: string, utm_source?: string) =>
      submitLandingPage(slug, { name: 'A', phone, consent: 'on', ...(utm_source ? { utm_source } : {}) }, { ip: `10.3.0.${Math.floor(Math.random() * 200)}`, userAgent: null, referrer: null }, { channel: 'json' });
    await submit('11 98765 0001', 'ig');
    await submit('11 98765 0002', 'ig');
    await submit('+55 11 98765-0001', 'ig');
    await submit('11 98765 0003');
    await submitLandingPage(slug, { name: 'bot', phone: '1', website: 'x', utm_source: 'ig' }, { ip: '10.3.1.1', userAgent: null, referrer: null }, { channel: 'json' });
    await (await getDb()).execute(sql`update messages set status = 'read' where workspace_id = ${ws.id} and to_phone = '+5511987650001'`);

    const rows = await getLandingPageResults(ws.id, page.id, 'source');
    const [counted] = await execRows<{ submissions: number; leads: number }>(
      await getDb(),
      sql`select count(*)::int as submissions, count(distinct lead_id)::int as leads from lead_touchpoints where landing_page_id = ${page.id} and utm_source = 'ig'`,
    );
    const ig = rows.find((r) => r.key === 'ig')!;
    expect(ig).toMatchObject({ views: 3, blocked: 1, submissions: Number(counted.submissions), newLeads: Number(counted.leads), returning: 1, delivered: 1, read: 1 });
    expect(rows.find((r) => r.key === '')).toMatchObject({ views: 1, submissions: 1, newLeads: 1 });
    const byVariant = await getLandingPageResults(ws.id, page.id, 'variant');
    const [perVariant] = await execRows<{ n: number }>(await getDb(), sql`select count(*)::int as n from lead_touchpoints where landing_page_id = ${page.id} and payload->>'variant' = 'default'`);
    expect(byVariant).toEqual([{ key: 'default', views: 0, blocked: 0, submissions: Number(perVariant.n), newLeads: 3, returning: 1, delivered: 1, read: 1, replied: 0 }]);
    const byDay = await getLandingPageResults(ws.id, page.id, 'day');
    expect(byDay).toHaveLength(1);
    expect(byDay[0]).toMatchObject({ views: 4, submissions: 4, blocked: 1, newLeads: 3, returning: 1 });
  });
});
