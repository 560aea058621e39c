import path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': path.resolve(import.meta.dirname),
      // 'server-only' throws outside React server bundles; tests are server code.
      'server-only': path.resolve(import.meta.dirname, 'node_modules/server-only/empty.js'),
      // Apollo (loaded by Node, no "exports" map in graphql 16) gets graphql's CommonJS entry;
      // our code must get the same copy, not the .mjs one Vite would pick ("Cannot use
      // GraphQLSchema from another module or realm").
      graphql: path.resolve(import.meta.dirname, 'node_modules/graphql/index.js'),
    },
  },
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'e2e/**', '.next/**', '.next-*/**', '.data/**'],
    setupFiles: ['test/setup-db.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default is one worker less than the cores: one file at a time on CI's two.
    // Most of a file's time is spent waiting on its database, so two run side by side.
    maxWorkers: 2,
    env: { DATA_DIR: '.data/test', NODE_ENV: 'test', LOG_LEVEL: 'warn' },
  },
});
