import { expect, test } from '@playwright/test';
import { callServerAction, requestFrom, serverActionId } from './extra-server';

// Issue 14, finding 6: switchWorkspaceAction answered 500 without a session or with an
// argument that is not a form; like every other action it returns { ok: false, message }.

test('switchWorkspaceAction answers an error result, not a 500', async ({ baseURL }) => {
  const id = serverActionId('app/(auth)/actions.ts', 'switchWorkspaceAction');
  for (const args of [['not-form-data'], [], [{ workspaceId: '00000000-0000-4000-8000-000000000000' }]]) {
    const res = await callServerAction('127.0.0.1', baseURL!, '/dashboard', id, args);
    expect(res.status, JSON.stringify(args)).toBe(200);
    expect(res.result).toEqual({ ok: false, message: 'Please sign in again.', fields: '$undefined' });
  }
});

test('switchWorkspaceAction with a session and an argument that is not a form says what is wrong', async ({ baseURL }) => {
  const signIn = await requestFrom('127.0.0.1', `${baseURL}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseURL! },
    body: JSON.stringify({ email: 'demo@whatslab.dev', password: 'whatslab-demo' }),
  });
  expect(signIn.status).toBe(200);
  const cookie = ([] as string[])
    .concat(signIn.headers['set-cookie'] ?? [])
    .map((c) => c.split(';')[0])
    .join('; ');
  const id = serverActionId('app/(auth)/actions.ts', 'switchWorkspaceAction');
  const res = await callServerAction('127.0.0.1', baseURL!, '/dashboard', id, ['not-form-data'], { cookie });
  expect(res.status).toBe(200);
  expect(res.result).toMatchObject({ ok: false, message: 'Choose a workspace' });
});
