// Every page request (not the API, not static files): a per-request CSP nonce that Next.js puts
// on its own scripts, and who may frame the page. Kept to headers only; guards stay in the doors.
import { randomBytes } from 'node:crypto';
import { NextResponse, type NextRequest } from 'next/server';
import { env } from '@/lib/env';
import { getLandingGate } from '@/lib/landing-pages/get-landing-frame-ancestors';
import { buildContentSecurityPolicy } from '@/lib/security/content-security-policy';

const LANDING_PAGE = /^\/lp\/([^/]+)\/?$/;

export async function proxy(request: NextRequest) {
  const nonce = randomBytes(16).toString('base64');
  const slug = LANDING_PAGE.exec(request.nextUrl.pathname)?.[1];
  const gate = slug ? await getLandingGate(slug) : { frameAncestors: "'none'", isArchived: false };
  const { frameAncestors } = gate;
  const csp = buildContentSecurityPolicy({ nonce, isDev: env().NODE_ENV === 'development', frameAncestors, allowTurnstile: Boolean(slug && env().turnstile) });

  // Next.js reads the nonce from the request's CSP header while it renders.
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('content-security-policy', csp);
  requestHeaders.set('x-nonce', nonce);
  // An archived landing page answers 410 (app/lp/[slug]/gone/route.ts): a page cannot set its status.
  const response = gate.isArchived
    ? NextResponse.rewrite(new URL(`/lp/${slug}/gone`, request.url), { request: { headers: requestHeaders } })
    : NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('content-security-policy', csp);
  // For browsers that predate frame-ancestors.
  if (frameAncestors === "'none'") response.headers.set('x-frame-options', 'DENY');
  return response;
}

export const config = {
  matcher: [
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico).*)',
      // Prefetches carry no HTML to protect; the navigation that follows gets its own nonce.
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
