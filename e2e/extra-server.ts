import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';

// A second `next start` of the same build, for tests that need another configuration than
// the main e2e server (playwright.config.ts). It takes the same database choice: its own
// embedded database by default, the run's DATABASE_URL when set (CI's second pass).

export type ExtraServer = { port: number; baseURL: string; stop: () => Promise<void> };

export async function startExtraServer(opts: { port: number; name: string; env: Record<string, string> }): Promise<ExtraServer> {
  const dataDir = `${process.env.E2E_DATA_DIR ?? '.data/e2e'}-${opts.name}`;
  rmSync(dataDir, { recursive: true, force: true });
  const baseURL = `http://localhost:${opts.port}`;
  // Another server already answering there would silently stand in for this one.
  const taken = await fetch(`${baseURL}/api/health`).then(() => true, () => false);
  if (taken) throw new Error(`port ${opts.port} is already in use`);
  const child: ChildProcess = spawn('npx', ['next', 'start', '-p', String(opts.port)], {
    env: {
      ...process.env,
      PORT: String(opts.port),
      APP_URL: baseURL,
      DATA_DIR: dataDir,
      SEED_DEMO: '1',
      WHATSAPP_SANDBOX: '1',
      // On CI's PostgreSQL pass this is a production build with DATABASE_URL, where the sandbox
      // and demo seed are refused unless the deploy says it is a sandbox one (lib/env.ts).
      WHATSAPP_SANDBOX_ALLOW_PRODUCTION: '1',
      DISPATCH_IN_PROCESS: '0',
      LOG_LEVEL: 'warn',
      // Tests post landing forms right after fetching them; the fill-time rule is covered by lib/leadgen tests.
      LEADGEN_MIN_FILL_MS: '0',
      TRUSTED_PROXIES: '',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`extra server exited:\n${output}`);
    const ok = await fetch(`${baseURL}/api/health`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`extra server did not come up:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    port: opts.port,
    baseURL,
    stop: async () => {
      // npx and next-server share the process group made by `detached`.
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
      await exited;
    },
  };
}

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; text: string };

/**
 * An HTTP request from a chosen loopback address (127.x.y.z all reach this machine), so the
 * server sees a socket address of the test's choosing, which no header can fake.
 */
export function requestFrom(
  localAddress: string,
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: opts.method ?? 'GET', headers: opts.headers, localAddress }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** The id Next gave a server action in this build (what the browser sends as Next-Action). */
export function serverActionId(file: string, exportedName: string): string {
  const manifest = JSON.parse(
    readFileSync(path.join(process.env.NEXT_DIST_DIR || '.next', 'server', 'server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, { exportedName?: string; filename?: string }> };
  const hit = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportedName && v.filename === file);
  if (!hit) throw new Error(`no server action ${exportedName} in ${file}`);
  return hit[0];
}

/** Calls a server action as the browser does; returns the action's result (the RSC row 1). */
export async function callServerAction(
  from: string,
  baseURL: string,
  pagePath: string,
  actionId: string,
  args: unknown[],
  headers: Record<string, string> = {},
): Promise<{ status: number; result: unknown; cookies: string[] }> {
  const res = await requestFrom(from, `${baseURL}${pagePath}`, {
    method: 'POST',
    headers: { 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', origin: baseURL, ...headers },
    body: JSON.stringify(args),
  });
  const row = res.text.split('\n').find((line) => line.startsWith('1:'));
  const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  return { status: res.status, result: row ? JSON.parse(row.slice(2)) : res.text, cookies };
}
