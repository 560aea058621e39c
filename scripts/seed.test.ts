import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyPassword } from 'better-auth/crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from '@/db/client';
import { chooseSeedPassword } from '@/lib/demo/choose-seed-password';
import { DEMO_PASSWORD } from '@/lib/demo/demo-data';

// `npm run db:seed` as an operator runs it: a real process on its own embedded database.

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function runSeed(dataDir: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production', DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
  delete childEnv.DATABASE_URL;
  delete childEnv.TEST_DATABASE_URL;
  delete childEnv.SEED_DEMO;
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/seed.ts', ...args], {
    cwd: process.cwd(),
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c) => (stdout += String(c)));
  child.stderr.on('data', (c) => (stderr += String(c)));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run db:seed', () => {
  it('keeps the published demo password outside production only', () => {
    expect(chooseSeedPassword({ nodeEnv: 'development', force: false })).toEqual({ password: DEMO_PASSWORD, isGenerated: false });
    expect(() => chooseSeedPassword({ nodeEnv: 'production', force: false })).toThrow(/--force/);
    const a = chooseSeedPassword({ nodeEnv: 'production', force: true });
    const b = chooseSeedPassword({ nodeEnv: 'production', force: true });
    expect(a.isGenerated).toBe(true);
    expect(a.password).not.toBe(DEMO_PASSWORD);
    expect(a.password).not.toBe(b.password);
    expect(a.password.length).toBeGreaterThanOrEqual(24);
  });

  it('refuses with NODE_ENV=production, and with --force seeds an owner whose random password is printed once', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'whatslab-seed-'));
    dirs.push(dataDir);

    const refused = await runSeed(dataDir, []);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');
    expect(refused.stdout).not.toContain(DEMO_PASSWORD);
    // Refused before the database was opened: nothing was created.
    expect(readdirSync(dataDir)).not.toContain('pglite');

    const forced = await runSeed(dataDir, ['--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stdout).not.toContain(DEMO_PASSWORD);
    const password = forced.stdout.trim().split('\n').at(-1)!;
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(forced.stdout.split(password)).toHaveLength(2); // printed exactly once

    const again = await runSeed(dataDir, ['--force']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('already exists');
    expect(again.stdout).not.toContain(password);

    const handle = await openPglite(path.join(dataDir, 'pglite'), { migrate: false });
    try {
      const { rows } = (await handle.db.execute(
        "select a.password from accounts a join users u on u.id = a.user_id where u.email = 'demo@whatslab.dev'",
      )) as unknown as { rows: { password: string }[] };
      expect(rows).toHaveLength(1);
      expect(await verifyPassword({ hash: rows[0].password, password })).toBe(true);
      expect(await verifyPassword({ hash: rows[0].password, password: DEMO_PASSWORD })).toBe(false);
    } finally {
      await handle.close();
    }
  }, 120_000);
});
