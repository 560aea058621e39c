import { randomBytes } from 'node:crypto';
import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';

export type Account = { email: string; password: string; name: string };

/** Signs up a fresh account through the auth API and puts its session cookie in the page. */
export async function signUpViaApi(request: APIRequestContext, page: Page, baseURL: string): Promise<Account> {
  const tag = randomBytes(4).toString('hex');
  const account = { email: `e2e-${tag}@example.test`, password: `pw-${tag}-secret`, name: `E2E ${tag}` };
  const res = await request.post('/api/auth/sign-up/email', {
    data: account,
    // The e2e server trusts a proxy on loopback (playwright.config.ts), so this names the
    // client: each fixture account signs up from an address of its own, under the per-address limit.
    headers: { origin: baseURL, 'x-forwarded-for': `10.9.${randomBytes(2).join('.')}` },
  });
  expect(res.ok(), await res.text()).toBeTruthy();
  const cookies = (await request.storageState()).cookies;
  await page.context().addCookies(cookies);
  return account;
}

type Fixtures = { account: Account; demoPage: Page };

export const test = base.extend<Fixtures>({
  // A page signed in as a brand-new user with an empty workspace of their own.
  account: async ({ page, playwright, baseURL }, use) => {
    const request = await playwright.request.newContext({ baseURL });
    const account = await signUpViaApi(request, page, baseURL!);
    await use(account);
    await request.dispose();
  },
  // A page signed in as the seeded demo user.
  demoPage: async ({ browser, baseURL, playwright }, use) => {
    const request = await playwright.request.newContext({ baseURL });
    const res = await request.post('/api/auth/sign-in/email', {
      data: { email: 'demo@whatslab.dev', password: 'whatslab-demo' },
      headers: { origin: baseURL! },
    });
    expect(res.ok(), await res.text()).toBeTruthy();
    const context = await browser.newContext({ storageState: await request.storageState() });
    const page = await context.newPage();
    await use(page);
    await context.close();
    await request.dispose();
  },
});

export { expect };
