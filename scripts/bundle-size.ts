/**
 * Bundle check: min+gz size of core (zod external) and of single tree-shaken imports, each
 * bundled by esbuild from the package sources through the "@nexfitra/source" condition, the way
 * an app's bundler would see the published ESM. Run by `npm run bench`.
 * Targets (issue 2 and 3): one formula < 3 KB; the curated food catalogue ≤ 60 KB.
 */
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

interface Case {
  readonly name: string;
  readonly code: string;
  readonly targetBytes?: number;
  /** Skip quietly when this source file is absent (entries land issue by issue). */
  readonly needs?: string;
}

const cases: Case[] = [
  { name: 'core: everything, zod external', code: `export * from '@nexfitra/core';` },
  { name: 'core: { bmi }', code: `export { bmi } from '@nexfitra/core';`, targetBytes: 3072 },
  {
    name: 'core: { mifflinStJeor }',
    code: `export { mifflinStJeor } from '@nexfitra/core';`,
    targetBytes: 3072,
    needs: 'packages/core/src/energy/mifflinStJeor.ts',
  },
  {
    name: 'core: { estimateOneRepMax }',
    code: `export { estimateOneRepMax } from '@nexfitra/core';`,
    targetBytes: 3072,
    needs: 'packages/core/src/training/oneRepMax.ts',
  },
  {
    name: 'core/foods: curated catalogue',
    code: `export * from '@nexfitra/core/foods';`,
    targetBytes: 60 * 1024,
    needs: 'packages/core/src/foods/index.ts',
  },
  {
    // Issue 8: the dish catalogue; it bundles the foods catalogue it reads (~30 KB of the total).
    name: 'core/dishes: dish catalogue (with the foods it needs)',
    code: `export * from '@nexfitra/core/dishes';`,
    targetBytes: 60 * 1024,
    needs: 'packages/core/src/dishes/index.ts',
  },
  {
    name: 'core/exercises: catalogue',
    code: `export * from '@nexfitra/core/exercises';`,
    needs: 'packages/core/src/exercises/index.ts',
  },
  {
    name: 'core/met: Compendium table',
    code: `export * from '@nexfitra/core/met';`,
    needs: 'packages/core/src/met/index.ts',
  },
  {
    // Issue 12: the progress functions an app calls, tree-shaken, zod external (< 6 KB).
    name: 'core/progress: { trendWeight, adaptiveExpenditure, projectWeight, timeToGoal }',
    code: `export { trendWeight, adaptiveExpenditure, projectWeight, timeToGoal } from '@nexfitra/core/progress';`,
    targetBytes: 6144,
    needs: 'packages/core/src/progress/index.ts',
  },
  {
    name: 'core/progress: everything (checks, strength, load, adherence, charts)',
    code: `export * from '@nexfitra/core/progress';`,
    needs: 'packages/core/src/progress/index.ts',
  },
  {
    name: 'core/language: plan language + grammar',
    code: `export * from '@nexfitra/core/language';`,
    needs: 'packages/core/src/language/index.ts',
  },
];

async function measure(c: Case): Promise<{ min: number; gz: number }> {
  const out = await build({
    stdin: { contents: c.code, resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    treeShaking: true,
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['@nexfitra/source', 'import'],
    external: ['zod'],
    logLevel: 'silent',
  });
  const bytes = out.outputFiles[0]!.contents;
  return { min: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
}

const rows: Record<string, string | number>[] = [];
let failed = false;
for (const c of cases) {
  if (c.needs && !existsSync(c.needs)) continue;
  const { min, gz } = await measure(c);
  const ok = c.targetBytes === undefined || gz <= c.targetBytes;
  failed ||= !ok;
  rows.push({
    bundle: c.name,
    'min (B)': min,
    'min+gz (B)': gz,
    target: c.targetBytes === undefined ? '' : `≤ ${c.targetBytes}`,
    ok: ok ? 'yes' : 'NO',
  });
}
console.table(rows);
if (failed) {
  console.error('bundle-size: a bundle is over its target');
  process.exitCode = 1;
}
