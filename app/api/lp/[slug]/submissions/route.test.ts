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

  it('300 posts from one address within a minute: the first 20 are stored, the rest get 429 with Retry-After, never a 500', async () => {
    const { ws, slug } = await page();
    const started = Date.now();
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    // A burst, 30 in flight at a time: the limit must hold under concurrency, not only in sequence.
    for (let batch = 0; batch < 10; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 30 }, (_, j) => post(slug, { name: 'N', phone: `11 9${String(87_650_000 + batch * 30 + j)}`, consent: true, plan: 'Pro' })),
      );
      for (const a of answers) {
        statuses.push(a.status);
        if (a.status === 429) retryAfter ??= a.headers.get('retry-after');
      }
    }
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(statuses).toHaveLength(300);
    expect(statuses.filter((s) => s === 201)).toHaveLength(20);
    expect(statuses.filter((s) => s === 429)).toHaveLength(280);
    expect(retryAfter).toMatch(/^\d+$/);
    expect(await (await getDb()).$count(leads, eq(leads.workspaceId, ws.id))).toBe(20);
    // The minute above is the bound; the test's own limit leaves room for a busy CI machine.
  }, 120_000);
});
