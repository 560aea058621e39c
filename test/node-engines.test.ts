import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

// The Node version we state (package.json "engines", repeated in the README) must be one every
// installed package declares it supports, so that `npm ci` on it prints no EBADENGINE warning.

const root = path.resolve(import.meta.dirname, '..');
const ours = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).engines.node as string;

function declaredEngines(dir: string, out: { name: string; range: string }[] = []) {
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('.')) continue;
    const full = path.join(dir, entry);
    if (entry.startsWith('@')) {
      declaredEngines(full, out);
      continue;
    }
    const manifest = path.join(full, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8'));
      if (typeof pkg.engines?.node === 'string') out.push({ name: `${pkg.name}@${pkg.version}`, range: pkg.engines.node });
    }
    if (existsSync(path.join(full, 'node_modules'))) declaredEngines(path.join(full, 'node_modules'), out);
  }
  return out;
}

describe('the stated Node version', () => {
  it('is what the README says', () => {
    const min = semver.minVersion(ours)!;
    expect(readFileSync(path.join(root, 'README.md'), 'utf8')).toContain(`Needs Node ${min.major}.${min.minor}+`);
  });

  it('is supported by every installed package that declares engines', () => {
    const min = semver.minVersion(ours)!.version;
    const refusing = declaredEngines(path.join(root, 'node_modules'))
      .filter((e) => semver.validRange(e.range) && !semver.satisfies(min, e.range))
      .map((e) => `${e.name} wants ${e.range}`);
    expect(refusing).toEqual([]);
  });
});
