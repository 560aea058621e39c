import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/db/client';
import { createWorkspace } from '@/db/factories';
import { leads } from '@/db/schema';
import { createLandingPage } from '@/lib/landing-pages/save-landing-page';
import { DEFAULT_FIELDS } from '@/lib/leadgen/schema';
import { OPTIONS, POST } from './route';

async function page() {
  const ws = await createWorkspace();
  const slug = `api-${randomUUID().slice(0, 8)}`;
  await createLandingPage(ws.id, {
    title: 'API', slug, status: 'published', headline: 'Hi', description: '', brandColor: '#198754', buttonLabel: 'Go',
    successMessage: 'Thanks', redirectUrl: '', whatsappNumber: '', whatsappText: '', defaultCountry: 'BR', consentText: 'I agree',
    tags: [], sourceLabel: '', campaignIds: [], corsOrigins: ['https://shop.example'],
    fields: [...DEFAULT_FIELDS, { name: 'plan', label: 'Plan', type: 'select', required: true, options: ['Pro'] }], variants: [],
  });
  return { ws, slug };
}

const post = (slug: string, body: unknown, origin = 'https://shop.example') =>
  POST(new NextRequest(`http://localhost/api/lp/${slug}/submissions`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', origin } }), { params: Promise.resolve({ slug }) });

describe('POST /api/lp/<slug>/submissions', () => {
  it('201 with CORS for a listed origin, none for others; 422 with field messages; 404 for unknown pages', async () => {
    const { ws, slug } = await page();
    const ok = await post(slug, { name: 'Ana', phone: '11 98765 4321', consent: true, plan: 'Pro' });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect(await (await getDb()).$count(leads, eq(leads.workspaceId, ws.id))).toBe(1);

    const bad = await post(slug, { name: 'Bia', phone: 'abc', plan: 'Gold' }, 'https://evil.example');
    expect(bad.status).toBe(422);
    expect(bad.headers.get('access-control-allow-origin')).toBeNull();
    const body = await bad.json();
    expect(Object.keys(body.error.fields).sort()).toEqual(['consent', 'phone', 'plan']);

    const pre = await OPTIONS(new NextRequest(`http://localhost/api/lp/${slug}/submissions`, { method: 'OPTIONS', headers: { origin: 'https://shop.example' } }), { params: Promise.resolve({ slug }) });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await post('no-such-page-xyz', {})).status).toBe(404);
  });

  it('answers 429 with Retry-After once an address passes its limit, never 500', async () => {
    const { slug } = await page();
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await post(slug, { name: 'N', phone: `11 9876${String(10000 + i).slice(1)}`, consent: true, plan: 'Pro' })).status);
    expect(statuses.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    const last = await post(slug, { name: 'N', phone: '11 98765 9999', consent: true, plan: 'Pro' });
    expect(last.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
