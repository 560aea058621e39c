import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import postgres from 'postgres';
import { expect, test } from './fixtures';

// On the PostgreSQL run (DATABASE_URL, as CI does it) this broadcasts to 10,000 leads through the
// UI; the leads are inserted straight into the database (the app has no test-only door). PGlite is
// one process only, so the embedded run cannot do that: there the 10,000-lead broadcast is proven
// below the UI by lib/campaigns/broadcast-10k.test.ts with the same use cases and the real
// dispatcher. It runs after every other spec (the "bulk" project in playwright.config.ts): the
// demo workspace it leaves with 10,000 more leads would slow every page and export that follows.

const tag = () => randomBytes(3).toString('hex');

async function count(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).innerText()).replace(/\D/g, ''));
}

// Registered only where this test can seed its leads (see the top of the file).
if (process.env.DATABASE_URL) {
  test('a broadcast to 10,000 leads through the UI completes; counts add up and skipped ones show reasons', async ({ demoPage: page }) => {
    // The in-process dispatcher sends through the sandbox in the same server, which also posts
    // three status webhooks back per message: minutes, not seconds, for 10,000.
    test.setTimeout(1_000_000);
    const bulk = `bulk-${tag()}`;
    const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => undefined });
    try {
      const [ws] = await sql<{ id: string }[]>`select id from workspaces where slug = 'demo'`;
      const insert = (n: number, first: number, optedOut: boolean) => sql`
        insert into leads (workspace_id, phone_e164, name, source, tags, opted_out_at)
        select ${ws.id}::uuid, '+55119' || lpad((${first}::int + g)::text, 8, '0'), 'Bulk ' || g, 'import',
               array[${bulk}::text], ${optedOut ? new Date() : null}::timestamptz
          from generate_series(1, ${n}::int) g
        on conflict do nothing`;
      const base = 40_000_000 + Math.floor(Math.random() * 1_000) * 20_000;
      await insert(10_000, base, false);
      await insert(150, base + 15_000, true);
    } finally {
      await sql.end();
    }
    // Later tests (and specs) broadcast to "every lead": once this test is over, pass or fail,
    // its 10,000 leads opt out, so those broadcasts skip them at once instead of sending 10,000
    // more messages ahead of whatever the next test waits for.
    try {
      await broadcastToBulk(page, bulk);
    } finally {
      const cleanup = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => undefined });
      await cleanup`update leads set opted_out_at = coalesce(opted_out_at, now()) where ${bulk} = any(tags)`;
      await cleanup.end();
    }
  });
}

async function broadcastToBulk(page: Page, bulk: string) {
  await page.goto('/campaigns/new?kind=broadcast');
  await page.getByLabel('Name', { exact: true }).fill(`Bulk ${bulk}`);
  await page.getByRole('group', { name: 'Tagged with any of' }).getByLabel(new RegExp(`^${bulk} `)).check();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('audience-total')).toHaveText('10,150');
  await expect(page.getByTestId('audience-eligible')).toHaveText('10,000');
  await expect(page.getByTestId('audience-skip-opted_out')).toHaveText('150');

  await page.getByLabel('Send a test to').fill('+55 11 98123-0000');
  await page.getByRole('button', { name: 'Send test' }).click();
  await expect(page.getByRole('list', { name: 'Recent test sends' })).toBeVisible();
  await page.getByRole('button', { name: 'Start broadcast' }).click();
  await page.getByRole('button', { name: 'Yes, start broadcast' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Broadcast started: 10,000 messages queued, 150 leads skipped' })).toBeVisible();

  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId('campaign-status')).toHaveText('completed', { timeout: 1000 });
  }).toPass({ timeout: 900_000, intervals: [5_000] });

  const statuses = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'skipped', 'unknown'];
  const perStatus = await Promise.all(statuses.map((s) => count(page, `count-${s}`)));
  expect(perStatus.reduce((a, b) => a + b, 0)).toBe(10_150);
  expect(await count(page, 'count-total')).toBe(10_150);
  expect(await count(page, 'count-queued')).toBe(0);
  expect(await count(page, 'count-skipped')).toBeGreaterThanOrEqual(150);
  await expect(page.getByRole('table', { name: 'Skipped because' })).toContainText('lead opted out');

  // The sandbox's delivered and read webhooks trail the sends: every message that went out is
  // read in the end (counted from the webhooks the app applied), and the next tests do not
  // meet a server still busy with thousands of them.
  const wentOut = perStatus[2] + perStatus[3] + perStatus[4];
  await expect(async () => {
    await page.reload();
    expect(await count(page, 'count-read')).toBe(wentOut);
  }).toPass({ timeout: 300_000, intervals: [2_000] });
}
