import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/cli/bin.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  // No source maps in the tarball: they would ship the full sources again (issue 13).
  sourcemap: false,
  target: 'es2022',
});
