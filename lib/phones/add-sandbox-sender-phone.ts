import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db/client';
import { senderPhones } from '@/db/schema';
import { env } from '@/lib/env';
import { AppError, parseInput } from '@/lib/errors';
import { replyToResponse } from '@/lib/whatsapp/fake/fake-reply';
import { getSandbox, sandboxAccessToken, sandboxSenderPhoneValues, sandboxWabaId } from '@/lib/whatsapp/fake/sandbox';
import { checkPhoneCredentials, phoneNotVerified, verifiedColumns } from './check-phone-credentials';
import { isUniqueViolation, phoneNumberIdTaken } from './unique-phone-number-id';

export const addSandboxPhoneSchema = z.object({
  label: z.string().trim().min(1, 'Give this phone a name').max(80, 'At most 80 characters'),
});

/** The in-process sandbox as the Graph API: a check that needs no network and no running server. */
const sandboxFetch: typeof fetch = async (input, init) => replyToResponse(await getSandbox().handle(new Request(input, init)));

/**
 * Connects the built-in sandbox (development, when WHATSAPP_SANDBOX is on) as a sender of this
 * workspace, after the same connection check a Cloud API number gets. The sandbox is one number
 * per installation, so every workspace that adds it shares its simulated traffic.
 */
export async function addSandboxSenderPhone(workspaceId: string, input: unknown): Promise<{ id: string }> {
  if (!env().isSandboxEnabled) throw new AppError('FORBIDDEN', 'The sandbox is not enabled on this installation.');
  const { label } = parseInput(addSandboxPhoneSchema, input);
  const values = sandboxSenderPhoneValues(workspaceId, label);
  const db = await getDb();
  const [taken] = await db
    .select({ id: senderPhones.id })
    .from(senderPhones)
    .where(and(eq(senderPhones.workspaceId, workspaceId), eq(senderPhones.phoneNumberId, values.phoneNumberId)));
  if (taken) throw phoneNumberIdTaken();

  const check = await checkPhoneCredentials(
    { phoneNumberId: values.phoneNumberId, wabaId: sandboxWabaId(), accessToken: sandboxAccessToken(), apiBaseUrl: values.apiBaseUrl!, apiVersion: values.apiVersion! },
    { fetchImpl: sandboxFetch },
  );
  if (!check.ok) throw phoneNotVerified(check.failure);
  try {
    const [row] = await db
      .insert(senderPhones)
      .values({ ...values, status: 'active', ...verifiedColumns(check.details), lastVerifiedAt: sql`now()` })
      .returning({ id: senderPhones.id });
    return { id: row.id };
  } catch (err) {
    if (isUniqueViolation(err)) throw phoneNumberIdTaken();
    throw err;
  }
}
