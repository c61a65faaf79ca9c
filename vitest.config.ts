import { defineConfig } from 'vitest/config';

// Tests and benches run on src/ through the "@nexfitra/source" export condition, so nothing
// needs building first (the habit of zod's "@zod/source" condition).
const conditions = ['@nexfitra/source', 'import', 'module', 'node', 'default'];
// Vitest also hands the SSR conditions to Node as `--conditions` for external packages, where
// `import` would apply to require() too and load ESM builds into CommonJS (pg's
// `require('pg-pool')` then gets a module namespace and fails). Node adds `import` by itself.
const ssrConditions = conditions.filter((c) => c !== 'import');

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions: ssrConditions, externalConditions: ssrConditions } },
  test: {
    include: [
      'packages/*/test/**/*.test.ts',
      'datasets/test/**/*.test.ts',
      'scripts/test/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
    ],
    benchmark: { include: ['packages/*/bench/**/*.bench.ts'] },
    testTimeout: 30_000,
    pool: 'forks',
  },
});
