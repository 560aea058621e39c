import { expect, test } from './fixtures';

// Workspace B must get nothing of workspace A (the demo) from any page or action.
test('a second workspace cannot see or reach the first one\'s leads', async ({ demoPage, page, account }) => {
  await demoPage.goto('/leads');
  const firstLead = demoPage.locator('a[href^="/leads/"]').first();
  await expect(firstLead).toBeVisible();
  const href = await firstLead.getAttribute('href');
  const demoLeadName = (await firstLead.textContent())?.trim() ?? '';
  expect(href).toMatch(/^\/leads\/[0-9a-f-]{36}$/);

  await page.goto('/leads');
  await expect(page.getByTestId('workspace-name')).toHaveText(`${account.name}'s workspace`);
  await expect(page.locator('a[href^="/leads/"]')).toHaveCount(0);
  if (demoLeadName) await expect(page.getByText(demoLeadName, { exact: true })).toHaveCount(0);

  const direct = await page.goto(href!);
  expect(direct?.status()).toBe(404);

  // A forged workspace cookie naming the demo workspace is ignored: membership decides.
  await demoPage.goto('/settings');
  const demoWorkspaceId = (await demoPage.getByTestId('workspace-id').textContent())?.trim();
  expect(demoWorkspaceId).toMatch(/^[0-9a-f-]{36}$/);
  const url = new URL(page.url());
  await page.context().addCookies([{ name: 'wl_ws', value: demoWorkspaceId!, domain: url.hostname, path: '/' }]);
  await page.goto('/leads');
  await expect(page.getByTestId('workspace-name')).toHaveText(`${account.name}'s workspace`);
  await expect(page.locator('a[href^="/leads/"]')).toHaveCount(0);
});
