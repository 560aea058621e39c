import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';

// Issue 12: appointments through the import wizard. Issue 15 item 12: the import's source label
// on the lead, and the badge that said Completed after a revert until the page was reloaded.

const FIXTURE = path.join(__dirname, 'fixtures', 'imports', 'appointments.csv');

test('an appointments file books with existing and new leads, rejects with reasons, and reverts with the badge updated at once', async ({ page, account }) => {
  void account;
  // A lead from a labelled leads import: the label shows on the lead.
  const created = await page.request.post('/api/imports', {
    data: { fileName: 'feira.csv', columns: ['Nome', 'Telefone'], mapping: { Nome: 'name', Telefone: 'phone' }, options: { sourceLabel: 'Feira 2026' } },
  });
  expect(created.status()).toBe(201);
  const { id: leadsImport } = (await created.json()) as { id: string };
  expect((await page.request.post(`/api/imports/${leadsImport}/batches`, { data: { batchNo: 0, firstRowNumber: 2, rows: [['Ana Lima', '11 98888-0001']] } })).ok()).toBe(true);
  expect((await page.request.post(`/api/imports/${leadsImport}/finish`)).ok()).toBe(true);
  await page.goto('/leads?q=988880001');
  await page.getByRole('link', { name: 'Ana Lima' }).first().click();
  await expect(page.getByRole('table', { name: 'Touchpoints' })).toContainText('Feira 2026 (feira.csv)');

  await page.goto('/imports/new');
  await page.getByLabel('Appointments (with their leads’ phone or e-mail)').check();
  await page.getByLabel('CSV file').setInputFiles(FIXTURE);
  await expect(page.getByLabel('Import column Telefone as')).toHaveValue('phone');
  await expect(page.getByLabel('Import column Início as')).toHaveValue('starts_at');
  await expect(page.getByLabel('Import column Título as')).toHaveValue('title');
  await expect(page.getByLabel('Import column ID as')).toHaveValue('external_id');
  await expect(page.getByTestId('import-time-zone-note')).toContainText('America/Sao_Paulo');
  await page.getByLabel('Create the lead').check();
  await page.getByRole('button', { name: /^Import / }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toBeVisible();
  for (const [key, n] of [['rows', 5], ['created', 3], ['invalid', 2], ['duplicate', 0]] as const) {
    await expect(page.locator(`[data-count="${key}"]`)).toHaveText(String(n));
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download rejected rows/ }).click()]);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv).toContain('start: not a real date: 31/02/2030 10:00');
  expect(csv).toContain('no lead with ninguem@example.com; a new lead needs a phone');

  // The appointments are on the Appointments page, in the workspace's zone.
  const detail = (await page.getByRole('link', { name: 'View import details' }).getAttribute('href'))!;
  expect(detail).toMatch(/^\/imports\/[0-9a-f-]{36}$/);
  await page.goto('/appointments?from=2030-03-01&to=2030-03-31');
  await expect(page.getByText('Consulta').first()).toBeVisible();
  await expect(page.getByText('Avaliação').first()).toBeVisible();

  await page.goto(detail);
  await expect(page.getByTestId('import-status')).toHaveText('completed');
  await page.getByRole('button', { name: 'Revert import' }).click();
  await page.getByRole('button', { name: 'Yes, revert it' }).click();
  await expect(page.getByText('Import reverted: 3 appointments removed')).toBeVisible();
  await expect(page.getByTestId('import-status')).toHaveText('reverted');
  await expect(page.getByRole('button', { name: 'Revert import' })).toHaveCount(0);
  await page.goto('/appointments?from=2030-03-01&to=2030-03-31');
  await expect(page.getByText('Avaliação')).toHaveCount(0);
});
