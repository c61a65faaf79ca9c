import { defineConfig } from 'vitest/config';

// Tests and benches run on src/ through the "@nexfitra/source" export condition, so nothing
// needs building first (the habit of zod's "@zod/source" condition).
const conditions = ['@nexfitra/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
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
