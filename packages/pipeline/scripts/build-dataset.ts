/**
 * Builds the training set of the default plan model (teacher plans, split by profile, Arrow +
 * JSONL) and its card with statistics.
 *
 * Run: npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/build-dataset.ts
 *        [--n 1000] [--seed 20261129] [--days 7] [--search best|fast] [--max-minutes m] [--out dir]
 *        [--preference-share 0.2]
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDataset } from '../src/data/buildDataset';
import { writeDatasetCard } from '../src/data/card';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
};
const outDir = resolve(arg('out', join(ROOT, 'datasets', 'build', 'training')));
const n = Number(arg('n', '1000'));
let last = 0;
const result = await buildDataset({
  n,
  seed: Number(arg('seed', '20261129')),
  days: Number(arg('days', '7')),
  search: arg('search', 'best') as 'best' | 'fast',
  outDir,
  ...(process.argv.includes('--preference-share')
    ? { preferenceShare: Number(arg('preference-share', '0.2')) }
    : {}),
  ...(process.argv.includes('--max-minutes') ? { maxMs: Number(arg('max-minutes', '0')) * 60_000 } : {}),
  onProgress: (done, total, rows) => {
    if (Date.now() - last < 10_000 && done !== total) return;
    last = Date.now();
    console.log(
      `${new Date().toISOString()} ${done}/${total} profiles, ${rows} rows, rss ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
    );
  },
});
console.log(JSON.stringify(result));
const card = await writeDatasetCard(outDir, result);
console.log(`card: ${card}`);
