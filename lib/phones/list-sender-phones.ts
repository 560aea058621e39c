import 'server-only';
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { senderPhones, type SenderStatus } from '@/db/schema';

// Explicit columns only: the encrypted access token and app secret never leave the database
// through this module, not even as ciphertext.
export type SenderPhoneListRow = {
  id: string;
  label: string;
  provider: 'cloud_api' | 'sandbox';
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string | null;
  verifiedName: string | null;
  qualityRating: string | null;
  webhookVerifyToken: string;
  status: SenderStatus;
  statusReason: string | null;
  pausedUntil: Date | null;
  rateLimitPerSecond: number;
  isActive: boolean;
  lastVerifiedAt: Date | null;
  /** The last "Verify connection" answer: throughput level, or the failure code and Meta's words. */
  verification: Record<string, unknown> | null;
  createdAt: Date;
};

/** A workspace's sender phones, oldest first. */
export async function listSenderPhones(workspaceId: string): Promise<SenderPhoneListRow[]> {
  const db = await getDb();
  return db
    .select({
      id: senderPhones.id,
      label: senderPhones.label,
      provider: senderPhones.provider,
      phoneNumberId: senderPhones.phoneNumberId,
      wabaId: senderPhones.wabaId,
      displayPhoneNumber: senderPhones.displayPhoneNumber,
      verifiedName: senderPhones.verifiedName,
      qualityRating: senderPhones.qualityRating,
      webhookVerifyToken: senderPhones.webhookVerifyToken,
      status: senderPhones.status,
      statusReason: senderPhones.statusReason,
      pausedUntil: senderPhones.pausedUntil,
      rateLimitPerSecond: senderPhones.rateLimitPerSecond,
      isActive: senderPhones.isActive,
      lastVerifiedAt: senderPhones.lastVerifiedAt,
      verification: senderPhones.verification,
      createdAt: senderPhones.createdAt,
    })
    .from(senderPhones)
    .where(eq(senderPhones.workspaceId, workspaceId))
    .orderBy(asc(senderPhones.createdAt));
}
