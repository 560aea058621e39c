import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASS_SECRET, FAIL_SECRET, PASS_TOKEN, startFakeSiteverify } from '@/test/fake-siteverify';
import { verifyTurnstile, type TurnstileConfig } from './verify-turnstile';

describe('verifyTurnstile against a local siteverify', () => {
  let fake: Awaited<ReturnType<typeof startFakeSiteverify>>;
  beforeAll(async () => {
    fake = await startFakeSiteverify();
  });
  afterAll(() => fake.close());
  const config = (secretKey: string, verifyUrl = fake.url): TurnstileConfig => ({ secretKey, verifyUrl, timeoutMs: 2000 });

  it('passes a good token, fails a bad or missing one, and lets an outage or our own bad secret through', async () => {
    expect(await verifyTurnstile(config(PASS_SECRET), PASS_TOKEN, '203.0.113.9')).toBe('ok');
    expect(fake.seen.at(-1)?.get('remoteip')).toBe('203.0.113.9');
    expect(fake.seen.at(-1)?.get('response')).toBe(PASS_TOKEN);
    expect(await verifyTurnstile(config(FAIL_SECRET), PASS_TOKEN, null)).toBe('failed');
    const before = fake.seen.length;
    expect(await verifyTurnstile(config(PASS_SECRET), undefined, null)).toBe('failed');
    expect(await verifyTurnstile(config(PASS_SECRET), 'x'.repeat(2049), null)).toBe('failed');
    expect(fake.seen.length).toBe(before); // no token: nothing to ask
    expect(await verifyTurnstile(config('wrong-secret'), PASS_TOKEN, null)).toBe('unavailable');
    expect(await verifyTurnstile(config(PASS_SECRET, 'http://127.0.0.1:9/siteverify'), PASS_TOKEN, null)).toBe('unavailable');
  });
});
