import AxeBuilder from '@axe-core/playwright';
import { randomBytes } from 'node:crypto';
import { expect, test } from './fixtures';

// One person, one lead, on a fresh workspace: two leads with the same e-mail show as a pair on
// the Duplicates screen (which fits a phone and passes axe); the admin keeps one lead, takes the
// other's name, merges; the opt-out survives, the lead page shows the merge, and undo brings
// both leads back. The bulk "merge all exact e-mail duplicates" counts before it merges.

test('duplicates: review a pair, merge with field choices, undo from the lead page, bulk e-mail merge', async ({ page, account }) => {
  void account;
  const tag = randomBytes(3).toString('hex');
  const email = `maria.${tag}@example.com`;
  const create = async (name: string, phone: string, mail: string, optOut: boolean) => {
    await page.goto('/leads/new');
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('WhatsApp number').fill(phone);
    await page.getByLabel('E-mail').fill(mail);
    if (optOut) await page.getByLabel('Opted out: never message this lead').check();
    await page.getByRole('button', { name: 'Create lead' }).click();
    await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  };
  await create('Maria Old', '+55 11 91234-5671', email, true);
  await create('Maria Nova', '+55 21 99876-5432', email.toUpperCase(), false);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/leads/duplicates');
  const pair = page.getByTestId('duplicate-pair');
  await expect(pair).toHaveCount(1);
  await expect(pair).toContainText('Same e-mail');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Keep whichever lead holds the old number, and that number (the default is the newest value), with the newer name.
  const side = (await pair.getByLabel('+5511912345671').getAttribute('id'))!.endsWith('-a') ? 'A' : 'B';
  await pair.getByLabel(`Keep lead ${side}`).check();
  await pair.getByLabel('Maria Nova').check();
  await pair.getByLabel('+5511912345671').check();
  await pair.getByRole('button', { name: /Merge into lead/ }).click();
  await expect(page.getByTestId('merge-done')).toContainText('Merged');
  await expect(page.getByTestId('duplicate-pair')).toHaveCount(0);

  await page.getByTestId('merge-done').getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maria Nova');
  await expect(page.getByText('+5511912345671').first()).toBeVisible();
  await expect(page.getByText('Opted out', { exact: true })).toBeVisible();
  await expect(page.getByTestId('timeline-entry').filter({ hasText: 'Merged with duplicate Maria Nova' })).toBeVisible();

  await page.getByTestId('lead-merge').getByRole('button', { name: 'Undo merge' }).click();
  await expect(page.getByRole('status')).toHaveText('Merge undone: both leads are back.');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Maria Old');
  await expect(page.getByTestId('timeline-entry').filter({ hasText: 'Merge with Maria Nova (+5521998765432) undone' })).toBeVisible();

  await page.goto('/leads/duplicates');
  await expect(page.getByTestId('duplicate-pair')).toHaveCount(1);
  await page.getByRole('button', { name: 'Merge all exact e-mail duplicates…' }).click();
  await expect(page.getByTestId('email-dry-run')).toContainText('1 leads share an e-mail with another lead (1 addresses)');
  await page.getByRole('button', { name: 'Merge 1 leads' }).click();
  await expect(page.getByRole('status')).toHaveText('Merged 1 leads.');
  await expect(page.getByTestId('duplicate-pair')).toHaveCount(0);
  await page.goto('/leads');
  await expect(page.getByRole('table').getByRole('link', { name: /Maria/ })).toHaveCount(1);
});
