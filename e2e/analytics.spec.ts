import { readFileSync } from 'node:fs';
import { randomInt } from 'node:crypto';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, Page } from '@playwright/test';
import Papa from 'papaparse';
import { expect, test } from './fixtures';

// Issue 13: the demo workspace's Analytics page draws every chart with data, switches range and
// segment, downloads a chart's numbers, updates live, and the lead dataset downloads as a file.

const CHARTS = ['leads-by-source', 'funnel', 'messages-by-status', 'response-time', 'failure-reasons', 'opt-outs'];

const kpi = (page: Page, id: string) => page.getByTestId(`kpi-${id}-value`);
const asNumber = async (page: Page, id: string) => Number((await kpi(page, id).innerText()).replace(/\D/g, ''));

async function submitDemoLandingPage(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/lp/demo');
  await page.getByLabel('Name').fill('Live Visitor');
  await page.getByLabel('WhatsApp number').fill(`(11) 9${randomInt(1000, 9999)}-${randomInt(1000, 9999)}`);
  await page.getByLabel(/I agree to receive messages/).check();
  await page.getByRole('button', { name: /WhatsApp/ }).click();
  await expect(page.getByText(/Thanks!/)).toBeVisible();
  await context.close();
}

test('the demo Analytics page shows every chart, switches range and segment, downloads a CSV and updates live', async ({ demoPage: page, browser }) => {
  await page.goto('/dashboard');
  await expect(page.getByTestId('chart-funnel').locator('canvas')).toBeVisible();
  await expect(page.getByTestId('chart-leads-by-source').locator('canvas')).toBeVisible();
  await page.getByRole('link', { name: /Open Analytics/ }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Analytics' })).toBeVisible();
  for (const id of CHARTS) await expect(page.getByTestId(`chart-${id}`).locator('canvas'), id).toBeVisible();

  // The same leads, counted three ways: KPI card, daily chart's table, funnel's first step.
  const newLeads = await asNumber(page, 'new-leads');
  expect(newLeads).toBeGreaterThan(0);
  const daily = page.getByTestId('table-leads-by-source');
  const totals = await daily.locator('tbody tr td:last-child').allTextContents();
  expect(totals.reduce((s, t) => s + Number(t), 0)).toBe(newLeads);
  const funnelRows = page.getByTestId('table-funnel').locator('tbody tr');
  expect(Number(await funnelRows.first().locator('td').first().textContent())).toBe(newLeads);

  // A chart's table toggles open, and its CSV holds the same numbers.
  await page.getByTestId('chart-funnel').getByRole('button', { name: 'Show table' }).click();
  await expect(page.getByTestId('table-funnel')).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /Download CSV: Funnel/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('funnel.csv');
  const csv = Papa.parse<string[]>(readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim()).data;
  expect(csv[0]).toEqual(['Step', 'Leads', 'Conversion from the step before', 'Share of captured']);
  expect(csv[1].slice(0, 2)).toEqual(['Captured', String(newLeads)]);

  // Segments: by campaign, sortable by a step's rate.
  await page.getByLabel('Segment by').selectOption('campaign');
  await page.getByRole('button', { name: 'Show segments' }).click();
  await expect(page).toHaveURL(/segment=campaign/);
  const segments = page.getByTestId('segment-table');
  await expect(segments.getByRole('row', { name: /Welcome new landing-page leads/ })).toBeVisible();
  await segments.getByRole('button', { name: /^Replied %/ }).click();
  await expect(segments.getByRole('columnheader', { name: /Replied %/ })).toHaveAttribute('aria-sort', 'descending');

  // Range: the preset keeps the segment.
  await page.getByRole('link', { name: 'Last 7 days' }).click();
  await expect(page).toHaveURL(/range=7d&segment=campaign/);
  await expect(page.getByText(/\(7 days,/)).toBeVisible();

  // Live: a lead from the public landing page shows up without a reload.
  const before = await asNumber(page, 'new-leads');
  await submitDemoLandingPage(browser);
  await expect(kpi(page, 'new-leads')).toHaveText(String(before + 1), { timeout: 8_000 });
});

test('the Analytics page passes axe at desktop and phone width', { tag: '@markup' }, async ({ demoPage: page }) => {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/analytics?range=30d');
    await page.getByTestId('chart-funnel').getByRole('button', { name: 'Show table' }).click();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `width ${width}`).toBeLessThanOrEqual(width);
    const results = await new AxeBuilder({ page }).analyze();
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), `width ${width}`).toEqual([]);
  }
});

test('Leads -> Export downloads the unified dataset, one row per lead', async ({ demoPage: page }) => {
  await page.goto('/leads');
  await page.getByRole('button', { name: 'Export dataset' }).click();
  await expect(page.getByRole('heading', { name: 'Export the lead dataset' })).toBeVisible();
  const total = Number((await page.getByTestId('dataset-scope').innerText()).match(/([\d,]+)\./)![1].replace(/,/g, ''));
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^lead-dataset-\d{4}-\d{2}-\d{2}\.csv$/);
  const rows = Papa.parse<Record<string, string>>(readFileSync((await download.path())!, 'utf8').replace(/^\uFEFF/, '').trim(), { header: true }).data;
  expect(rows).toHaveLength(total);
  expect(new Set(rows.map((r) => r.id)).size).toBe(total);
  expect(Object.keys(rows[0])).toEqual(expect.arrayContaining(['phone', 'first_utm_source', 'messages_read', 'reply_count', 'appointments_attended', 'lifecycle_stage', 'city', 'product']));
  expect(rows.some((r) => r.appointments_attended === '1')).toBe(true);
});
