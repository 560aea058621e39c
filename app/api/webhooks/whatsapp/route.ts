// GET/POST /api/webhooks/whatsapp - Meta's subscription check, and status and inbound message events
// (on a Node server, POSTs are answered before Next routes them by lib/webhooks/webhook-fast-door.ts,
// with the same steps; this handler serves them on serverless hosts and in the tests)
import type { NextRequest } from 'next/server';
import { describeError, log } from '@/lib/log/logger';
import { isAppError } from '@/lib/errors';
import { BodyTooLargeError, readLimitedBody, refusedUploadResponse } from '@/lib/http/read-limited-body';
import { MAX_WEBHOOK_BODY_BYTES } from '@/lib/webhooks/limits';
import { receiveWhatsAppWebhook } from '@/lib/webhooks/receive-whatsapp-webhook';
import { verifyWebhookSubscription } from '@/lib/webhooks/verify-webhook-subscription';
import { SIGNATURE_HEADER } from '@/lib/whatsapp/signature';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export async function GET(req: NextRequest) {
  const p = req.nextUrl.searchParams;
  const challenge = await verifyWebhookSubscription({ mode: p.get('hub.mode'), token: p.get('hub.verify_token'), challenge: p.get('hub.challenge') });
  if (challenge === null) return new Response('Forbidden', { status: 403 });
  return new Response(challenge, { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

export async function POST(req: NextRequest) {
  // The exact bytes Meta signed, cut off (413) as soon as they pass the limit while streaming.
  let rawBody: Buffer;
  try {
    rawBody = await readLimitedBody(req, MAX_WEBHOOK_BODY_BYTES);
  } catch (err) {
    // Answered at once; the answer ends when the rest of the upload has been read and dropped.
    if (err instanceof BodyTooLargeError) return refusedUploadResponse(err, { ok: false, error: err.message });
    if (isAppError(err)) return Response.json({ ok: false, error: err.message }, { status: err.httpStatus });
    return Response.json({ ok: false, error: 'could not read the request body' }, { status: 400 });
  }
  try {
    const receipt = await receiveWhatsAppWebhook({ rawBody, signature: req.headers.get(SIGNATURE_HEADER) });
    return Response.json(receipt.body, { status: receipt.status });
  } catch (err) {
    // Database unavailable and the like: 503 makes Meta retry later. Never log the body or secrets.
    log.error('whatsapp webhook: could not store event', describeError(err));
    return Response.json({ ok: false, error: 'temporarily unavailable' }, { status: 503 });
  }
}
