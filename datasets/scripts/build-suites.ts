/**
 * Builds the benchmark suites of `datasets/suites/` (smoke, standard, stress) as Arrow IPC
 * files and prints the counts per slice for the card. Deterministic: the same seed gives
 * byte-identical files.
 *
 *   npx tsx --conditions=@nexfitra/source datasets/scripts/build-suites.ts [--check]
 *
 * `--check` rebuilds in memory and exits 1 when a committed file differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSuites, suiteToArrow } from '@nexfitra/eval';

const dir = join(import.meta.dirname, '..', 'suites');
const check = process.argv.includes('--check');
const suites = buildSuites();
let stale = 0;
for (const [name, rows] of Object.entries(suites)) {
  const file = join(dir, `${name}.arrow`);
  const bytes = suiteToArrow(rows);
  if (check) {
    let old: Buffer | undefined;
    try {
      old = readFileSync(file);
    } catch {}
    if (!old || Buffer.compare(old, Buffer.from(bytes)) !== 0) {
      console.error(`${file} is stale`);
      stale++;
    }
  } else writeFileSync(file, bytes);
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(r.slice, (counts.get(r.slice) ?? 0) + 1);
  console.log(`${name}: ${rows.length} rows — ${[...counts].map(([s, n]) => `${s} ${n}`).join(', ')}`);
}
process.exitCode = stale ? 1 : 0;
