import 'server-only';
import { AppError } from '@/lib/errors';
import { consumeRateLimit, type RateLimitRule } from '@/lib/rate-limit/consume-rate-limit';

/**
 * Test sends are real WhatsApp messages to any number an admin types: a bounded number per
 * workspace, to protect the sender's quality rating and the workspace's bill. One rule and one
 * key for every kind of test send (template editor, campaign), so switching pages does not
 * double the allowance.
 */
export const TEST_SEND_RATE: RateLimitRule = { window: 60, max: 20 };

/** Counts one test send for the workspace; throws RATE_LIMITED (429) past the limit. */
export async function consumeTestSendQuota(workspaceId: string): Promise<void> {
  const limit = await consumeRateLimit(`send-test:${workspaceId}`, TEST_SEND_RATE);
  if (!limit.allowed) {
    throw new AppError('RATE_LIMITED', `Too many test messages; try again in ${limit.retryAfter} s.`, {
      retryAfterSeconds: limit.retryAfter ?? TEST_SEND_RATE.window,
    });
  }
}
