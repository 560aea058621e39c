import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './e2e/browser';

// The app runs as `next start` (built once) on its own port and data directory, with the
// embedded database by default or DATABASE_URL when set (CI runs both).
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://localhost:${PORT}`;
const DATA_DIR = process.env.E2E_DATA_DIR ?? '.data/e2e';
/** The server's output is also kept here: e2e/malformed-values.spec.ts checks what it logged. */
export const SERVER_LOG = `${DATA_DIR}-server.log`;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  // CI runs a second pass (PostgreSQL) beside the first: each keeps its own results.
  outputDir: process.env.E2E_OUTPUT_DIR ?? 'test-results',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: BASE_URL,
    trace: 'on-first-retry',
    launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS },
  },
  projects: [
    // E2E_SKIP_MARKUP=1 (CI's PostgreSQL pass) leaves out the @markup tests. Set here rather than
    // with --grep-invert, which a dependency project (see "bulk") ignores.
    {
      name: 'chromium',
      use: { ...devices['Desktop Chrome'] },
      testIgnore: '**/broadcast-10k.spec.ts',
      ...(process.env.E2E_SKIP_MARKUP === '1' ? { grepInvert: /@markup/ } : {}),
    },
    // After every other spec: it leaves the demo workspace with 10,000 more leads (PostgreSQL run only).
    { name: 'bulk', use: { ...devices['Desktop Chrome'] }, testMatch: '**/broadcast-10k.spec.ts', dependencies: ['chromium'] },
  ],
  webServer: {
    command: `rm -rf ${DATA_DIR} ${SERVER_LOG} && mkdir -p "$(dirname ${SERVER_LOG})" && npx next start -p ${PORT} 2>&1 | tee ${SERVER_LOG}`,
    url: `${BASE_URL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(PORT),
      APP_URL: BASE_URL,
      DATA_DIR,
      SEED_DEMO: '1',
      WHATSAPP_SANDBOX: '1',
      // CI runs this production build on the PostgreSQL server too, where the sandbox and the demo
      // seed are refused unless the deploy says it is a sandbox one (lib/env.ts).
      WHATSAPP_SANDBOX_ALLOW_PRODUCTION: '1',
      DISPATCH_IN_PROCESS: '1',
      WHATSAPP_SANDBOX_LATENCY_MS: '20',
      LOG_LEVEL: 'warn',
      // Browsers driven by tests fill forms in milliseconds; the fill-time rule is covered by lib/leadgen tests.
      LEADGEN_MIN_FILL_MS: '0',
      // As if behind a proxy on this machine: fixtures may then name the client in
      // X-Forwarded-For (e2e/fixtures.ts). e2e/client-address.spec.ts starts servers without it.
      TRUSTED_PROXIES: '127.0.0.1/32,::1/128',
      // Cloud API senders added in e2e reach the fake that e2e/phones-messages.spec.ts serves on PORT + 1000.
      WHATSAPP_API_BASE_URL: `http://127.0.0.1:${PORT + 1000}`,
      // next start runs with NODE_ENV=production, which refuses private webhook URLs; the
      // receiver of e2e/outbound-webhooks.spec.ts listens on 127.0.0.1.
      OUTBOUND_WEBHOOKS_ALLOW_PRIVATE: '1',
      ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    },
  },
});
