import 'server-only';
import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { senderPhones } from '@/db/schema';
import { AppError } from '@/lib/errors';

/** What the edit form may know about a phone: never the secrets, only whether they are set. */
export type SenderPhoneForEdit = {
  id: string;
  label: string;
  provider: 'cloud_api' | 'sandbox';
  phoneNumberId: string;
  wabaId: string;
  webhookVerifyToken: string;
  rateLimitPerSecond: number;
  isActive: boolean;
  hasAccessToken: boolean;
  hasAppSecret: boolean;
};

export async function getSenderPhone(workspaceId: string, id: string): Promise<SenderPhoneForEdit> {
  const db = await getDb();
  const [row] = await db
    .select({
      id: senderPhones.id,
      label: senderPhones.label,
      provider: senderPhones.provider,
      phoneNumberId: senderPhones.phoneNumberId,
      wabaId: senderPhones.wabaId,
      webhookVerifyToken: senderPhones.webhookVerifyToken,
      rateLimitPerSecond: senderPhones.rateLimitPerSecond,
      isActive: senderPhones.isActive,
    })
    .from(senderPhones)
    .where(and(eq(senderPhones.workspaceId, workspaceId), eq(senderPhones.id, id)))
    .limit(1);
  if (!row) throw new AppError('NOT_FOUND', 'This phone does not exist in this workspace.');
  // Both columns are NOT NULL: a stored phone always has them.
  return { ...row, hasAccessToken: true, hasAppSecret: true };
}
