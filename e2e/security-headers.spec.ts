import { spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, test } from './fixtures';

// Security headers on the production build, and pages that still work under the Content
// Security Policy: any CSP violation in the browser fails the test.

const ADMIN_PAGES = [
  '/dashboard',
  '/leads',
  '/leads/new',
  '/campaigns',
  '/campaigns/new',
  '/messages',
  '/messages/new',
  '/messages/log',
  '/imports',
  '/imports/new',
  '/phones',
  '/phones/new',
  '/landing-pages',
  '/settings',
];

/** Records every CSP violation and page error of a context's pages (console and DOM events). */
function watchViolations(context: BrowserContext): string[] {
  const problems: string[] = [];
  void context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const watch = (page: Page) => {
    page.on('console', (msg) => {
      const text = msg.text();
      if (/Content Security Policy|CSP violation|Refused to (load|execute|apply|connect|frame|create)/i.test(text)) problems.push(`${page.url()}: ${text}`);
    });
    page.on('pageerror', (err) => problems.push(`${page.url()}: page error ${err.message}`));
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return problems;
}

function cspOf(res: { headers(): Record<string, string> }): Record<string, string> {
  const header = res.headers()['content-security-policy'] ?? '';
  return Object.fromEntries(
    header
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name, values.join(' ')];
      }),
  );
}

