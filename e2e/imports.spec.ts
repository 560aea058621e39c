import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

const FIXTURES = path.join(__dirname, 'fixtures', 'imports');
const fixture = (name: string) => path.join(FIXTURES, name);

async function choose(page: Page, name: string) {
  await page.goto('/imports/new');
  await page.getByLabel('CSV file').setInputFiles(fixture(name));
}

async function expectCount(page: Page, key: string, value: number) {
  await expect(page.locator(`[data-count="${key}"]`)).toHaveText(new Intl.NumberFormat('en-GB').format(value));
}

/** Runs the wizard to the end and returns the import's detail URL. */
async function runImport(page: Page): Promise<string> {
  await page.getByRole('button', { name: /^Import / }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toBeVisible();
  const link = page.getByRole('link', { name: 'View import details' });
  const href = await link.getAttribute('href');
  expect(href).toMatch(/^\/imports\/[0-9a-f-]{36}$/);
  return href!;
}

test.describe('CSV import', () => {
  test('a UTF-8 file with BOM, quoted newlines, duplicates and bad phones imports honestly and reverts', async ({ page, account }) => {
    void account;
    await choose(page, 'utf8-bom.csv');
    await expect(page.getByLabel('Encoding')).toHaveValue('utf-8');
    await expect(page.getByText('Separated by comma, UTF-8 with BOM')).toBeVisible();
    const preview = page.getByRole('table', { name: 'Preview of the first rows' });
    await expect(preview.getByRole('columnheader')).toHaveText(['Nome', 'Telefone', 'E-mail', 'Cidade', 'Observações']);
    await expect(preview.getByRole('row')).toHaveCount(8);
    await expect(preview).toContainText('linha 1');
    // Suggested mapping from the Portuguese headers.
    await expect(page.getByLabel('Import column Telefone as')).toHaveValue('phone');
    await expect(page.getByLabel('Import column Nome as')).toHaveValue('name');
    await expect(page.getByLabel('Import column E-mail as')).toHaveValue('email');
    await expect(page.getByLabel('Import column Cidade as')).toHaveValue('attr.cidade');
    await page.getByLabel('Tags to add').fill('feira');

    const detail = await runImport(page);
    await expectCount(page, 'rows', 7);
    await expectCount(page, 'created', 3);
    await expectCount(page, 'invalid', 3);
    await expectCount(page, 'duplicate', 1);

    // The rejected rows, with their original values and the reason, formula-safe.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download rejected rows/ }).click()]);
    const csv = await readFile((await download.path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Nome,Telefone,E-mail,Cidade,Observações,row,reason');
    expect(lines).toHaveLength(5);
    expect(csv).toContain('João de novo,11 8765-4321,,São Paulo,mesmo número sem o 9,4,duplicate of row 2');
    expect(csv).toContain('Curto,12345,,Natal,\'=1+1,6,too short for BR');
    expect(csv).toContain('not a mobile number');
    expect(csv).toContain('phone is empty');

    // The leads are there, one per phone, with the file's values.
    await page.goto('/leads?q=987654321');
    await expect(page.getByText('João da Silva')).toBeVisible();
    await page.goto('/leads?q=991112222');
    await expect(page.getByText('Márcia')).toBeVisible();

    // History and detail, then revert.
    await page.goto('/imports');
    await expect(page.getByRole('link', { name: 'utf8-bom.csv' })).toBeVisible();
    await page.goto(detail);
    await expect(page.getByRole('table', { name: 'Rejected rows' })).toContainText('too short for BR');
    await page.getByRole('button', { name: 'Revert import' }).click();
    await page.getByRole('button', { name: 'Yes, revert it' }).click();
    await expect(page.getByText('Import reverted: 3 leads removed')).toBeVisible();
    await page.goto('/leads?q=987654321');
    await expect(page.getByText('João da Silva')).toHaveCount(0);
    await page.goto('/imports');
    await expect(page.getByRole('row', { name: /utf8-bom\.csv/ })).toContainText('reverted');
  });

  test('a Windows-1252 file with semicolons is detected and read with its accents', async ({ page, account }) => {
    void account;
    await choose(page, 'latin1-semicolon.csv');
    await expect(page.getByLabel('Encoding')).toHaveValue('windows-1252');
    await expect(page.getByText('Separated by semicolon')).toBeVisible();
    const preview = page.getByRole('table', { name: 'Preview of the first rows' });
    await expect(preview).toContainText('Conceição');
    await expect(preview).toContainText('Belém');
    await expect(page.getByLabel('Import column Celular as')).toHaveValue('phone');

    // A saved mapping comes back after the page forgets it.
    await page.getByLabel('Import column Cidade as').selectOption('ignore');
    await page.getByLabel('Preset name').fill('Excel export');
    await page.getByRole('button', { name: 'Save mapping' }).click();
    await expect(page.getByText('Saved as “Excel export”.')).toBeVisible();
    await page.reload();
    await page.getByLabel('CSV file').setInputFiles(fixture('latin1-semicolon.csv'));
    await expect(page.getByLabel('Import column Cidade as')).toHaveValue('attr.cidade');
    await page.getByLabel('Apply a saved mapping').selectOption({ label: 'Excel export' });
    await expect(page.getByLabel('Import column Cidade as')).toHaveValue('ignore');

    // Overriding the encoding shows the file as UTF-8 would read it (mojibake), and back.
    await page.getByLabel('Encoding').selectOption('utf-8');
    await expect(preview).not.toContainText('Conceição');
    await page.getByLabel('Encoding').selectOption('windows-1252');
    await expect(preview).toContainText('Conceição');

    await runImport(page);
    await expectCount(page, 'rows', 3);
    await expectCount(page, 'created', 2);
    await expectCount(page, 'duplicate', 1);
    await page.goto('/leads?q=977772222');
    await expect(page.getByText('Ângela')).toBeVisible();
  });

  test('a batch whose answer is lost on the network is sent again and applied once', async ({ page, account }) => {
    void account;
    let lost = 0;
    await page.route('**/api/imports/*/batches', async (route) => {
      if (lost === 0) {
        lost++;
        await route.fetch(); // the server applies the batch...
        await route.abort('connectionreset'); // ...but the browser never hears back
        return;
      }
      await route.continue();
    });
    await choose(page, 'latin1-semicolon.csv');
    await runImport(page);
    expect(lost).toBe(1);
    await expectCount(page, 'rows', 3);
    await expectCount(page, 'created', 2);
    await expectCount(page, 'duplicate', 1);
  });

  test('pause holds the upload, resume finishes it, and every row is counted once', async ({ page, account }, testInfo) => {
    void account;
    const rows = 12_000; // three batches of 5,000
    const file = testInfo.outputPath('big.csv');
    const body = Array.from({ length: rows }, (_, i) => `Lead ${i};11 9${String(60_000_000 + i)}`).join('\n');
    await writeFile(file, `Nome;Telefone\n${body}\n`);
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let requests = 0;
    await page.route('**/api/imports/*/batches', async (route) => {
      requests++;
      if (requests === 1) await held; // the first batch waits until the test has paused
      await route.continue();
    });
    await page.goto('/imports/new');
    await page.getByLabel('CSV file').setInputFiles(file);
    await page.getByRole('button', { name: /^Import / }).click();
    await expect.poll(() => requests).toBe(1);
    await page.getByRole('button', { name: 'Pause' }).click();
    release();
    await expect(page.getByText('paused', { exact: false })).toBeVisible();
    await expectCount(page, 'rows', 5000);
    expect(requests).toBe(1);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toBeVisible();
    expect(requests).toBe(3);
    await expectCount(page, 'rows', rows);
    await expectCount(page, 'created', rows);
  });

  test('an import left unfinished can be stopped from its page', async ({ page, account }) => {
    void account;
    const created = await page.request.post('/api/imports', {
      data: { fileName: 'left.csv', columns: ['Nome', 'Telefone'], mapping: { Nome: 'name', Telefone: 'phone' } },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const batch = await page.request.post(`/api/imports/${id}/batches`, {
      data: { batchNo: 0, firstRowNumber: 2, rows: [['Ana', '11 93333-0001']] },
    });
    expect(batch.ok()).toBe(true);
    await page.goto(`/imports/${id}`);
    await expect(page.getByText('This import has not finished')).toBeVisible();
    await page.getByRole('button', { name: 'Stop this import' }).click();
    await expect(page.getByText('cancelled', { exact: true })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Stop this import' })).toHaveCount(0);
    // A batch after that is refused with a clear message.
    const late = await page.request.post(`/api/imports/${id}/batches`, { data: { batchNo: 1, firstRowNumber: 3, rows: [] } });
    expect(late.status()).toBe(409);
    expect(((await late.json()) as { error: { message: string } }).error.message).toContain('cancelled');
  });

  for (const [name, message] of [
    ['empty.csv', 'The file is empty.'],
    ['header-only.csv', 'The file has a header row but no data rows.'],
    ['binary.csv', 'This is not a CSV file'],
  ] as const) {
    test(`${name} gets a clear message, not a crash`, async ({ page, account }) => {
      void account;
      await choose(page, name);
      await expect(page.locator('.alert[role="alert"]')).toContainText(message);
      await expect(page.getByRole('button', { name: /^Import / })).toHaveCount(0);
      // The page still works: another file can be chosen.
      await page.getByLabel('CSV file').setInputFiles(fixture('latin1-semicolon.csv'));
      await expect(page.getByRole('table', { name: 'Preview of the first rows' })).toContainText('Conceição');
      await expect(page.locator('.alert[role="alert"]')).toHaveCount(0);
    });
  }
});

test('"Preparing…" shows as soon as Import is clicked, before the import is created', async ({ page, account }) => {
  void account;
  await choose(page, 'utf8-bom.csv');
  // Hold the request that creates the import until the page has shown its feedback.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/imports', async (route) => {
    if (route.request().method() === 'POST') await held;
    await route.continue();
  });
  await page.getByRole('button', { name: /^Import / }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Preparing…' })).toBeVisible();
  release();
  await expect(page.getByRole('status').filter({ hasText: 'Import finished' })).toBeVisible();
});
