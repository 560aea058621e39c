import 'server-only';
import http from 'node:http';
import https from 'node:https';
import { env } from '@/lib/env';
import { isAppError } from '@/lib/errors';
import { bodyTooLarge } from '@/lib/http/read-limited-body';
import { describeError, log } from '@/lib/log/logger';
import { MAX_WEBHOOK_BODY_BYTES } from './limits';
import { receiveWhatsAppWebhook } from './receive-whatsapp-webhook';

// POST /api/webhooks/whatsapp on a Node server (`next start`, `next dev`), answered before
// Next.js routes the request (docs/decisions/017-webhook-group-commit.md). Measured, Next's
// app-route pipeline (a web Request and its streams, the async contexts, the response piped
// back) cost about three quarters of the receiver's CPU per event; a webhook needs none of it.
// The door does what app/api/webhooks/whatsapp/route.ts does with the same functions: the body
// bounded while it streams (413), receiveWhatsAppWebhook (signature on the raw bytes first), 503
// when the database fails; the route stays the door on serverless hosts and in the tests.
// Installed from instrumentation.ts; every other request goes to Next untouched.

export const WEBHOOK_PATH = '/api/webhooks/whatsapp';

// The headers next.config.mjs gives every /api answer (kept equal by webhook-fast-door.test.ts).
export function webhookAnswerHeaders(isProduction: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    ...(isProduction ? { 'strict-transport-security': 'max-age=63072000; includeSubDomains' } : {}),
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  };
}

export function isWebhookPost(req: http.IncomingMessage): boolean {
  if (req.method !== 'POST' || !req.url) return false;
  return req.url === WEBHOOK_PATH || req.url.startsWith(`${WEBHOOK_PATH}?`);
}

function answer(res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    ...webhookAnswerHeaders(env().NODE_ENV === 'production'),
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  };
  res.writeHead(status, headers);
  res.end(text);
}

/** How long a refused upload may go on being read and dropped before its connection is cut. */
const DISCARD_FOR_MS = 5_000;

/**
 * Answers a refused upload at once, but ends the response (and so the connection) only once the
 * client has stopped sending, for a few seconds at most. Closing a socket with unread bytes in it
 * makes the kernel send a reset, which can take the answer with it before the client reads it
 * (a "lingering close", as web servers do it). The rest of the upload is read and dropped.
 */
function refuseUpload(req: http.IncomingMessage, res: http.ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...webhookAnswerHeaders(env().NODE_ENV === 'production'),
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    connection: 'close',
  });
  // With Content-Length, the whole answer is on the wire after this write.
  res.write(text);
  const end = () => {
    clearTimeout(timer);
    if (!res.writableEnded) res.end();
  };
  const timer = setTimeout(() => {
    end();
    req.socket.destroy();
  }, DISCARD_FOR_MS);
  timer.unref();
  req.once('end', end);
  req.once('error', end);
  req.resume();
}

/** The raw bytes, or a 413 as soon as more than MAX_WEBHOOK_BODY_BYTES are declared or arrive. */
function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared && /^\d+$/.test(declared.trim()) && Number(declared) > MAX_WEBHOOK_BODY_BYTES) {
    return Promise.reject(bodyTooLarge(MAX_WEBHOOK_BODY_BYTES));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_WEBHOOK_BODY_BYTES) {
        // Nothing past the limit is held: the rest is read and dropped (refuseUpload).
        req.off('data', onData);
        return reject(bodyTooLarge(MAX_WEBHOOK_BODY_BYTES));
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, total)));
    req.once('error', reject);
  });
}

export async function serveWebhookPost(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  let rawBody: Buffer;
  try {
    rawBody = await readBody(req);
  } catch (err) {
    if (isAppError(err)) return refuseUpload(req, res, err.httpStatus, { ok: false, error: err.message });
    return refuseUpload(req, res, 400, { ok: false, error: 'could not read the request body' });
  }
  try {
    const header = req.headers['x-hub-signature-256'];
    const receipt = await receiveWhatsAppWebhook({ rawBody, signature: typeof header === 'string' ? header : null });
    answer(res, receipt.status, receipt.body);
  } catch (err) {
    // Database unavailable and the like: 503 makes Meta retry later. Never log the body or secrets.
    log.error('whatsapp webhook: could not store event', describeError(err));
    answer(res, 503, { ok: false, error: 'temporarily unavailable' });
  }
}

const installed = globalThis as unknown as { __whatslabWebhookDoor?: boolean };

/** Serves webhook POSTs of every HTTP(S) server in this process before their 'request' listeners. */
export function installWebhookFastDoor(): void {
  if (installed.__whatslabWebhookDoor) return;
  installed.__whatslabWebhookDoor = true;
  for (const proto of [http.Server.prototype, https.Server.prototype]) {
    const original = proto.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
    proto.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === 'request' && isWebhookPost(args[0] as http.IncomingMessage)) {
        void serveWebhookPost(args[0] as http.IncomingMessage, args[1] as http.ServerResponse);
        return true;
      }
      return original.apply(this, [event, ...args]);
    } as typeof proto.emit;
  }
}
