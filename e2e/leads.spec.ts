import { randomInt } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';

// The leads page end to end, as the demo owner: create (after a field error), edit, filter,
// tag every lead matching a filter across pages, export, delete with a typed count.

test('leads: create with field errors, edit, filter, bulk tag across pages, export, delete', async ({ demoPage: page }) => {
  test.setTimeout(120_000);
  const run = String(randomInt(100000, 999999));
  const name = `E2E Lead ${run}`;
  const digits = `119${run}${randomInt(10, 99)}`; // 11 digits: a São Paulo mobile
  const local = `(${digits.slice(0, 2)}) ${digits.slice(2, 7)}-${digits.slice(7)}`;
  const tag = `e2e-bulk-${run}`;
  let leadUrl = '';

  await test.step('create a lead, fixing a bad e-mail and a bad phone first', async () => {
    await page.goto('/leads');
    await page.getByRole('button', { name: 'New lead' }).click();
    await expect(page).toHaveURL(/\/leads\/new$/);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('WhatsApp number').fill('12345');
    await page.getByLabel('E-mail').fill('not-an-email');
    await page.getByRole('button', { name: 'Create lead' }).click();
    await expect(page.getByText('Enter a valid e-mail address, like ana@example.com')).toBeVisible();

    await page.getByLabel('E-mail').fill('e2e@example.com');
    await page.getByRole('button', { name: 'Create lead' }).click();
    // The server's normaliser says why the number is not one.
    await expect(page.getByText(/Not a valid WhatsApp number: .+\./)).toBeVisible();

    await page.getByLabel('WhatsApp number').fill(local);
    await page.getByLabel('Tags', { exact: true }).fill('vip-e2e');
    await page.getByLabel('Tags', { exact: true }).press('Enter');
    await page.getByRole('button', { name: 'Add attribute' }).click();
    await page.getByLabel('Attribute 1 name').fill('formula');
    await page.getByLabel('Attribute 1 value').fill('=1+1');
    await page.getByRole('button', { name: 'Create lead' }).click();
    await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
    leadUrl = new URL(page.url()).pathname;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByText('vip-e2e')).toBeVisible();
    await expect(page.getByText(`+55${digits}`)).toBeVisible();
    await expect(page.getByRole('list', { name: 'Timeline' })).toContainText('Lead created (Manual)');
  });

  await test.step('the same phone in another format points at the existing lead', async () => {
    await page.goto('/leads/new');
    await page.getByLabel('WhatsApp number').fill(`+55 ${digits.slice(0, 2)} ${digits.slice(2)}`);
    await page.getByRole('button', { name: 'Create lead' }).click();
    await expect(page.getByText('Another lead already has this phone number.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Open that lead' })).toHaveAttribute('href', leadUrl);
  });

  await test.step('edit the lead: new name, opted out', async () => {
    await page.goto(leadUrl);
    await page.getByRole('link', { name: 'Edit lead' }).click();
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue(name);
    await page.getByLabel('Name', { exact: true }).fill(`${name} Edited`);
    await page.getByLabel('Opted out: never message this lead').check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page).toHaveURL(new RegExp(`${leadUrl}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name} Edited`);
    await expect(page.getByText('Opted out', { exact: true })).toBeVisible();
  });

  await test.step('filter by phone in another format and opted out', async () => {
    await page.goto('/leads');
    await page.getByLabel('Search', { exact: true }).fill(`+55 ${local}`);
    await page.getByLabel('Opted out', { exact: true }).selectOption('yes');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/optedOut=yes/);
    await expect(page.getByTestId('lead-row')).toHaveCount(1);
    await expect(page.getByTestId('lead-row')).toContainText(`${name} Edited`);
    await page.getByLabel('Opted out', { exact: true }).selectOption('no');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByText('No leads match')).toBeVisible();
  });

  let matching = 0;
  await test.step('tag every lead matching a filter, across pages', async () => {
    await page.goto('/leads?source=landing_page');
    await expect(page.getByTestId('lead-row')).toHaveCount(50);
    await page.getByLabel('Select all leads on this page').check();
    await expect(page.getByTestId('selection-summary')).toHaveText('50 leads selected on this page.');
    await page.getByRole('button', { name: 'Select all leads matching this filter' }).click();
    const summary = page.getByTestId('selection-summary');
    await expect(summary).toHaveText(/^All [\d,]+ leads matching this filter are selected\.$/);
    matching = Number((await summary.textContent())!.replace(/\D/g, ''));
    expect(matching).toBeGreaterThan(50);
    await page.getByLabel('Tag for the selected leads').fill(tag);
    await page.getByRole('button', { name: 'Add tag' }).click();
    await expect(page.getByRole('status')).toHaveText(`Tag “${tag}” added to ${matching} leads.`);

    await page.goto(`/leads?tag=${tag}`);
    await expect(page.getByTestId('lead-row')).toHaveCount(50);
    await page.getByRole('link', { name: 'Next page →' }).click();
    // Earlier specs add landing-page leads too, so the tagged set may run past a second page.
    await expect(page.getByTestId('lead-row')).toHaveCount(Math.min(50, matching - 50));
  });

  await test.step('export the tagged leads as CSV', async () => {
    await page.goto(`/leads?tag=${tag}`);
    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^leads-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile((await download.path())!, 'utf8')).replace(/^\uFEFF/, '');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,name,phone,email,source,lifecycle_status,tags,/);
    expect(lines).toHaveLength(matching + 1);
    expect(lines.slice(1).every((l) => l.includes(tag))).toBe(true);
    // Phones start with "+": neutralised so a spreadsheet keeps them as text.
    expect(lines.slice(1).every((l) => /,'\+\d+,/.test(l))).toBe(true);

    await page.goto(`/leads?q=${digits}`);
    const one = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const mine = (await readFile((await (await one).path())!, 'utf8')).replace(/^\uFEFF/, '');
    expect(mine).toContain(`${name} Edited`);
    expect(mine).toContain(",'=1+1");
  });

  await test.step('remove the tag again from all of them', async () => {
    await page.goto(`/leads?tag=${tag}`);
    await page.getByLabel('Select all leads on this page').check();
    await page.getByRole('button', { name: 'Select all leads matching this filter' }).click();
    await expect(page.getByTestId('selection-summary')).toContainText(`All ${matching} leads`);
    await page.getByLabel('Tag for the selected leads').fill(tag);
    await page.getByRole('button', { name: 'Remove tag' }).click();
    await expect(page.getByRole('status')).toHaveText(`Tag “${tag}” removed from ${matching} leads.`);
    await expect(page.getByText('No leads match')).toBeVisible();
  });

  await test.step('delete the lead after typing the count', async () => {
    await page.goto(`/leads?q=${digits}`);
    await page.getByLabel(`Select ${name} Edited`).check();
    await page.getByRole('button', { name: 'Delete…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Delete 1 lead?');
    const confirm = dialog.getByRole('button', { name: 'Delete 1 lead' });
    await dialog.getByLabel('Type 1 to confirm').fill('2');
    await expect(confirm).toBeDisabled();
    await dialog.getByLabel('Type 1 to confirm').fill('1');
    await confirm.click();
    await expect(page.getByRole('status')).toHaveText('Deleted 1 lead.');
    await expect(page.getByText('No leads match')).toBeVisible();
    const gone = await page.goto(leadUrl);
    expect(gone?.status()).toBe(404);
  });
});

test('without JavaScript the filter form still filters and keeps the filter in the URL', async ({ browser, demoPage }) => {
  // demoPage's own context has JavaScript on: a second context with the same session, without.
  const context = await browser.newContext({ storageState: await demoPage.context().storageState(), javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/leads');
  await page.getByLabel('Source', { exact: true }).selectOption('import');
  await page.getByLabel('Sort', { exact: true }).selectOption('name');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/source=import/);
  await expect(page).toHaveURL(/sort=name/);
  const rows = page.getByTestId('lead-row');
  await expect(rows.first()).toBeVisible();
  for (const source of await rows.locator('td:nth-child(4)').allTextContents()) expect(source).toBe('Import');
  await context.close();
});
