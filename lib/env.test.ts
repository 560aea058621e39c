import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadEnv } from './env';

// A production server: PostgreSQL, NODE_ENV=production and its required secrets.
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://whatslab@db.example.com:5432/whatslab',
  AUTH_SECRET: 'a'.repeat(64),
  ENCRYPTION_KEY: 'b'.repeat(64),
  CRON_SECRET: 'c'.repeat(32),
} as const;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the sandbox in production', () => {
  it('is refused on a production server, alone or with the demo seed, naming the way out', () => {
    expect(() => loadEnv({ ...PRODUCTION, WHATSAPP_SANDBOX: '1' })).toThrow(/WHATSAPP_SANDBOX is not allowed in production.*WHATSAPP_SANDBOX_ALLOW_PRODUCTION=1/);
    expect(() => loadEnv({ ...PRODUCTION, SEED_DEMO: '1' })).toThrow(/SEED_DEMO is not allowed in production/);
    expect(() => loadEnv({ ...PRODUCTION, WHATSAPP_SANDBOX: 'true', SEED_DEMO: '1', WHATSAPP_SANDBOX_ALLOW_PRODUCTION: '0' })).toThrow(
      /WHATSAPP_SANDBOX and SEED_DEMO are not allowed/,
    );
  });

  it('runs when the deploy allows it, with a loud warning', () => {
    const warn = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const e = loadEnv({ ...PRODUCTION, WHATSAPP_SANDBOX: '1', SEED_DEMO: '1', WHATSAPP_SANDBOX_ALLOW_PRODUCTION: '1' });
    expect(e.isSandboxEnabled).toBe(true);
    expect(e.isDemoSeedEnabled).toBe(true);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/WARNING: WHATSAPP_SANDBOX and SEED_DEMO enabled in production/));
  });

  it('changes nothing off by default in production, nor in development or on the embedded database', () => {
    const warn = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(loadEnv({ ...PRODUCTION }).isSandboxEnabled).toBe(false);
    expect(loadEnv({ ...PRODUCTION, NODE_ENV: 'development', WHATSAPP_SANDBOX: '1', SEED_DEMO: '1' }).isSandboxEnabled).toBe(true);
    // The embedded database in production (a laptop running `npm start`) keeps its sandbox.
    const { DATABASE_URL: _url, ...embedded } = PRODUCTION;
    void _url;
    expect(loadEnv({ ...embedded, WHATSAPP_SANDBOX: '1' }).isSandboxEnabled).toBe(true);
    expect(warn).not.toHaveBeenCalled();
  });
});
