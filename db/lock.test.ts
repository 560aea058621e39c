import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDirectoryLock, DatabaseLockedError } from './lock';

// A real second process holds the lock, as a running `npm run dev` would.
function holdLockInChild(dir: string) {
  const script = `
    const fs = require('node:fs');
    fs.writeFileSync(${JSON.stringify(`${dir}.lock`)}, JSON.stringify({ pid: process.pid, host: require('node:os').hostname() }));
    console.log('locked');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise<typeof child>((resolve) => child.stdout.once('data', () => resolve(child)));
}

describe('embedded database lock', () => {
  it('refuses a second live process with a clear message, and takes over a dead one\'s lock', async () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'wl-lock-')), 'pglite');
    const child = await holdLockInChild(dir);
    expect(() => acquireDirectoryLock(dir)).toThrow(DatabaseLockedError);
    expect(() => acquireDirectoryLock(dir)).toThrow(/already open in process \d+.*one process only/);

    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const release = acquireDirectoryLock(dir);
    expect(existsSync(`${dir}.lock`)).toBe(true);
    release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });
});
