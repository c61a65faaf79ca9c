/**
 * The tsup configuration of the app-facing packages (core, planner): ESM only, one output file
 * per source module, no source maps, declarations bundled once per public entry.
 *
 * Why one file per module: an app's bundler drops a whole module it does not use when the
 * package says `sideEffects: false`, but it cannot drop the top-level code (zod schema
 * definitions) of a shared chunk that also holds the function it does use. With one file per
 * module, `import { bmi }` pulls bmi, the input check and the error class, and nothing else.
 *
 * Why ESM only: every supported Node (≥ 20.19) loads ES modules from `require()`, so CommonJS
 * apps still work; one build means one copy of each module in an install (no dual-package
 * hazard, no second set of `.d.cts` files) and half the tarball.
 */
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import type { Options } from 'tsup';

/** Keeps relative imports as imports of the sibling output file (`./bmi` → `./bmi.js`). */
export const relativeModules: Plugin = {
  name: 'nexfitra-relative-modules',
  setup(build) {
    build.onResolve({ filter: /^\.\.?(\/|$)/ }, (args) => {
      if (args.kind === 'entry-point') return undefined;
      const abs = resolve(args.resolveDir, args.path);
      if (existsSync(`${abs}.ts`)) return { path: `${args.path}.js`, external: true };
      if (existsSync(abs) && statSync(abs).isDirectory() && existsSync(join(abs, 'index.ts'))) {
        return { path: `${args.path.replace(/\/$/, '')}/index.js`, external: true };
      }
      throw new Error(`moduleBuild: cannot map the relative import "${args.path}" in ${args.importer}`);
    });
  },
};

/**
 * @param dtsEntries - public entry name → source file, e.g. `{ index: 'src/index.ts' }`; each
 *   gets `dist/<name>.d.ts`
 */
export function moduleBuild(dtsEntries: Record<string, string>, extra: Partial<Options> = {}): Options {
  return {
    entry: ['src/**/*.ts', '!src/**/*.test.ts', '!src/**/*.d.ts'],
    outDir: 'dist',
    format: ['esm'],
    bundle: true,
    splitting: false,
    esbuildPlugins: [relativeModules],
    dts: { entry: dtsEntries },
    clean: true,
    sourcemap: false,
    target: 'es2022',
    platform: 'neutral',
    ...extra,
  };
}
