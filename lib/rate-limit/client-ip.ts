import 'server-only';

// Next's route handlers do not expose the socket address, so the client IP comes from the
// proxy's header (Vercel and any reverse proxy set X-Forwarded-For). Without a proxy a client
// could forge it, which is why limits are also keyed by what is being attacked (email, slug).
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip') || 'unknown';
}
