import 'server-only';
import { randomUUID } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { nextCookies } from 'better-auth/next-js';
import type { Db } from '@/db/client';
import { getDb } from '@/db/client';
import { accounts, authRateLimits, sessions, users, verifications } from '@/db/schema';
import { env } from '@/lib/env';
import { afterAuth, beforeAuth } from './auth-hooks';

// better-auth owns passwords (scrypt), sessions and their httpOnly cookies; see
// docs/decisions/002-auth-better-auth.md. Workspaces and roles are ours (lib/auth/session.ts).

function createAuth(db: Db) {
  const e = env();
  const port = e.PORT;
  return betterAuth({
    appName: 'WhatsLab',
    secret: e.authSecret,
    baseURL: e.appUrl,
    trustedOrigins: [e.appUrl, `http://localhost:${port}`, `http://127.0.0.1:${port}`],
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications, rateLimit: authRateLimits },
    }),
    emailAndPassword: { enabled: true, minPasswordLength: 8, maxPasswordLength: 128, autoSignIn: true },
    session: { expiresIn: 60 * 60 * 24 * 30, updateAge: 60 * 60 * 24 },
    // better-auth's own limiter keys on X-Forwarded-For as the client sends it and counts
    // successes; the app's limits (lib/auth/auth-hooks.ts) replace it on every way in.
    rateLimit: { enabled: false },
    hooks: { before: beforeAuth, after: afterAuth },
    advanced: {
      useSecureCookies: e.NODE_ENV === 'production' && e.appUrl.startsWith('https://'),
      database: { generateId: () => randomUUID() },
    },
    telemetry: { enabled: false },
    plugins: [nextCookies()],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const cache = globalThis as unknown as { __whatslabAuth?: { db: Db; auth: Auth } };

/** better-auth bound to the current database (rebuilt if tests swap the database). */
export async function getAuth(): Promise<Auth> {
  const db = await getDb();
  if (cache.__whatslabAuth?.db !== db) cache.__whatslabAuth = { db, auth: createAuth(db) };
  return cache.__whatslabAuth.auth;
}
