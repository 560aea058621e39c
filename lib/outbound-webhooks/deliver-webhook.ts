import 'server-only';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { env } from '@/lib/env';
import { guardedLookup, hostOf, isBlockedAddress } from './address-guard';
import { SIGNATURE_HEADER, signWebhookBody } from './sign-payload';

export type DeliveryRequest = { url: string; secret: string; eventId: string; eventType: string; body: string; timeoutMs: number };
export type DeliveryResponse = { ok: boolean; statusCode: number | null; durationMs: number; error: string | null };

/** What we keep of an answer that is not 2xx: enough to tell the admin why, never a whole page. */
const MAX_ERROR_BODY = 300;

/**
 * One signed POST to an endpoint. 2xx is success; anything else (including redirects, which we
 * do not follow: a redirect could lead to a private address) is a failure with its reason.
 * With private addresses refused (production), every connection goes through guardedLookup,
 * and an IP-literal host is checked here since Node connects to those without a lookup.
 */
export function deliverWebhook(req: DeliveryRequest): Promise<DeliveryResponse> {
  const started = Date.now();
  const done = (ok: boolean, statusCode: number | null, error: string | null): DeliveryResponse => ({
    ok,
    statusCode,
    durationMs: Date.now() - started,
    error,
  });
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return Promise.resolve(done(false, null, 'invalid URL'));
  }
  const isGuarded = !env().isOutboundPrivateAllowed;
  const host = hostOf(url);
  if (isGuarded && isIP(host) && isBlockedAddress(host)) {
    return Promise.resolve(done(false, null, `refused: ${host} is a private or local address`));
  }
  const timestamp = Math.floor(Date.now() / 1000);
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let isSettled = false;
    const settle = (r: DeliveryResponse) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(deadline);
      resolve(r);
    };
    const request = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(req.body),
          'user-agent': 'WhatsLab-Webhooks/1',
          [SIGNATURE_HEADER]: signWebhookBody(req.secret, timestamp, req.body),
          'WhatsLab-Event-Id': req.eventId,
          'WhatsLab-Event-Type': req.eventType,
        },
        timeout: req.timeoutMs,
        agent: false,
        ...(isGuarded ? { lookup: guardedLookup } : {}),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        let text = '';
        res.setEncoding('utf8');
        const finish = () => {
          if (status >= 200 && status < 300) return settle(done(true, status, null));
          const snippet = text.replace(/\s+/g, ' ').trim().slice(0, MAX_ERROR_BODY);
          settle(done(false, status, `HTTP ${status}${snippet ? `: ${snippet}` : ''}`));
        };
        res.on('data', (chunk: string) => {
          text += chunk;
          // The status is the answer; the rest of a long body is not worth waiting for.
          if (text.length >= MAX_ERROR_BODY) {
            finish();
            res.destroy();
          }
        });
        res.on('end', finish);
        res.on('error', (err) => settle(done(false, status, `response error: ${err.message}`)));
      },
    );
    // `timeout` is per idle socket; this bounds the whole exchange (a receiver dripping bytes).
    const deadline = setTimeout(() => request.destroy(new Error(`no answer within ${req.timeoutMs} ms`)), req.timeoutMs);
    request.on('timeout', () => request.destroy(new Error(`no answer within ${req.timeoutMs} ms`)));
    request.on('error', (err) => settle(done(false, null, err.message)));
    request.end(req.body);
  });
}
