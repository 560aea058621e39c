import 'server-only';
import { failureFromResponse, graphFetch, graphUrl, parseApiError, type GraphCallOptions } from './graph-http';
import type { GraphResult, SenderCredentials } from './types';

/** Marks an inbound message as read (blue ticks for the user). */
export async function markAsRead(
  creds: SenderCredentials,
  providerMessageId: string,
  opts: GraphCallOptions = {},
): Promise<GraphResult<{ success: boolean }>> {
  const out = await graphFetch(
    graphUrl(creds, `${creds.phoneNumberId}/messages`),
    {
      method: 'POST',
      accessToken: creds.accessToken,
      body: { messaging_product: 'whatsapp', status: 'read', message_id: providerMessageId },
    },
    opts,
  );
  if (out.kind !== 'response') return { ok: false, outcome: out.kind, reason: out.reason };
  if (out.status >= 200 && out.status < 300 && !parseApiError(out.status, out.json)) {
    return { ok: true, data: { success: (out.json as { success?: boolean } | undefined)?.success === true } };
  }
  return failureFromResponse(out.status, out.json);
}
