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
};

export default nextConfig;
