import { expect, test } from './fixtures';

// An admin creates an API key, sees it once, uses it from outside the browser, and runs a
// query in the in-app GraphQL explorer (which runs as the signed-in admin).

test('an admin creates an API key, sees it once, and explores the API', async ({ page, account, request }) => {
  void account;
  await page.goto('/settings');
  await page.getByRole('link', { name: 'API keys' }).click();
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();

  await page.getByLabel('Name').fill('Website form');
  await page.getByLabel('write (mutations)').check();
  await page.getByRole('button', { name: 'Create key' }).click();
  const shown = page.getByLabel('New API key');
  await expect(shown).toHaveText(/^wl_live_[A-Za-z0-9]{32}$/);
  const key = (await shown.textContent())!;

  // Listed by its prefix only; after a reload the key itself is gone for good.
  const row = page.getByRole('row', { name: /Website form/ });
  await expect(row).toContainText(key.slice(0, 12));
  await expect(row).toContainText('read, write');
  await page.reload();
  await expect(page.getByLabel('New API key')).toHaveCount(0);
  expect(await page.content()).not.toContain(key);

  // The key works from any HTTP client; a wrong one is refused.
  const upsert = await request.post('/api/graphql', {
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    data: { query: 'mutation { upsertLead(input: { phone: "+5511987612345", name: "From the API" }) { created lead { phone } } }' },
  });
  expect(upsert.status()).toBe(200);
  expect(await upsert.json()).toEqual({ data: { upsertLead: { created: true, lead: { phone: '+5511987612345' } } } });
  expect(upsert.headers()['x-ratelimit-limit']).toBeTruthy();
  const refused = await request.post('/api/graphql', {
    headers: { authorization: 'Bearer wl_live_nope', 'content-type': 'application/json' },
    data: { query: '{ viewer { role } }' },
  });
  expect(refused.status()).toBe(401);

  // The explorer runs a query as the signed-in admin and shows the lead the key created.
  await page.goto('/settings');
  await page.getByRole('link', { name: 'GraphQL API' }).click();
  await expect(page.getByRole('heading', { name: 'GraphQL API' })).toBeVisible();
  const run = page.getByRole('button', { name: /Execute query/i });
  const response = page.locator('.graphiql-response');
  await expect(run).toBeVisible({ timeout: 30_000 });
  // The editor (Monaco) comes up after the button: a click before it is ready runs nothing.
  await expect(page.locator('.graphiql-query-editor')).toContainText('RecentLeads', { timeout: 30_000 });
  await expect(async () => {
    await run.click();
    await expect(response).toContainText('From the API', { timeout: 5_000 });
  }).toPass({ timeout: 45_000 });
  await expect(response).toContainText('"totalCount": 1');
});
