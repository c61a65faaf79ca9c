/**
 * Published size as an app gets it: each case is bundled by esbuild from the BUILT packages
 * (their exports map, `import` and `browser` conditions, no source condition), minified, and
 * measured gzipped, once with zod bundled and once with zod external. A case over its budget
 * fails the run and the message gives the new size.
 *
 *   npx tsx scripts/package-size.ts [--root <dir with node_modules/@nexfitra/*>] [--json]
 *
 * Run after `npm run build` (`npm run check:packages` does both, and also runs it inside the
 * packed-package project). Budgets (issue 13): a single formula ≤ 3 KB with zod included, since
 * a formula needs no schema; the other budgets sit a little above the size measured when they
 * were set, so a regression shows.
 */
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

interface Case {
  readonly name: string;
  readonly code: string;
  /** Budget in gzipped bytes, zod included. */
  readonly budget?: number;
  /** Budget in gzipped bytes, zod external. */
  readonly budgetNoZod?: number;
}

const KB = 1024;

export const CASES: readonly Case[] = [
  { name: 'core { bmi }', code: `export { bmi } from '@nexfitra/core';`, budget: 3 * KB },
  { name: 'core { mifflinStJeor }', code: `export { mifflinStJeor } from '@nexfitra/core';`, budget: 3 * KB },
  {
    name: 'core { estimateOneRepMax }',
    code: `export { estimateOneRepMax } from '@nexfitra/core';`,
    budget: 3 * KB,
  },
  { name: 'core { dailyTargets }', code: `export { dailyTargets } from '@nexfitra/core';`, budget: 12 * KB },
  {
    name: 'core { PlanRequest } (a schema)',
    code: `export { PlanRequest } from '@nexfitra/core';`,
    budgetNoZod: 12 * KB,
  },
  { name: 'core (everything)', code: `export * from '@nexfitra/core';`, budgetNoZod: 60 * KB },
  { name: 'core/foods', code: `export * from '@nexfitra/core/foods';`, budgetNoZod: 60 * KB },
  { name: 'core/language', code: `export * from '@nexfitra/core/language';`, budgetNoZod: 110 * KB },
  {
    name: 'planner { createPlan }',
    code: `export { createPlan } from '@nexfitra/planner';`,
    budgetNoZod: 200 * KB,
  },
];

export interface Measured {
  readonly name: string;
  readonly gz: number;
  readonly gzNoZod: number;
  readonly failures: readonly string[];
}

async function gzSize(code: string, root: string, zodExternal: boolean): Promise<number> {
  const out = await build({
    stdin: { contents: code, resolveDir: root, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    platform: 'browser',
    // highs' loader fetches its .wasm at run time; the .wasm itself is not part of the JS bundle.
    external: zodExternal ? ['zod', 'zod/*'] : [],
    logLevel: 'silent',
  });
  return gzipSync(out.outputFiles[0]!.contents, { level: 9 }).length;
}

const kb = (b: number) => (Number.isNaN(b) ? 'fails' : `${(b / KB).toFixed(1)} KB`);

export async function measureAll(root: string): Promise<Measured[]> {
  const rows: Measured[] = [];
  for (const c of CASES) {
    const failures: string[] = [];
    let gz = Number.NaN;
    let gzNoZod = Number.NaN;
    try {
      gz = await gzSize(c.code, root, false);
      gzNoZod = await gzSize(c.code, root, true);
    } catch (e) {
      failures.push(`${c.name}: does not bundle for the browser (${String(e).split('\n')[1] ?? e})`);
    }
    if (c.budget !== undefined && gz > c.budget)
      failures.push(`${c.name}: ${kb(gz)} min+gz with zod, over its budget of ${kb(c.budget)}`);
    if (c.budgetNoZod !== undefined && gzNoZod > c.budgetNoZod)
      failures.push(`${c.name}: ${kb(gzNoZod)} min+gz without zod, over its budget of ${kb(c.budgetNoZod)}`);
    rows.push({ name: c.name, gz, gzNoZod, failures });
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--root');
  const root = i > 0 ? process.argv[i + 1]! : process.cwd();
  const rows = await measureAll(root);
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows));
  else {
    console.log('case'.padEnd(34), 'zod included'.padStart(13), 'zod external'.padStart(13));
    for (const r of rows) console.log(r.name.padEnd(34), kb(r.gz).padStart(13), kb(r.gzNoZod).padStart(13));
  }
  const failures = rows.flatMap((r) => r.failures);
  for (const f of failures) console.error(`size budget: ${f}`);
  process.exit(failures.length ? 1 : 0);
}
