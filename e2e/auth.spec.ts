import { randomBytes } from 'node:crypto';
import { expect, test } from './fixtures';

test('sign up creates a workspace, then sign out and sign back in through the forms', async ({ page }) => {
  const tag = randomBytes(4).toString('hex');
  const email = `form-${tag}@example.test`;
  await page.goto('/sign-up');
  await page.getByLabel('Your name').fill('Form User');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('short');
  await page.getByLabel('Workspace name').fill(`Acme ${tag}`);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('Use at least 8 characters')).toBeVisible();

  await page.getByLabel('Password').fill('a-good-password');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId('workspace-name')).toHaveText(`Acme ${tag}`);

  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto('/dashboard');
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('wrong-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByText('Wrong email or password.')).toBeVisible();

  await page.getByLabel('Password').fill('a-good-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/dashboard/);
  await expect(page.getByTestId('workspace-name')).toHaveText(`Acme ${tag}`);
});

test('the demo user sees a dashboard with real counts', async ({ demoPage: page }) => {
  await page.goto('/dashboard');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.getByTestId('workspace-name')).toHaveText('Demo Workspace');
  await expect(page.getByTestId('stat-total-leads')).toContainText(/\b2\d\d\b/);
});
