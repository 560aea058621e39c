import { randomBytes } from 'node:crypto';
import { DEMO_PASSWORD } from './demo-data';

// `npm run db:seed` creates an owner account. The well-known demo password is fine on a laptop
// and in CI; on a production database it would be a door anyone who read the README can open.

export class SeedRefusedError extends Error {
  constructor() {
    super(
      'Refusing to seed the demo workspace with NODE_ENV=production: its owner would have a published password. ' +
        'Run `npm run db:seed -- --force` to seed anyway with a random password, printed once.',
    );
    this.name = 'SeedRefusedError';
  }
}

export type SeedPassword = { password: string; isGenerated: boolean };

/** The demo owner's password: the published one outside production, a random one with --force in production. */
export function chooseSeedPassword(opts: { nodeEnv: string; force: boolean }): SeedPassword {
  if (opts.nodeEnv !== 'production') return { password: DEMO_PASSWORD, isGenerated: false };
  if (!opts.force) throw new SeedRefusedError();
  return { password: randomBytes(18).toString('base64url'), isGenerated: true };
}
