import 'server-only';
import { eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { senderPhones } from '@/db/schema';
import { safeEqual } from '@/lib/crypto/secret-box';
import { env } from '@/lib/env';
import { sandboxWebhookVerifyToken } from '@/lib/whatsapp/fake/sandbox';

/**
 * Meta's subscription check: the challenge to echo when mode and token match, else null (403).
 * Any sender's verify token is accepted (one callback URL serves every workspace). The token is
 * shown to admins to paste into Meta's dashboard, so an indexed equality lookup is acceptable.
 */
export async function verifyWebhookSubscription(q: { mode: string | null; token: string | null; challenge: string | null }): Promise<string | null> {
  if (q.mode !== 'subscribe' || !q.token || !q.challenge || q.challenge.length > 256) return null;
  if (env().isSandboxEnabled && safeEqual(q.token, sandboxWebhookVerifyToken())) return q.challenge;
  const db = await getDb();
  const [row] = await db.select({ id: senderPhones.id }).from(senderPhones).where(eq(senderPhones.webhookVerifyToken, q.token)).limit(1);
  return row ? q.challenge : null;
}
