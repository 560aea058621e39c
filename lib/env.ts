import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

// The one place that reads process.env: parsed once, typed, and explained when wrong.

const flag = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['1', 'true', 'yes', 'on'].includes(v)));

/** Which hops of X-Forwarded-For to believe (lib/rate-limit/client-ip.ts; README "Behind a proxy"). */
export type TrustedProxies =
  | { kind: 'none' }
  | { kind: 'hops'; count: number }
  | { kind: 'ranges'; ranges: { address: string; prefix: number; family: 'ipv4' | 'ipv6' }[] };

function parseRange(item: string): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | null {
  const [address, prefixText, ...rest] = item.split('/');
  const version = isIP(address);
  if (rest.length > 0 || version === 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

// Empty: no proxy (the socket address is the client). A number: that many proxies in front.
// Otherwise a comma-separated list of proxy addresses or CIDR ranges.
const trustedProxies = z
  .string()
  .optional()
  .transform((raw, ctx): TrustedProxies => {
    const value = raw?.trim() ?? '';
    if (value === '') return { kind: 'none' };
    if (/^\d+$/.test(value)) {
      const count = Number(value);
      if (count > 10) ctx.addIssue({ code: 'custom', message: 'a hop count of at most 10' });
      return count === 0 ? { kind: 'none' } : { kind: 'hops', count };
    }
    const ranges = [];
    for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
      const range = parseRange(item);
      if (!range) ctx.addIssue({ code: 'custom', message: `"${item}" is neither an IP address nor a CIDR range` });
      else ranges.push(range);
    }
    return { kind: 'ranges', ranges };
  });

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().positive().default(3000),
  APP_URL: z.url().optional(),
  DATABASE_URL: z.string().min(1).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().positive().default(10),
  DATA_DIR: z.string().default('.data'),
  PGLITE_DIR: z.string().optional(),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => keyBytes(v)?.length === 32, 'ENCRYPTION_KEY must be 32 bytes as 64 hex characters or base64')
    .optional(),
  CRON_SECRET: z.string().min(16, 'CRON_SECRET must be at least 16 characters').optional(),
  WHATSAPP_API_BASE_URL: z.url().default('https://graph.facebook.com'),
  WHATSAPP_API_VERSION: z.string().regex(/^v\d+\.\d+$/, 'like v23.0').default('v23.0'),
  WHATSAPP_API_TIMEOUT_MS: z.coerce.number().int().positive().default(15000),
  WHATSAPP_SANDBOX: flag,
  // The sandbox (and the demo seed, whose sender is the sandbox) on a production server: a staging or CI deploy says so.
  WHATSAPP_SANDBOX_ALLOW_PRODUCTION: flag,
  WHATSAPP_SANDBOX_PHONE_NUMBER_ID: z.string().regex(/^\d+$/, 'digits only').optional(),
  WHATSAPP_SANDBOX_APP_SECRET: z.string().min(8).optional(),
  WHATSAPP_SANDBOX_LATENCY_MS: z.coerce.number().int().min(0).default(50),
  // `npm run fake-whatsapp`: the standalone fake Cloud API (scripts/fake-whatsapp.ts).
  FAKE_WHATSAPP_PORT: z.coerce.number().int().min(0).default(4010),
  DISPATCH_IN_PROCESS: flag,
  DISPATCH_KICK: z.enum(['drain', 'off']).optional(),
  DISPATCH_INTERVAL_MS: z.coerce.number().int().positive().default(500),
  DISPATCH_BATCH_SIZE: z.coerce.number().int().positive().default(200),
  DISPATCH_LEASE_SECONDS: z.coerce.number().int().positive().default(60),
  DISPATCH_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  // Sends in flight at once per dispatcher process (1,000 msg/s at 200 ms needs 200+).
  DISPATCH_CONCURRENCY: z.coerce.number().int().positive().default(256),
  // Share of each sender's configured rate actually used: room for network jitter before Meta counts.
  DISPATCH_RATE_HEADROOM: z.coerce.number().min(0.5).max(1).default(0.965),
  // WhatsApp's pair rate limit: at most one message to the same recipient per this many ms.
  DISPATCH_PAIR_INTERVAL_MS: z.coerce.number().int().min(0).default(6000),
  // Retry backoff: base * 2^(attempt-1) with jitter, capped; Meta's retry hints win when longer.
  DISPATCH_RETRY_BASE_MS: z.coerce.number().int().positive().default(2000),
  DISPATCH_RETRY_MAX_MS: z.coerce.number().int().positive().default(15 * 60 * 1000),
  // How far a message is pushed while its sender or campaign is paused (no attempt counted).
  DISPATCH_HOLD_MS: z.coerce.number().int().positive().default(30_000),
  // How long a sender stays paused after Meta flags it (131048, 368, 131031) unless Meta hints longer.
  DISPATCH_SENDER_PAUSE_MS: z.coerce.number().int().positive().default(60 * 60 * 1000),
  // Time budget of one /api/cron/dispatch call (serverless functions are cut off after ~30-60 s).
  DISPATCH_CRON_BUDGET_MS: z.coerce.number().int().positive().default(25_000),
  SEED_DEMO: flag,
  // Outbound webhooks may call loopback/private/link-local addresses (docs/webhooks.md): on by
  // default only outside production, for local receivers in development and tests.
  OUTBOUND_WEBHOOKS_ALLOW_PRIVATE: flag,
  TRUSTED_PROXIES: trustedProxies,
  // Set by Vercel on its functions: the client address then comes from Vercel's own header.
  VERCEL: z.string().optional(),
  TEST_DATABASE_URL: z.string().min(1).optional(),
  // Landing-page forms submitted sooner than this after rendering are treated as bots (lib/leadgen/form-token.ts).
  LEADGEN_MIN_FILL_MS: z.coerce.number().int().min(0).default(2500),
  // GraphQL requests per key (or member session) per minute, counted in PostgreSQL. Raised only
  // for the benchmark's own server (bench/graphql.ts), which would otherwise measure 429s.
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  // Cloudflare Turnstile on landing-page forms: on only when both keys are set (lib/leadgen/verify-turnstile.ts).
  TURNSTILE_SITE_KEY: z.string().regex(/^[\w-]{1,100}$/, 'a Turnstile site key').optional(),
  TURNSTILE_SECRET_KEY: z.string().min(1).optional(),
  TURNSTILE_VERIFY_URL: z.url().default('https://challenges.cloudflare.com/turnstile/v0/siteverify'),
  TURNSTILE_TIMEOUT_MS: z.coerce.number().int().positive().default(5000),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type Env = z.infer<typeof schema> & {
  databaseDriver: 'pglite' | 'postgres';
  pgliteDir: string;
  appUrl: string;
  isSandboxEnabled: boolean;
  isDispatchInProcess: boolean;
  /** 'drain': a door that queued a message drains the queue in after() (serverless, no loop anywhere). */
  dispatchKick: 'drain' | 'off';
  isDemoSeedEnabled: boolean;
  isOutboundPrivateAllowed: boolean;
  isVercel: boolean;
  turnstile: { siteKey: string; secretKey: string; verifyUrl: string; timeoutMs: number } | null;
  authSecret: string;
  encryptionKey: Buffer;
  cronSecret: string;
  sandboxPhoneNumberId: string;
  sandboxAppSecret: string;
};

