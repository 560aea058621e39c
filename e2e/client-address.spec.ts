import { randomBytes, randomInt } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { callServerAction, requestFrom, serverActionId, startExtraServer, type ExtraServer } from './extra-server';

// Issue 14, findings 1-3: rate limits key on an address the client cannot choose. Two extra
// `next start` servers of the same build: one with no proxy in front (TRUSTED_PROXIES unset)
// and one behind one proxy (TRUSTED_PROXIES=1). Requests leave from chosen loopback
// addresses, so the socket address is known; X-Forwarded-For changes on every request.

const BASE_PORT = Number(process.env.E2E_PORT ?? 3210);
const RUN = randomInt(1, 250);
let nextHost = 1;
/** A loopback address of its own for each simulated machine. */
const machine = () => `127.${RUN}.${Math.floor(nextHost / 250)}.${(nextHost++ % 250) + 1}`;
const randomIp = () => `${randomInt(1, 223)}.${randomInt(0, 255)}.${randomInt(0, 255)}.${randomInt(1, 254)}`;

const ACTIONS = 'app/(auth)/actions.ts';
const json = (baseURL: string, extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', origin: baseURL, ...extra });

async function signUpApi(server: ExtraServer, from: string, headers: Record<string, string> = {}) {
  const tag = randomBytes(4).toString('hex');
  const account = { email: `addr-${tag}@example.test`, password: `pw-${tag}-secret`, name: `Addr ${tag}` };
  const res = await requestFrom(from, `${server.baseURL}/api/auth/sign-up/email`, {
    method: 'POST',
    headers: json(server.baseURL, headers),
    body: JSON.stringify(account),
  });
  return { res, account };
}

function signInApi(server: ExtraServer, from: string, email: string, password: string, headers: Record<string, string> = {}) {
  return requestFrom(from, `${server.baseURL}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: json(server.baseURL, headers),
    body: JSON.stringify({ email, password }),
  });
}

test.describe('with no proxy in front (TRUSTED_PROXIES unset)', () => {
  test.describe.configure({ mode: 'serial' });
  let server: ExtraServer;
  test.beforeAll(async () => {
    test.setTimeout(150_000);
    server = await startExtraServer({ port: BASE_PORT + 2, name: 'no-proxy', env: {} });
  });
  test.afterAll(async () => server?.stop());

  test('sign-in: a forged X-Forwarded-For on every request does not escape the limits, through /api/auth and the form action', async () => {
    const { res, account } = await signUpApi(server, machine());
    expect(res.status, res.text).toBe(200);

    const attacker = machine();
    const apiStatuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      // The private peer header is forged too: the server overwrites it.
      const r = await signInApi(server, attacker, account.email, `guess-${i}`, { 'x-forwarded-for': randomIp(), 'x-whatslab-peer': randomIp() });
      apiStatuses.push(r.status);
    }
    expect(apiStatuses).toEqual([401, 401, 401, 401, 401, 429, 429]);

    const signIn = serverActionId(ACTIONS, 'signInAction');
    const formAttacker = machine();
    const messages: string[] = [];
    for (let i = 0; i < 7; i++) {
      const { result } = await callServerAction(formAttacker, server.baseURL, '/sign-in', signIn, [{ email: account.email, password: `guess-${i}` }], {
        'x-forwarded-for': randomIp(),
      });
      messages.push((result as { message: string }).message);
    }
    expect(messages.slice(0, 5)).toEqual(Array(5).fill('Wrong email or password.'));
    expect(messages[5]).toMatch(/^Too many sign-in attempts\. Try again in \d+ seconds\.$/);

    // Meanwhile the owner, from their own machine, signs in through both doors.
    expect((await signInApi(server, machine(), account.email, account.password)).status).toBe(200);
    const owner = await callServerAction(machine(), server.baseURL, '/sign-in', signIn, [{ email: account.email, password: account.password }]);
    expect(owner.result).toMatchObject({ ok: true });
  });

  test('only failures count: a team signing in 15 times in a row from one address through the form action is never held', async () => {
    const { res, account } = await signUpApi(server, machine());
    expect(res.status, res.text).toBe(200);
    const office = machine();
    const signIn = serverActionId(ACTIONS, 'signInAction');
    for (let i = 0; i < 15; i++) {
      const { result } = await callServerAction(office, server.baseURL, '/sign-in', signIn, [{ email: account.email, password: account.password }]);
      expect(result, `sign-in ${i + 1}`).toMatchObject({ ok: true });
    }
  });

  test('sign-up: 20 an hour per address through /api/auth and through the form action, whatever X-Forwarded-For says', async () => {
    const apiMachine = machine();
    const apiStatuses: number[] = [];
    for (let i = 0; i < 21; i++) apiStatuses.push((await signUpApi(server, apiMachine, { 'x-forwarded-for': randomIp() })).res.status);
    expect(apiStatuses.slice(0, 20)).toEqual(Array(20).fill(200));
    expect(apiStatuses[20]).toBe(429);

    // Both doors share one limit: the form from the same machine is refused too.
    const signUp = serverActionId(ACTIONS, 'signUpAction');
    const form = (i: number) => ({ name: `Form ${i}`, email: `form-${randomBytes(4).toString('hex')}@example.test`, password: 'a-good-password', workspaceName: `Form ws ${i}` });
    const refused = await callServerAction(apiMachine, server.baseURL, '/sign-up', signUp, [form(0)], { 'x-forwarded-for': randomIp() });
    expect(refused.result).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many sign-ups from here\. Try again in \d+ seconds\.$/) });

    const formMachine = machine();
    const results: { ok: boolean; message?: string }[] = [];
    for (let i = 0; i < 21; i++) {
      const { result } = await callServerAction(formMachine, server.baseURL, '/sign-up', signUp, [form(i)], { 'x-forwarded-for': randomIp() });
      results.push(result as { ok: boolean });
    }
    expect(results.slice(0, 20).every((r) => r.ok)).toBe(true);
    expect(results[20]).toMatchObject({ ok: false, message: expect.stringMatching(/^Too many sign-ups from here/) });

    // The API still checks names as the form does.
    const long = await requestFrom(machine(), `${server.baseURL}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: json(server.baseURL),
      body: JSON.stringify({ name: 'x'.repeat(200_000), email: `long-${randomBytes(4).toString('hex')}@example.test`, password: 'a-good-password' }),
    });
    expect(long.status).toBe(400);
  });

  test('/lp/demo: the form posted with a new X-Forwarded-For each time is refused after 20, and another machine still gets through', async () => {
    const visitor = machine();
    const outcomes: string[] = [];
    for (let i = 0; i < 23; i++) outcomes.push(await postLandingForm(server, visitor, i, { 'x-forwarded-for': randomIp() }));
    expect(outcomes.slice(0, 20)).toEqual(Array(20).fill('success'));
    expect(outcomes.slice(20)).toEqual(Array(3).fill('too many'));
    expect(await postLandingForm(server, machine(), 99)).toBe('success');
  });
});

