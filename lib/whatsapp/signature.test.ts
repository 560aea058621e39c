import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from './signature';

describe('webhook signature', () => {
  const body = '{"object":"whatsapp_business_account","entry":[]}';
  const expected = 'sha256=dec6a680679a968e7e0319355b23599cbfc54502c0784668e9618baa0c633756';

  it('matches the vector in WHATSAPP.md', () => {
    expect(signWebhookBody(body, 'test_app_secret')).toBe(expected);
    expect(verifyWebhookSignature(body, expected, 'test_app_secret')).toBe(true);
    expect(verifyWebhookSignature(body, expected.toUpperCase().replace('SHA256', 'sha256'), 'test_app_secret')).toBe(true);
  });

  it('rejects a missing, malformed or wrong signature, another secret and a changed body', () => {
    expect(verifyWebhookSignature(body, null, 'test_app_secret')).toBe(false);
    expect(verifyWebhookSignature(body, 'dec6a680', 'test_app_secret')).toBe(false);
    expect(verifyWebhookSignature(body, expected.slice(0, -1) + '7', 'test_app_secret')).toBe(false);
    expect(verifyWebhookSignature(body, expected, 'other_secret')).toBe(false);
    expect(verifyWebhookSignature(body + ' ', expected, 'test_app_secret')).toBe(false);
    expect(verifyWebhookSignature(body, expected, '')).toBe(false);
  });

  it('signs the raw bytes, so escaped and unescaped JSON differ', () => {
    const escaped = '{"name":"Jo\\u00e3o"}';
    const plain = '{"name":"João"}';
    expect(signWebhookBody(escaped, 's')).not.toBe(signWebhookBody(plain, 's'));
    expect(verifyWebhookSignature(escaped, signWebhookBody(escaped, 's'), 's')).toBe(true);
  });
});
