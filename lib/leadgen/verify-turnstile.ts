import 'server-only';
import { log } from '@/lib/log/logger';

// Cloudflare Turnstile (optional; on only when both keys are configured). The widget on the page
// puts a token in the form field below; the server asks Cloudflare's siteverify whether it is good.
export const TURNSTILE_FIELD = 'cf-turnstile-response';

export type TurnstileConfig = { secretKey: string; verifyUrl: string; timeoutMs: number };
export type TurnstileVerdict = 'ok' | 'failed' | 'unavailable';

/**
 * siteverify's answer for this token: 'failed' (a bot, or no token), or 'unavailable' when
 * Cloudflare could not be asked (network, timeout, 5xx). The caller lets 'unavailable' through:
 * an outage at Cloudflare must not turn every visitor away, and the honeypot, fill time and
 * rate limits still apply.
 */
export async function verifyTurnstile(config: TurnstileConfig, token: string | undefined, remoteIp: string | null): Promise<TurnstileVerdict> {
  // Tokens are at most 2048 characters (Cloudflare's documentation).
  if (!token || token.length > 2048) return 'failed';
  const form = new URLSearchParams({ secret: config.secretKey, response: token });
  if (remoteIp && remoteIp !== 'unknown') form.set('remoteip', remoteIp);
  try {
    const res = await fetch(config.verifyUrl, { method: 'POST', body: form, signal: AbortSignal.timeout(config.timeoutMs) });
    if (res.status >= 500) throw new Error(`siteverify answered ${res.status}`);
    const body = (await res.json()) as { success?: unknown; 'error-codes'?: unknown };
    if (body.success === true) return 'ok';
    const codes = Array.isArray(body['error-codes']) ? body['error-codes'] : [];
    // Our own configuration is wrong: say so loudly, and do not blame the visitor.
    if (codes.includes('invalid-input-secret') || codes.includes('missing-input-secret')) {
      log.error('Turnstile secret key refused by Cloudflare: check TURNSTILE_SECRET_KEY', { codes });
      return 'unavailable';
    }
    return 'failed';
  } catch (err) {
    log.warn('Turnstile siteverify unavailable; submission let through to the other spam checks', { error: err instanceof Error ? err.message : String(err) });
    return 'unavailable';
  }
}
