import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The campaign pages end to end on the demo workspace (its ~200 seeded leads, the sandbox sender
// and the in-process dispatcher). The 10,000-lead broadcast is e2e/broadcast-10k.spec.ts.

const tag = () => randomBytes(3).toString('hex');

async function count(page: Page, testId: string): Promise<number> {
  return Number((await page.getByTestId(testId).innerText()).replace(/\D/g, ''));
}

/**
 * Waits for the campaign on the page to complete. If it does not, the failure quotes the message
 * log of its unsettled messages (status and reason), so that a slow run says why it was slow.
 */
async function expectCompleted(page: Page, timeout: number) {
  const campaignUrl = page.url();
  try {
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId('campaign-status')).toHaveText('completed', { timeout: 1000 });
    }).toPass({ timeout });
  } catch (err) {
    const campaignId = campaignUrl.split('/').pop();
    const unsettled: string[] = [];
    for (const status of ['queued', 'sending', 'unknown']) {
      await page.goto(`/messages/log?campaign=${campaignId}&status=${status}`);
      const table = await page
        .getByRole('table', { name: 'Message log' })
        .innerText({ timeout: 2000 })
        .catch(() => 'none');
      unsettled.push(`${status}:\n${table.slice(0, 3000)}`);
    }
    throw new Error(`the campaign did not complete within ${timeout} ms. Its unsettled messages:\n${unsettled.join('\n')}`, { cause: err });
  }
}

test('a broadcast is created with field errors first, checked, test-sent, started and completes with counts that add up', async ({ demoPage: page }) => {
  const name = `Spring broadcast ${tag()}`;
  await page.goto('/campaigns');
  await page.getByRole('link', { name: 'New broadcast' }).click();
  await expect(page).toHaveURL(/\/campaigns\/new\?kind=broadcast/);

  // Field-level errors from the shared zod schema.
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Give the campaign a name')).toBeVisible();
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('At a set time', { exact: false }).check();
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Pick when to send')).toBeVisible();
  await page.getByLabel('When I start it').check();
  await page.getByLabel('Template').selectOption({ label: 'Welcome (session text) (session text: needs the lead’s 24 h window)' });
  await page.getByRole('button', { name: 'Save draft' }).click();

  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByTestId('campaign-status')).toHaveText('draft');

  // The audience check, computed in SQL before anything is queued.
  const total = await count(page, 'audience-total');
  const eligible = await count(page, 'audience-eligible');
  expect(total).toBeGreaterThanOrEqual(200);
  expect(eligible).toBeGreaterThan(0);
  expect(eligible).toBeLessThanOrEqual(total);

  // Start is refused until a test was sent.
  await expect(page.getByRole('button', { name: 'Start broadcast' })).toBeDisabled();
  await page.getByLabel('Send a test to').fill('12');
  await page.getByRole('button', { name: 'Send test' }).click();
  await expect(page.getByText(/^Check the number: /)).toBeVisible();
  await page.getByLabel('Send a test to').fill('+55 11 98123-4567');
  await page.getByRole('button', { name: 'Send test' }).click();
  await expect(page.getByRole('list', { name: 'Recent test sends' })).toContainText('+5511981234567');

  await page.getByRole('button', { name: 'Start broadcast' }).click();
  await page.getByRole('button', { name: 'Yes, start broadcast' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Broadcast started' })).toBeVisible();

  // The in-process dispatcher sends through the sandbox; the page settles the broadcast.
  await expectCompleted(page, 45_000);

  const statuses = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'skipped', 'unknown'];
  const perStatus = await Promise.all(statuses.map((s) => count(page, `count-${s}`)));
  const sum = perStatus.reduce((a, b) => a + b, 0);
  // The audience plus the test recipient lead (created by the test send, so in "every lead").
  expect(await count(page, 'count-total')).toBe(sum);
  expect(sum).toBeGreaterThanOrEqual(total);
  const skipped = await count(page, 'count-skipped');
  if (skipped > 0) await expect(page.getByRole('table', { name: 'Skipped because' })).toBeVisible();

  // Its messages in the log, filtered by campaign, with the live queue view on top.
  await page.getByRole('link', { name: 'Open in the message log' }).click();
  await expect(page).toHaveURL(/\/messages\/log\?campaign=/);
  await expect(page.getByRole('table', { name: 'Queue per sender' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Message log' })).toContainText(name);
});

test('an automated campaign is activated, paused, resumed and stopped', async ({ demoPage: page }) => {
  const name = `Welcome VIPs ${tag()}`;
  await page.goto('/campaigns/new?kind=automated');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Tagged with any of').fill('vip, spring');
  await page.getByLabel('After a delay').check();
  await page.getByLabel('minutes after the lead arrives').fill('0');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page.getByText('Wait at least 1 minute')).toBeVisible();
  await page.getByLabel('minutes after the lead arrives').fill('15');
  await page.getByLabel('Only send on some days and hours').check();
  await page.getByRole('button', { name: 'Save draft' }).click();

  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByText('New leads tagged vip, spring, after 15 min, within 9:00–18:00')).toBeVisible();
  for (const [button, status] of [
    ['Activate', 'active'],
    ['Pause', 'paused'],
    ['Resume', 'active'],
  ] as const) {
    await page.getByRole('button', { name: button, exact: true }).click();
    if (button === 'Activate') await page.getByRole('button', { name: 'Yes, activate' }).click();
    await expect(page.getByTestId('campaign-status')).toHaveText(status);
  }
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  await page.getByRole('button', { name: 'Yes, stop' }).click();
  await expect(page.getByTestId('campaign-status')).toHaveText('stopped');
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);

  await page.goto('/campaigns');
  await expect(page.getByRole('table', { name: 'Campaigns' })).toContainText(name);
});

