import { randomInt } from 'node:crypto';
import { expect, test } from './fixtures';

// Issue 15 items 2, 6 and 12, in the browser as the demo owner: an automated campaign "from
// Manual" greets a lead added on the New lead form (box ticked by default, only with consent);
// the lead is found without its accents, with a count; edits of status and e-mail are on the
// lead's timeline.

test('a manual lead with consent triggers the campaign that asks for manual leads; search ignores accents; edits show on the timeline', async ({ demoPage: page }) => {
  test.setTimeout(120_000);
  const run = String(randomInt(100000, 999999));
  const campaign = `Manual welcome ${run}`;
  const name = `Zoë Araújo ${run}`;
  const digits = `119${run}${randomInt(10, 99)}`;
  let campaignUrl = '';

  await test.step('an automated campaign from the Manual source, activated', async () => {
    await page.goto('/campaigns/new?kind=automated');
    await page.getByLabel('Name').fill(campaign);
    await page.getByRole('group', { name: 'From sources' }).getByLabel('Manual').check();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
    campaignUrl = new URL(page.url()).pathname;
    await page.getByRole('button', { name: 'Activate', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, activate' }).click();
    await expect(page.getByTestId('campaign-status')).toHaveText('active');
  });

  await test.step('the New lead form offers it, ticked, once consent is given', async () => {
    await page.goto('/leads/new');
    await expect(page.getByText('Adding a lead here sends nothing')).toHaveCount(0);
    const send = page.getByLabel(/Send the automated campaigns? for manual leads/);
    await expect(send).toBeChecked();
    await expect(send).toBeDisabled();
    await expect(send).toHaveAccessibleName(new RegExp(campaign));
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('WhatsApp number').fill(digits);
    await page.getByLabel('This person agreed to receive WhatsApp messages').check();
    await expect(send).toBeEnabled();
    await page.getByRole('button', { name: 'Create lead' }).click();
    await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('timeline-entry').filter({ hasText: `from campaign “${campaign}”` })).toBeVisible();
  });

  const leadUrl = new URL(page.url()).pathname;

  await test.step('edits of e-mail and status appear on the timeline', async () => {
    await page.getByRole('link', { name: 'Edit lead' }).click();
    await page.getByLabel('E-mail').fill(`zoe.${run}@example.com`);
    await page.getByLabel('Lifecycle status').selectOption('qualified');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(new RegExp(`${leadUrl}$`));
    const entries = page.getByTestId('timeline-entry');
    await expect(entries.filter({ hasText: `E-mail set to “zoe.${run}@example.com”` })).toBeVisible();
    await expect(entries.filter({ hasText: /Status changed from “(New|Contacted)” to “Qualified” by / })).toBeVisible();
  });

  await test.step('the leads page finds the lead without its accents, with a count', async () => {
    await page.goto(`/leads?q=${encodeURIComponent(`zoe araujo ${run}`)}`);
    await expect(page.getByTestId('match-count')).toHaveText('1 lead matches');
    await expect(page.getByRole('link', { name })).toBeVisible();
  });

  await test.step('stopped again, the form says a new lead sends nothing', async () => {
    await page.goto(campaignUrl);
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await page.getByRole('button', { name: 'Yes, stop' }).click();
    await expect(page.getByTestId('campaign-status')).toHaveText('stopped');
    await page.goto('/leads/new');
    await expect(page.getByText('Adding a lead here sends nothing')).toBeVisible();
    await expect(page.getByLabel(/Send the automated campaigns? for manual leads/)).toHaveCount(0);
  });
});
