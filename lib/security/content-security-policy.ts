// The Content Security Policy of every page (sent by proxy.ts with a fresh nonce per request).
// Scripts run only with the nonce Next.js puts on its own tags ('strict-dynamic' lets those load
// their chunks); nothing is framed unless a landing page allows it.

export type CspOptions = {
  nonce: string;
  /** `next dev`: React's debugging needs eval, the dev overlay inline styles, HMR a websocket. */
  isDev: boolean;
  /** frame-ancestors sources: "'none'" for the admin, a landing page's own setting on /lp/<slug>. */
  frameAncestors: string;
  /** A landing page with Cloudflare Turnstile: its widget is an iframe from challenges.cloudflare.com. */
  allowTurnstile?: boolean;
};

const TURNSTILE_ORIGIN = 'https://challenges.cloudflare.com';

export function buildContentSecurityPolicy({ nonce, isDev, frameAncestors, allowTurnstile = false }: CspOptions): string {
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    ['script-src', `'self' 'nonce-${nonce}' 'strict-dynamic'${isDev ? " 'unsafe-eval'" : ''}`],
    // <style> elements need the nonce; style="" attributes (react-bootstrap's transitions and
    // positioned menus, a few of our own) cannot carry one, so attributes alone are allowed.
    ['style-src', isDev ? "'self' 'unsafe-inline'" : `'self' 'nonce-${nonce}'`],
    ['style-src-attr', "'unsafe-inline'"],
    ['img-src', "'self' data: blob:"],
    ['font-src', "'self' data:"],
    // The CSV import wizard parses in a Web Worker.
    ['worker-src', "'self' blob:"],
    ['connect-src', `${isDev ? "'self' ws: wss:" : "'self'"}${allowTurnstile ? ` ${TURNSTILE_ORIGIN}` : ''}`],
    // The nonce'd Turnstile script ('strict-dynamic') draws its widget in a frame from Cloudflare.
    ...(allowTurnstile ? ([['frame-src', `'self' ${TURNSTILE_ORIGIN}`]] as [string, string][]) : []),
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', frameAncestors],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}
