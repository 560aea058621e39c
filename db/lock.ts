import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

// PGlite is single-process: a second process opening the same directory sees none of the
// first one's writes and can lose data, silently. So the directory is guarded by a lock file
// holding the owner's pid; a second live process is refused loudly.

export class DatabaseLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database at ${path.resolve(dir)} is already open in process ${pid}. ` +
        'PGlite allows one process only: stop that process first, or set DATABASE_URL to a ' +
        'PostgreSQL server to run several processes (web and workers).',
    );
    this.name = 'DatabaseLockedError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock for `dir` or throws DatabaseLockedError; returns a release function. */
export function acquireDirectoryLock(dir: string): () => void {
  mkdirSync(path.dirname(path.resolve(dir)), { recursive: true });
  const lockFile = `${path.resolve(dir)}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
      closeSync(fd);
      const release = () => {
        try {
          const owner = JSON.parse(readFileSync(lockFile, 'utf8')) as { pid: number };
          if (owner.pid === process.pid) rmSync(lockFile, { force: true });
        } catch {
          // already gone
        }
      };
      process.once('exit', release);
      return release;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      let owner: { pid: number; host?: string } | undefined;
      try {
        owner = JSON.parse(readFileSync(lockFile, 'utf8'));
      } catch {
        owner = undefined; // half-written by a process that died mid-write
      }
      if (owner && owner.pid === process.pid) return () => undefined;
      if (owner && (owner.host === undefined || owner.host === hostname()) && isAlive(owner.pid)) {
        throw new DatabaseLockedError(dir, owner.pid);
      }
      rmSync(lockFile, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`Could not take the lock on ${lockFile}`);
}
