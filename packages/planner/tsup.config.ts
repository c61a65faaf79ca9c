import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { defineConfig } from 'tsup';
import { moduleBuild } from '../../scripts/build/moduleBuild';

/**
 * Browser build (`browser` export condition): the same modules, with `highs` replaced by a copy
 * of its ESM loader whose Node-only branches (`node:module`, `node:fs` …, never taken in a
 * browser) import an empty stub, so any bundler (plain esbuild included) needs no Node
 * built-ins. highs.wasm is not copied: the loader looks for it beside the app's bundle, or where
 * `loadLpSolver({ locateFile })` says (see docs/recipes.md).
 */
const VENDORED_HIGHS = '_vendor/highs.js';
const HIGHS_MJS = join(dirname(createRequire(import.meta.url).resolve('highs')), 'highs.mjs');

const highsToVendored: Plugin = {
  name: 'nexfitra-highs-vendored',
  setup(build) {
    build.onResolve({ filter: /^highs$/ }, (args) => {
      const from = dirname(relative('src', args.importer));
      const path = relative(from, VENDORED_HIGHS);
      return { path: path.startsWith('.') ? path : `./${path}`, external: true };
    });
  },
};

const nodeStubs: Plugin = {
  name: 'nexfitra-node-stubs',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'node-stub' }, () => ({
      contents:
        'const unavailable = () => { throw new Error("Node built-in used in a browser build"); };\n' +
        'export const createRequire = unavailable; export const fileURLToPath = unavailable;\n' +
        'export default {};\n',
      loader: 'js',
    }));
  },
};

// Both builds write into dist/: the build script empties it first, so neither config cleans.
const node = moduleBuild({ index: 'src/index.ts' }, { clean: false });

export default defineConfig([
  node,
  {
    ...node,
    outDir: 'dist/browser',
    dts: false,
    clean: false,
    platform: 'browser',
    noExternal: ['highs'],
    esbuildPlugins: [highsToVendored, ...(node.esbuildPlugins ?? [])],
    // esbuild directly: tsup would keep the node: imports external, which is what must go.
    onSuccess: async () => {
      await build({
        entryPoints: [HIGHS_MJS],
        outfile: `dist/browser/${VENDORED_HIGHS}`,
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: 'es2022',
        plugins: [nodeStubs],
        logLevel: 'warning',
      });
    },
  },
]);
