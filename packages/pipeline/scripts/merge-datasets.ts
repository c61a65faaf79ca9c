/**
 * Merges training sets built by build-dataset.ts with different seeds (several shorter builds, or
 * builds on several machines) into one: the split files are concatenated (profiles are split
 * per build, so no profile crosses splits), row ids of the second and later builds get a `b<i>:`
 * prefix so they stay unique, build.json sums the builds (the teacher must be the same in all)
 * and the card is written again from the merged rows.
 *
 * Run: npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/merge-datasets.ts \
 *        --out datasets/build/training-merged datasets/build/training-a datasets/build/training-b
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { BuildDatasetResult } from '../src/data/buildDataset';
import { writeDatasetCard } from '../src/data/card';
import { SPLITS } from '../src/data/split';

const { values, positionals } = parseArgs({ options: { out: { type: 'string' } }, allowPositionals: true });
if (!values.out || positionals.length < 2) {
  console.error('usage: merge-datasets.ts --out <dir> <build dir> <build dir> [...]');
  process.exit(2);
}
const out = resolve(values.out);
interface BuildJson {
  options: { note?: string; seed?: number; n?: number; search?: string; days?: number };
  result: BuildDatasetResult;
}
const builds = await Promise.all(
  positionals.map(async (d) => JSON.parse(await readFile(join(d, 'build.json'), 'utf8')) as BuildJson),
);
const teachers = new Set(builds.map((b) => b.result.teacher));
if (teachers.size !== 1) {
  console.error(
    `merge-datasets: the builds have different teachers (${[...teachers].join(' | ')}); merge only one teacher's rows`,
  );
  process.exit(2);
}
await mkdir(out, { recursive: true });
for (const split of SPLITS) {
  const sink = createWriteStream(join(out, `${split}.jsonl`));
  for (const [i, dir] of positionals.entries()) {
    const lines = createInterface({
      input: createReadStream(join(dir, `${split}.jsonl`)),
      crlfDelay: Infinity,
    });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line) as { id: string };
      if (i > 0) row.id = `b${i}:${row.id}`;
      if (!sink.write(`${JSON.stringify(row)}\n`))
        await new Promise<void>((r) => sink.once('drain', () => r()));
    }
  }
  await new Promise<void>((done, fail) => sink.end((e?: Error | null) => (e ? fail(e) : done())));
}
const sum = (f: (r: BuildDatasetResult) => number) => builds.reduce((a, b) => a + f(b.result), 0);
const rows = Object.fromEntries(SPLITS.map((s) => [s, sum((r) => r.rows[s])])) as BuildDatasetResult['rows'];
const ms = sum((r) => r.ms);
const result: BuildDatasetResult = {
  rows,
  skipped: { refusal: sum((r) => r.skipped.refusal), failure: sum((r) => r.skipped.failure) },
  profiles: sum((r) => r.profiles),
  requested: sum((r) => r.requested),
  teacher: builds[0]!.result.teacher,
  ms,
  rowsPerSecond: Math.round((SPLITS.reduce((a, s) => a + rows[s], 0) / (ms / 1000)) * 100) / 100,
  peakRssMb: Math.max(...builds.map((b) => b.result.peakRssMb)),
};
const note = `${builds.length} builds merged by merge-datasets.ts: ${positionals
  .map((d, i) => {
    const o = builds[i]!.options;
    return `${relative(process.cwd(), resolve(d))} (--n ${o.n ?? '?'} --seed ${o.seed ?? '?'}, ${builds[i]!.result.profiles} profiles)`;
  })
  .join(' + ')}`;
const first = builds[0]!.options;
await writeFile(
  join(out, 'build.json'),
  `${JSON.stringify({ options: { ...first, n: result.requested, note }, result }, null, 2)}\n`,
);
console.log(JSON.stringify(result));
console.log(`card: ${await writeDatasetCard(out, result)}`);
