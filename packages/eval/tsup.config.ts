import { defineConfig } from 'tsup';

export default defineConfig({
  // `_worker` is forked by the worker pool (`--concurrency`), so it is its own file beside the bundle.
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', _worker: 'src/run/_worker.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // No source maps in the tarball: they would ship the full sources again (issue 13).
  sourcemap: false,
  target: 'es2022',
});