/** React has hydrated the element (it attaches its fiber to the DOM node). */
async function expectHydrated(page: Page, selector: string) {
  await expect
    .poll(() => page.locator(selector).first().evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactFiber'))))
    .toBe(true);
}

test.describe('security headers', () => {
  test('pages get a per-request nonce CSP, no framing, nosniff, a referrer policy and HSTS', async ({ request }) => {
    const first = await request.get('/sign-in');
    const second = await request.get('/sign-in');
    expect(first.status()).toBe(200);
    const csp = cspOf(first);
    const nonce = /'nonce-([A-Za-z0-9+/=]+)'/.exec(csp['script-src'])?.[1];
    expect(nonce, JSON.stringify(csp)).toBeTruthy();
    expect(cspOf(second)['script-src']).not.toContain(nonce!);
    expect(csp['script-src']).toContain("'strict-dynamic'");
    expect(csp['script-src']).not.toContain('unsafe-eval'); // development only
    expect(csp['script-src']).not.toContain('unsafe-inline');
    expect(csp['style-src']).not.toContain('unsafe-inline');
    expect(csp['frame-ancestors']).toBe("'none'");
    expect(csp['object-src']).toBe("'none'");
    expect(csp['worker-src']).toContain("'self'");

    // Every script Next.js rendered carries this request's nonce.
    const html = await first.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    const h = first.headers();
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
  });

  test('the API and a landing page that does not allow embedding are not frameable', async ({ request }) => {
    const api = await request.get('/api/health');
    expect(api.headers()['x-content-type-options']).toBe('nosniff');
    expect(cspOf(api)).toMatchObject({ 'default-src': "'none'", 'frame-ancestors': "'none'" });

    const lp = await request.get('/lp/demo');
    expect(lp.status()).toBe(200);
    expect(cspOf(lp)['frame-ancestors']).toBe("'none'");
    expect(lp.headers()['x-frame-options']).toBe('DENY');
  });

  test('a site that frames /lp/demo is refused by the browser', async ({ page, baseURL }) => {
    await page.route('http://framing-site.test/', (route) =>
      route.fulfill({ contentType: 'text/html', body: `<iframe id="lp" src="${baseURL}/lp/demo"></iframe>` }),
    );
    await page.goto('http://framing-site.test/');
    const frame = page.frameLocator('#lp');
    // Chromium replaces a refused frame with its own error page.
    await expect.poll(() => page.frames().find((f) => f !== page.mainFrame())?.url()).toMatch(/^chrome-error:/);
    await expect(frame.getByRole('button', { name: 'Message me on WhatsApp' })).toHaveCount(0);
  });
});

test.describe('pages under the CSP', () => {
  test('sign-in through the form, then every admin page, with no violation', { tag: '@markup' }, async ({ page, context }) => {
    const problems = watchViolations(context);
    await page.goto('/sign-in');
    await expectHydrated(page, 'form');
    await page.getByLabel('Email').fill('demo@whatslab.dev');
    await page.getByLabel('Password').fill('whatslab-demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/dashboard$/);
    for (const url of ADMIN_PAGES) {
      const res = await page.goto(url);
      expect(res?.status(), url).toBe(200);
      expect(cspOf(res!)['frame-ancestors'], url).toBe("'none'");
      await expectHydrated(page, 'main');
    }
    // Detail pages, reached by their links.
    for (const [list, detail] of [
      ['/leads', /^\/leads\/[0-9a-f-]{36}$/],
      ['/campaigns', /^\/campaigns\/[0-9a-f-]{36}$/],
      ['/messages', /^\/messages\/[0-9a-f-]{36}$/],
    ] as const) {
      await page.goto(list);
      const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      const href = hrefs.find((h) => detail.test(h));
      expect(href, list).toBeTruthy();
      expect((await page.goto(href!))?.status(), href).toBe(200);
      await expectHydrated(page, 'main');
    }
    // A positioned menu (style attributes set by Popper), and client-side navigation (RSC requests).
    await page.getByRole('button', { name: 'Account menu' }).click();
    await expect(page.getByRole('button', { name: /sign out/i })).toBeVisible();
    await page.keyboard.press('Escape');
    await page.getByRole('link', { name: 'Leads', exact: true }).first().click();
    await expect(page).toHaveURL(/\/leads$/);
    expect(problems).toEqual([]);
  });

  test('the CSV import wizard parses a file in its Web Worker', async ({ page, context, account }) => {
    void account;
    const problems = watchViolations(context);
    await page.goto('/imports/new');
    await page.getByLabel('CSV file').setInputFiles(path.join(__dirname, 'fixtures', 'imports', 'utf8-bom.csv'));
    const preview = page.getByRole('table', { name: 'Preview of the first rows' });
    await expect(preview.getByRole('columnheader')).toHaveText(['Nome', 'Telefone', 'E-mail', 'Cidade', 'Observações']);
    await expect(page.getByLabel('Import column Telefone as')).toHaveValue('phone');
    expect(problems).toEqual([]);
  });

  test('/lp/demo submits with JavaScript on', async ({ page, context }) => {
    const problems = watchViolations(context);
    await page.goto('/lp/demo');
    await expectHydrated(page, 'form');
    await page.getByLabel('Name').fill('CSP Visitor');
    await page.getByLabel('WhatsApp number').fill(`(11) 9${randomInt(1000, 9999)}-${randomInt(1000, 9999)}`);
    await page.getByLabel(/I agree to receive messages/).check();
    await page.getByRole('button', { name: 'Message me on WhatsApp' }).click();
    await expect(page.getByText('Thanks! Check your WhatsApp')).toBeVisible();
    expect(problems).toEqual([]);
  });
});

test('a production server on PostgreSQL refuses the sandbox without WHATSAPP_SANDBOX_ALLOW_PRODUCTION, and says why', async () => {
  // The same build, started as a production deploy would be; the configuration is checked
  // before the database is opened, so the server address need not answer.
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: 'postgres://whatslab@127.0.0.1:9/unused',
    AUTH_SECRET: 'a'.repeat(64),
    ENCRYPTION_KEY: 'b'.repeat(64),
    CRON_SECRET: 'c'.repeat(32),
    WHATSAPP_SANDBOX: '1',
  };
  delete childEnv.WHATSAPP_SANDBOX_ALLOW_PRODUCTION;
  const child = spawn(process.execPath, [require.resolve('next/dist/bin/next'), 'start', '-p', '0'], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c) => (output += String(c)));
  child.stderr.on('data', (c) => (output += String(c)));
  const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  expect(code, output).toBe(1);
  expect(output).toContain('WHATSAPP_SANDBOX is not allowed in production');
  expect(output).toContain('WHATSAPP_SANDBOX_ALLOW_PRODUCTION=1');
});