test('a scheduled broadcast queues its segment for later; the log cancels one of its messages', async ({ demoPage: page }) => {
  const name = `Tomorrow ${tag()}`;
  await page.goto('/campaigns/new?kind=broadcast');
  await page.getByLabel('Name').fill(name);
  // The first of the demo leads' tags narrows the segment.
  const tagGroup = page.getByRole('group', { name: 'Tagged with any of' });
  await tagGroup.getByRole('checkbox').first().check();
  await page.getByLabel('At a set time', { exact: false }).check();
  const tomorrow = new Date(Date.now() + 26 * 3600_000).toISOString().slice(0, 16);
  await page.getByLabel('Send at').fill(tomorrow);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByText(/Broadcast, scheduled for/)).toBeVisible();
  const eligible = await count(page, 'audience-eligible');
  expect(eligible).toBeGreaterThan(0);
  expect(await count(page, 'audience-total')).toBeGreaterThanOrEqual(eligible);

  await page.getByLabel('Send a test to').fill('+55 11 98123-7654');
  await page.getByRole('button', { name: 'Send test' }).click();
  await expect(page.getByRole('list', { name: 'Recent test sends' })).toBeVisible();
  await page.getByRole('button', { name: 'Start broadcast' }).click();
  await page.getByRole('button', { name: 'Yes, start broadcast' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Broadcast started' })).toBeVisible();
  await expect(page.getByTestId('count-queued')).toHaveText(String(eligible));

  await page.goto('/messages/log');
  await page.getByLabel('Campaign').selectOption({ label: name });
  await page.getByLabel('Status').selectOption('queued');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page).toHaveURL(/status=queued/);
  const rows = page.getByRole('table', { name: 'Message log' }).locator('tbody tr');
  await expect(rows).toHaveCount(Math.min(eligible, 100));
  await rows.first().getByRole('button', { name: 'Cancel' }).click();
  await expect(rows).toHaveCount(Math.min(eligible - 1, 100));
  await page.getByLabel('Status').selectOption('skipped');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByRole('table', { name: 'Message log' })).toContainText('cancelled by an admin');

  // Bad filters in the URL are dropped, not an error page.
  await page.goto('/messages/log?status=nonsense&campaign=not-a-uuid');
  await expect(page.getByRole('heading', { name: 'Message log' })).toBeVisible();
  await expect(page.getByLabel('Status')).toHaveValue('');
});

test('a running broadcast’s page updates its counts without a reload and stops polling once completed', async ({ demoPage: page }) => {
  const name = `Live broadcast ${tag()}`;
  await page.goto('/campaigns/new?kind=broadcast');
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('When I start it').check();
  await page.getByLabel('Template').selectOption({ label: 'Welcome (session text) (session text: needs the lead’s 24 h window)' });
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('campaign-live')).toHaveCount(0);
  await page.getByLabel('Send a test to').fill('+55 11 98123-4567');
  await page.getByRole('button', { name: 'Send test' }).click();
  await expect(page.getByRole('list', { name: 'Recent test sends' })).toContainText('+5511981234567');
  await page.getByRole('button', { name: 'Start broadcast' }).click();
  await page.getByRole('button', { name: 'Yes, start broadcast' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Broadcast started' })).toBeVisible();

  // No reload from here on: the page refreshes itself until the campaign completes.
  await expect(page.getByTestId('campaign-status')).toHaveText('completed', { timeout: 45_000 });
  expect(await count(page, 'count-queued') + (await count(page, 'count-sending'))).toBe(0);
  await expect(page.getByTestId('campaign-live')).toHaveCount(0);

  // Done: no more refresh requests for this page.
  const refreshes: string[] = [];
  page.on('request', (r) => {
    if (r.headers()['rsc'] === '1') refreshes.push(r.url());
  });
  await page.waitForTimeout(7_000);
  expect(refreshes).toEqual([]);
});
