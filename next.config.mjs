const isProduction = process.env.NODE_ENV === 'production';

// Headers for every answer; pages also get a Content Security Policy with a fresh nonce from
// proxy.ts (docs/decisions/009-security-headers-and-sandbox-in-production.md).
const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // Browsers ignore it over plain http (a local `npm start`); behind https it pins https.
  ...(isProduction ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }] : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Lets several builds (parallel e2e runs, CI beside a dev server) live side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // PGlite ships a WASM build and resolves files relative to its own module URL; bundling it
  // breaks that (every request fails with "URL path argument"), so Node loads it as-is.
  serverExternalPackages: ['@electric-sql/pglite', 'postgres'],
  // `next dev` on 127.0.0.1 blocks its own dev resources otherwise and pages never hydrate.
  allowedDevOrigins: ['127.0.0.1', 'localhost'],
  poweredByHeader: false,
  // Migrations are applied at start, so serverless bundles must carry the SQL files.
  outputFileTracingIncludes: { '/**': ['./drizzle/**'] },
  async headers() {
    return [
      { source: '/:path*', headers: SECURITY_HEADERS },
      // JSON, CSV and the sandbox: nothing to run, nothing to frame.
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
