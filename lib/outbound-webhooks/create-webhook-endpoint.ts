import 'server-only';
import { randomBytes } from 'node:crypto';
import { getDb } from '@/db/client';
import { webhookEndpoints } from '@/db/schema';
import { encryptSecret } from '@/lib/crypto/secret-box';
import { parseInput } from '@/lib/errors';
import { assertPublicUrl } from './address-guard';
import { webhookEndpointFormSchema } from './schema';

export type CreatedWebhookEndpoint = { id: string; secret: string };

/**
 * Registers an endpoint. The signing secret is returned here once and stored encrypted: the
 * admin copies it now, and no page shows it again (a lost secret means a new endpoint).
 */
export async function createWebhookEndpoint(
  ctx: { workspaceId: string; userId: string | null },
  input: unknown,
): Promise<CreatedWebhookEndpoint> {
  const values = parseInput(webhookEndpointFormSchema, input);
  await assertPublicUrl(values.url);
  const secret = `whsec_${randomBytes(24).toString('base64url')}`;
  const db = await getDb();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      workspaceId: ctx.workspaceId,
      url: values.url,
      description: values.description || null,
      events: [...new Set(values.events)],
      secretEnc: encryptSecret(secret),
      createdByUserId: ctx.userId,
    })
    .returning({ id: webhookEndpoints.id });
  return { id: row.id, secret };
}
