import { randomBytes } from 'node:crypto';
import { expect, test } from './fixtures';

// Appointments end to end on the demo workspace (America/Sao_Paulo, UTC-3): a 2-hour reminder
// campaign is active; an admin books an appointment for a demo lead from the lead's page; the
// reminder is queued 2 hours before its start in the workspace's zone, moves with it, and is
// skipped when it is cancelled; the lead's timeline shows each step.

const tag = () => randomBytes(3).toString('hex');

test('an appointment booked from the lead page queues, moves and cancels its 2-hour reminder; the timeline shows it', async ({ demoPage: page }) => {
  const campaign = `Reminder 2h ${tag()}`;
  await page.goto('/campaigns/new?kind=automated');
  await page.getByLabel('Name').fill(campaign);
  await page.getByLabel('Triggered by').selectOption('reminder');
  await page.getByLabel('Hours before the appointment').fill('2');
  await page.getByRole('button', { name: 'Save draft' }).click();
  await expect(page).toHaveURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Activate', exact: true }).click();
  await page.getByRole('button', { name: 'Yes, activate' }).click();
  await expect(page.getByTestId('campaign-status')).toHaveText('active');

  await page.goto('/leads');
  await page.getByRole('table').getByRole('link').first().click();
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  const leadUrl = page.url();
  await page.getByRole('link', { name: 'New appointment' }).click();

  const title = `Visit ${tag()}`;
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('Starts').fill('2030-03-10T14:00');
  await page.getByRole('button', { name: 'Create appointment' }).click();
  await expect(page).toHaveURL(leadUrl);
  await expect(page.getByTestId('timeline-entry').filter({ hasText: `Appointment “${title}” booked for` })).toBeVisible();

  await page.getByRole('link', { name: title }).click();
  const reminder = page.getByTestId('appointment-message').filter({ hasText: campaign });
  await expect(reminder).toHaveText(/queued, due 10 Mar 2030, 12:00 \(America\/Sao_Paulo\)/);

  await page.getByLabel('Starts').fill('2030-03-11T09:30');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(leadUrl);
  await expect(page.getByTestId('timeline-entry').filter({ hasText: `Appointment “${title}” moved` })).toBeVisible();
  await page.getByRole('link', { name: title }).click();
  await expect(reminder).toHaveText(/queued, due 11 Mar 2030, 07:30 \(America\/Sao_Paulo\)/);

  await page.getByLabel('Status').selectOption('cancelled');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(leadUrl);
  await expect(page.getByTestId('timeline-entry').filter({ hasText: `Appointment “${title}” cancelled` })).toBeVisible();
  await page.getByRole('link', { name: title }).click();
  await expect(reminder).toHaveText(/: skipped · the appointment was cancelled/);

  await page.goto('/appointments?from=2030-03-11&to=2030-03-11&status=cancelled');
  await expect(page.getByRole('table')).toContainText(title);
  await expect(page.getByTestId('count-cancelled')).toContainText('1');
});
