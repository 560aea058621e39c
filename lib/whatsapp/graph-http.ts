import 'server-only';
import { env } from '@/lib/env';
import { classifyError } from './classify-error';
import type { ApiError, GraphResult, SenderCredentials } from './types';

// The one place that talks HTTP to the Graph API: timeout, error body parsing, and telling
// "never left this machine" apart from "may have reached Meta".

export type GraphCallOptions = { timeoutMs?: number; fetchImpl?: typeof fetch };

export type GraphHttpOutcome =
  | { kind: 'response'; status: number; json: unknown }
  | { kind: 'not_sent'; reason: string }
  | { kind: 'unknown'; reason: string };

// Errors raised while connecting: the request was never written, so repeating it is safe.
const CONNECT_PHASE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export function graphUrl(creds: SenderCredentials, path: string): string {
  return `${creds.apiBaseUrl.replace(/\/+$/, '')}/${creds.apiVersion}/${path.replace(/^\/+/, '')}`;
}

function errorCodes(err: unknown): string[] {
  const codes: string[] = [];
  let cur: unknown = err;
  for (let depth = 0; cur && depth < 5; depth++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string') codes.push(c);
    const errors = (cur as { errors?: unknown }).errors; // AggregateError (happy eyeballs)
    if (Array.isArray(errors)) codes.push(...errors.flatMap((e) => errorCodes(e)));
    cur = (cur as { cause?: unknown }).cause;
  }
  return codes;
}

/** fetch() threw: decide whether the request could have reached the server. */
export function classifyFetchFailure(err: unknown): { kind: 'not_sent' | 'unknown'; reason: string } {
  const name = (err as { name?: string })?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'unknown', reason: 'timeout' };
  const codes = errorCodes(err);
  const connectCode = codes.find((c) => CONNECT_PHASE_CODES.has(c));
  if (connectCode && codes.every((c) => CONNECT_PHASE_CODES.has(c) || c.startsWith('UND_ERR_CONNECT'))) {
    return { kind: 'not_sent', reason: connectCode };
  }
  // Socket reset, "other side closed", anything else: the request may have been written.
  return { kind: 'unknown', reason: codes[0] ?? (err instanceof Error ? err.message : 'network error') };
}

export async function graphFetch(
  url: string,
  init: { method: 'GET' | 'POST'; accessToken: string; body?: unknown },
  opts: GraphCallOptions = {},
): Promise<GraphHttpOutcome> {
  const fetchImpl = opts.fetchImpl ?? fetch;
  const timeoutMs = opts.timeoutMs ?? env().WHATSAPP_API_TIMEOUT_MS;
  try {
    const res = await fetchImpl(url, {
      method: init.method,
      headers: {
        authorization: `Bearer ${init.accessToken}`,
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    // Reading the body is still under the same timeout signal.
    const text = await res.text();
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { kind: 'response', status: res.status, json };
  } catch (err) {
    return classifyFetchFailure(err);
  }
}

/** Meta's `{"error":{...}}` body, or null when the body is not one. */
export function parseApiError(httpStatus: number, json: unknown): ApiError | null {
  const e = (json as { error?: Record<string, unknown> } | undefined)?.error;
  if (!e || typeof e !== 'object' || typeof e.code !== 'number') return null;
  const data = e.error_data as { details?: unknown } | undefined;
  return {
    httpStatus,
    code: e.code,
    subcode: typeof e.error_subcode === 'number' ? e.error_subcode : undefined,
    type: typeof e.type === 'string' ? e.type : undefined,
    message: typeof e.message === 'string' ? e.message : 'Unknown error',
    details: typeof data?.details === 'string' ? data.details : undefined,
    fbtraceId: typeof e.fbtrace_id === 'string' ? e.fbtrace_id : undefined,
  };
}

/** Maps an HTTP answer that is not a success to a GraphResult failure (see send-message.ts for why). */
export function failureFromResponse(status: number, json: unknown): Exclude<GraphResult<never>, { ok: true }> {
  const error = parseApiError(status, json);
  if (error) {
    const { decision, retryAfterMs } = classifyError(error.code, error.subcode);
    return { ok: false, outcome: 'rejected', error, decision, retryAfterMs };
  }
  if (status >= 500) return { ok: false, outcome: 'unknown', reason: `HTTP ${status} without a Graph API error body` };
  // A 4xx from something in front of Meta (proxy, wrong base URL): the request was refused
  // before being processed, so nothing was accepted.
  const isRateLimit = status === 429;
  return {
    ok: false,
    outcome: 'rejected',
    error: { httpStatus: status, code: -1, message: `HTTP ${status} without a Graph API error body` },
    decision: isRateLimit ? 'backoff_sender' : status === 408 ? 'retry' : 'give_up',
    retryAfterMs: isRateLimit ? 60_000 : status === 408 ? 5_000 : 0,
  };
}

export async function graphGet<T>(
  creds: SenderCredentials,
  url: string,
  opts: GraphCallOptions = {},
): Promise<GraphResult<T>> {
  const out = await graphFetch(url, { method: 'GET', accessToken: creds.accessToken }, opts);
  if (out.kind !== 'response') return { ok: false, outcome: out.kind, reason: out.reason };
  if (out.status >= 200 && out.status < 300 && out.json !== undefined && !parseApiError(out.status, out.json)) {
    return { ok: true, data: out.json as T };
  }
  return failureFromResponse(out.status, out.json);
}