export function keyBytes(value: string): Buffer | null {
  if (/^[0-9a-f]{64}$/i.test(value)) return Buffer.from(value, 'hex');
  try {
    const b = Buffer.from(value, 'base64');
    return b.length === 32 ? b : null;
  } catch {
    return null;
  }
}

type GeneratedSecrets = {
  AUTH_SECRET: string;
  ENCRYPTION_KEY: string;
  CRON_SECRET: string;
};

// With the embedded database a fresh clone must just run, so secrets are made once and kept
// beside the data they protect. A server deploy must bring its own (see loadEnv).
function loadOrCreateLocalSecrets(dataDir: string): GeneratedSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8')) as GeneratedSecrets;
  }
  const secrets: GeneratedSecrets = {
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    CRON_SECRET: randomBytes(24).toString('base64url'),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600, flag: 'wx' });
  return secrets;
}

/**
 * On a production server the sandbox answers every send as delivered (nothing reaches a real
 * phone) and the demo seed creates an owner with a published password: both are refused unless
 * the deploy declares itself a sandbox one (staging, CI), and then they are announced loudly.
 */
function checkSandboxInProduction(p: { isSandboxEnabled: boolean; isDemoSeedEnabled: boolean; isAllowed: boolean }): void {
  const on = [p.isSandboxEnabled && 'WHATSAPP_SANDBOX', p.isDemoSeedEnabled && 'SEED_DEMO'].filter((x): x is string => !!x);
  if (on.length === 0) return;
  if (!p.isAllowed) {
    throw new Error(
      `${on.join(' and ')} ${on.length > 1 ? 'are' : 'is'} not allowed in production with DATABASE_URL: ` +
        'the sandbox fakes every WhatsApp send and the demo owner has a published password. ' +
        'Unset it, or set WHATSAPP_SANDBOX_ALLOW_PRODUCTION=1 for a staging or CI deploy.',
    );
  }
  console.error(
    `[whatslab] WARNING: ${on.join(' and ')} enabled in production (WHATSAPP_SANDBOX_ALLOW_PRODUCTION=1): ` +
      'no message reaches WhatsApp and the demo sign-in is public. Never do this on a real deploy.',
  );
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const databaseDriver = e.DATABASE_URL ? 'postgres' : 'pglite';
  const isProductionServer = databaseDriver === 'postgres' && e.NODE_ENV === 'production';

  if (isProductionServer) {
    const missing = (['AUTH_SECRET', 'ENCRYPTION_KEY', 'CRON_SECRET'] as const).filter((k) => !e[k]);
    if (missing.length > 0) {
      throw new Error(
        `Missing required configuration for production: ${missing.join(', ')}. ` +
          'Generate each with `openssl rand -hex 32` and set it in the environment.',
      );
    }
  }
  const needsLocal = !e.AUTH_SECRET || !e.ENCRYPTION_KEY || !e.CRON_SECRET;
  const local = needsLocal && !isProductionServer ? loadOrCreateLocalSecrets(e.DATA_DIR) : undefined;
  const pick = (k: keyof GeneratedSecrets): string => e[k] ?? local?.[k] ?? '';

  const authSecret = pick('AUTH_SECRET');
  // The sandbox's ids are derived from AUTH_SECRET unless fixed, so they are stable per install.
  const derived = (purpose: string) => createHmac('sha256', authSecret).update(`whatslab-sandbox:${purpose}`).digest();
  const isSandboxEnabled = e.WHATSAPP_SANDBOX ?? databaseDriver === 'pglite';
  const isDemoSeedEnabled = e.SEED_DEMO ?? databaseDriver === 'pglite';
  if (isProductionServer) checkSandboxInProduction({ isSandboxEnabled, isDemoSeedEnabled, isAllowed: e.WHATSAPP_SANDBOX_ALLOW_PRODUCTION === true });
  return {
    ...e,
    databaseDriver,
    pgliteDir: e.PGLITE_DIR ?? path.join(e.DATA_DIR, 'pglite'),
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    isSandboxEnabled,
    isDispatchInProcess: e.DISPATCH_IN_PROCESS ?? databaseDriver === 'pglite',
    dispatchKick: e.DISPATCH_KICK ?? (e.VERCEL ? 'drain' : 'off'),
    isDemoSeedEnabled,
    isOutboundPrivateAllowed: e.OUTBOUND_WEBHOOKS_ALLOW_PRIVATE ?? e.NODE_ENV !== 'production',
    isVercel: Boolean(e.VERCEL),
    turnstile:
      e.TURNSTILE_SITE_KEY && e.TURNSTILE_SECRET_KEY
        ? { siteKey: e.TURNSTILE_SITE_KEY, secretKey: e.TURNSTILE_SECRET_KEY, verifyUrl: e.TURNSTILE_VERIFY_URL, timeoutMs: e.TURNSTILE_TIMEOUT_MS }
        : null,
    authSecret,
    encryptionKey: keyBytes(pick('ENCRYPTION_KEY')) ?? Buffer.alloc(0),
    cronSecret: pick('CRON_SECRET'),
    sandboxPhoneNumberId:
      e.WHATSAPP_SANDBOX_PHONE_NUMBER_ID ?? String(100000000000000n + (derived('phone-number-id').readBigUInt64BE(0) % 899999999999999n)),
    sandboxAppSecret: e.WHATSAPP_SANDBOX_APP_SECRET ?? derived('app-secret').toString('hex').slice(0, 32),
  };
}

const globalEnv = globalThis as unknown as { __whatslabEnv?: Env };

/** The parsed configuration of this process (parsed on first use). */
export function env(): Env {
  globalEnv.__whatslabEnv ??= loadEnv();
  return globalEnv.__whatslabEnv;
}

/** Tests and scripts that change process.env call this to parse it again. */
export function resetEnvForTests(): void {
  globalEnv.__whatslabEnv = undefined;
}

/** Tests: set some variables (unset with undefined) and parse again; the returned function puts them back. */
export function overrideEnvForTests(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvForTests();
  };
  apply(vars);
  return () => apply(saved);
}