test.describe('behind one trusted proxy (TRUSTED_PROXIES=1)', () => {
  test.describe.configure({ mode: 'serial' });
  let server: ExtraServer;
  const proxy = machine();
  test.beforeAll(async () => {
    test.setTimeout(150_000);
    server = await startExtraServer({ port: BASE_PORT + 3, name: 'one-proxy', env: { TRUSTED_PROXIES: '1' } });
  });
  test.afterAll(async () => server?.stop());

  test('the hop the proxy appended is the client: the left part is forgeable and ignored', async () => {
    const { res, account } = await signUpApi(server, proxy, { 'x-forwarded-for': randomIp() });
    expect(res.status, res.text).toBe(200);

    // One client behind the proxy, forging what comes before the proxy's hop.
    const held: number[] = [];
    for (let i = 0; i < 7; i++) {
      held.push((await signInApi(server, proxy, account.email, `guess-${i}`, { 'x-forwarded-for': `${randomIp()}, 203.0.113.7` })).status);
    }
    expect(held).toEqual([401, 401, 401, 401, 401, 429, 429]);

    // Different clients of the proxy are different addresses: none is held by the one above.
    const others: number[] = [];
    for (let i = 0; i < 8; i++) {
      others.push((await signInApi(server, proxy, account.email, `other-${i}`, { 'x-forwarded-for': `203.0.113.7, 198.51.100.${i + 1}` })).status);
    }
    expect(others).toEqual(Array(8).fill(401));
    expect((await signInApi(server, proxy, account.email, account.password, { 'x-forwarded-for': '198.51.100.200' })).status).toBe(200);
  });

  test('the owner signs in through the form while an attacker hammers the account from many addresses', async ({ browser }) => {
    const { account } = await signUpApi(server, proxy, { 'x-forwarded-for': randomIp() });
    // The owner's browser has signed in before (it keeps the known-device cookie), then signed out.
    const ownerContext = await browser.newContext({ baseURL: server.baseURL });
    const owner = await ownerContext.newPage();
    await signInWithForm(owner, account.email, account.password);
    await expect(owner).toHaveURL(/\/dashboard/);
    await ownerContext.clearCookies({ name: /^better-auth\./ });

    // A distributed attack: 60 addresses, one guess each.
    for (let i = 0; i < 60; i++) {
      const r = await signInApi(server, proxy, account.email, `guess-${i}`, { 'x-forwarded-for': `10.${RUN}.${Math.floor(i / 200)}.${i % 200}` });
      expect([401, 429]).toContain(r.status);
    }
    // A browser that never signed in to the account is held, and told for how long.
    const strangerContext = await browser.newContext({ baseURL: server.baseURL });
    const stranger = await strangerContext.newPage();
    await signInWithForm(stranger, account.email, account.password);
    await expect(stranger.getByText(/Too many sign-in attempts\. Try again in \d+ seconds\./)).toBeVisible();
    await strangerContext.close();

    // The owner's browser is not.
    await signInWithForm(owner, account.email, account.password);
    await expect(owner).toHaveURL(/\/dashboard/);
    await ownerContext.close();
  });
});

async function signInWithForm(page: import('@playwright/test').Page, email: string, password: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

const decodeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

/** Posts /lp/demo as a browser without JavaScript does (the form's own multipart post). */
async function postLandingForm(server: ExtraServer, from: string, i: number, headers: Record<string, string> = {}): Promise<string> {
  const page = await requestFrom(from, `${server.baseURL}/lp/demo`, { headers });
  const form = new FormData();
  for (const m of page.text.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)) form.append(decodeHtml(m[1]), decodeHtml(m[2] ?? ''));
  form.append('name', `Visitor ${i}`);
  form.append('phone', `+55119${String(RUN).padStart(3, '0')}${String(randomInt(0, 99999)).padStart(5, '0')}`);
  form.append('consent', 'on');
  const encoded = new Request('http://form.invalid', { method: 'POST', body: form });
  const res = await requestFrom(from, `${server.baseURL}/lp/demo`, {
    method: 'POST',
    headers: { 'content-type': encoded.headers.get('content-type')!, origin: server.baseURL, ...headers },
    body: Buffer.from(await encoded.arrayBuffer()),
  });
  if (res.text.includes('Too many submissions')) return 'too many';
  if (res.text.includes('alert-success')) return 'success';
  return `status ${res.status}: ${res.text.slice(0, 300)}`;
}
