import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Checks that hold on every page: it fits a phone's width, axe finds nothing serious, and the
// shell (favicon, <html> attributes) is complete. Pages with an id take the first one their list
// links to in the demo workspace.

const STATIC_ADMIN_PAGES = [
  '/dashboard',
  '/leads',
  '/leads/new',
  '/leads/duplicates',
  '/leads/export',
  '/analytics',
  '/analytics?range=90d&segment=campaign',
  '/imports',
  '/imports/new',
  '/messages',
  '/messages/new',
  '/messages/log',
  '/campaigns',
  '/campaigns/new?kind=broadcast',
  '/campaigns/new?kind=automated',
  '/landing-pages',
  '/phones',
  '/phones/new',
  '/settings',
  '/settings/api-keys',
  '/settings/api',
];

// A list page and the shape of the detail links it holds.
const DETAIL_LINKS: [list: string, href: RegExp][] = [
  ['/leads', /^\/leads\/[0-9a-f-]{36}$/],
  ['/messages', /^\/messages\/[0-9a-f-]{36}$/],
  ['/campaigns', /^\/campaigns\/[0-9a-f-]{36}$/],
  ['/phones', /^\/phones\/[0-9a-f-]{36}$/],
  ['/imports', /^\/imports\/[0-9a-f-]{36}$/],
];

async function adminPages(page: Page): Promise<string[]> {
  const pages = [...STATIC_ADMIN_PAGES];
  for (const [list, shape] of DETAIL_LINKS) {
    await page.goto(list);
    const hrefs = await page.locator('main a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    const href = hrefs.find((h) => shape.test(h));
    if (href) {
      pages.push(href);
      if (list === '/leads' || list === '/campaigns') pages.push(`${href}/edit`);
    }
  }
  return pages;
}

test('every admin page fits a 390 px phone screen without sideways page scroll', { tag: '@markup' }, async ({ demoPage: page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const pages = await adminPages(page);
  expect(pages.length).toBeGreaterThan(STATIC_ADMIN_PAGES.length);
  const tooWide: string[] = [];
  for (const path of pages) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBeLessThan(400);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > 390) {
      // Name the outermost elements that stick out, so that the failure says what to fix.
      const culprits = await page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > 391 && !(el.parentElement && el.parentElement.getBoundingClientRect().right > 391))
          .slice(0, 5)
          .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} (${Math.round(el.getBoundingClientRect().right)} px)`),
      );
      tooWide.push(`${path}: ${width} px: ${culprits.join(', ')}`);
    }
  }
  expect(tooWide).toEqual([]);
});

async function seriousViolations(page: Page): Promise<string[]> {
  // GraphiQL (the explorer on /settings/api) is a third-party widget whose markup we do not own.
  const results = await new AxeBuilder({ page }).exclude('.graphiql-container').analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('axe finds no serious or critical violation on the admin pages', { tag: '@markup' }, async ({ demoPage: page }) => {
  // About 30 pages, each analysed in full: a minute alone, three beside CI's PostgreSQL pass.
  test.setTimeout(360_000);
  const found: string[] = [];
  for (const path of await adminPages(page)) {
    await page.goto(path);
    for (const v of await seriousViolations(page)) found.push(`${path}: ${v}`);
  }
  expect(found).toEqual([]);
});

test('axe finds no serious or critical violation on the public pages', { tag: '@markup' }, async ({ page }) => {
  const found: string[] = [];
  for (const path of ['/sign-in', '/sign-up', '/lp/demo']) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(200);
    for (const v of await seriousViolations(page)) found.push(`${path}: ${v}`);
  }
  expect(found).toEqual([]);
});

test('the favicon is served and <html> says scrolling is smooth, as Next.js asks', async ({ page, request }) => {
  const icon = await request.get('/favicon.ico');
  expect(icon.status()).toBe(200);
  expect(icon.headers()['content-type']).toMatch(/image\//);
  await page.goto('/sign-in');
  await expect(page.locator('html')).toHaveAttribute('data-scroll-behavior', 'smooth');
});

test('times are in the workspace’s zone, labelled, even in a browser elsewhere; status history has seconds', async ({ demoPage, browser }) => {
  // A browser 14 hours ahead of UTC, far from the demo workspace's America/Sao_Paulo.
  const context = await browser.newContext({ storageState: await demoPage.context().storageState(), timezoneId: 'Pacific/Kiritimati' });
  const page = await context.newPage();
  await page.goto('/messages/log');
  await expect(page.getByText('Times are in the workspace’s zone, America/Sao_Paulo.')).toBeVisible();
  const updated = page.getByTestId('log-updated');
  await expect(updated).toHaveText(/^updated \d{2}:\d{2}:\d{2} \(America\/Sao_Paulo\)$/, { timeout: 15_000 });
  const shown = (await updated.innerText()).match(/(\d{2}):(\d{2})/)!;
  const there = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'America/Sao_Paulo' })
    .format(new Date())
    .split(':');
  // Same hour as the workspace's clock (a minute's slack around the turn of an hour).
  const minutes = (h: string, m: string) => Number(h) * 60 + Number(m);
  expect(Math.abs(minutes(shown[1], shown[2]) - minutes(there[0], there[1])) % (24 * 60)).toBeLessThanOrEqual(1);

  // A lead's conversation: its status history to the second.
  const hrefs = await page.getByRole('table', { name: 'Message log' }).locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const lead = hrefs.find((h) => /^\/leads\/[0-9a-f-]{36}$/.test(h));
  expect(lead).toBeTruthy();
  await page.goto(lead!);
  const history = page.locator('details').filter({ hasText: 'Status history' }).first();
  await history.locator('summary').click();
  await expect(history.locator('li').first()).toHaveText(/\d{2}:\d{2}:\d{2}/);
  await context.close();
});

test('the lead’s conversation renders WhatsApp formatting as the template preview does', async ({ page, demoPage: admin }) => {
  const phone = `(11) 9${String(Date.now()).slice(-8, -4)}-${String(Date.now()).slice(-4)}`;
  await page.goto('/lp/demo');
  await page.getByLabel('Name').fill('Formatted Visitor');
  await page.getByLabel('WhatsApp number').fill(phone);
  await page.getByLabel(/I agree to receive messages/).check();
  await page.getByRole('button', { name: 'Message me on WhatsApp' }).click();
  await expect(page.getByText('Thanks!')).toBeVisible();

  await admin.goto(`/leads?q=${phone.replace(/\D/g, '')}`);
  await admin.locator('a[href^="/leads/"]').first().click();
  // The demo welcome says "... interesse no *nosso produto*." (the seeded template's bold).
  const text = admin.getByTestId('outbound-message').first().getByTestId('message-text');
  await expect(text).toContainText('nosso produto');
  await expect(text.locator('strong')).toHaveText('nosso produto');
  await expect(text).not.toContainText('*');
});
