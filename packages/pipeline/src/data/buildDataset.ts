import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import { checkNumber } from '@nexfitra/core/internal';
import { generateRequests } from '@nexfitra/planner';
import { jsonlToArrow } from './arrowFile';
import { DEFAULT_SPLIT_SHARES, SPLITS, type Split, type SplitShares } from './split';
import { type SkippedRequest, type TeacherSearch, teacherName, teacherRow, teacherSearch } from './teacher';

const FN = 'buildDataset';

export interface BuildDatasetOptions {
  /** Profiles to draw, 1–100 000. */
  readonly n: number;
  /** Seed (uint32) of the profile draw and of the split. */
  readonly seed: number;
  /** Folder for `{train,val,test}.{jsonl,arrow}`, `skipped.jsonl` and `build.json`. */
  readonly outDir: string;
  /** Days of meals per request, 1–31; default 7. */
  readonly days?: number;
  /** Share of deliberately unsafe requests (refused by the planner; counted, not written). Default 0.1. */
  readonly unsafeShare?: number;
  /**
   * Share of requests naming 1–3 preferred exercises (`generateRequests`' `preferenceShare`),
   * so the model sees the teacher honour the prompt's `prefer` words. Default 0.2.
   */
  readonly preferenceShare?: number;
  /** Teacher search; default `best` (see `teacherSearch`). */
  readonly search?: TeacherSearch;
  readonly splitShares?: SplitShares;
  /** Stop drawing new profiles after this many ms (the rows written so far stay valid). */
  readonly maxMs?: number;
  /** Called after each profile. */
  readonly onProgress?: (done: number, total: number, rows: number) => void;
}

export interface BuildDatasetResult {
  readonly rows: Readonly<Record<Split, number>>;
  readonly skipped: { readonly refusal: number; readonly failure: number };
  /** Profiles planned (less than `n` when `maxMs` stopped the build). */
  readonly profiles: number;
  readonly requested: number;
  readonly teacher: string;
  readonly ms: number;
  readonly rowsPerSecond: number;
  /** Largest resident set size seen during the build, MB. */
  readonly peakRssMb: number;
}

async function writeLine(stream: WriteStream, value: unknown): Promise<void> {
  if (!stream.write(`${JSON.stringify(value)}\n`)) await once(stream, 'drain');
}

async function close(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

/** Teacher rows with preferred exercises: about one person in five names a few (a guess; no survey found). */
export const DEFAULT_PREFERENCE_SHARE = 0.2;

/**
 * Builds a training set: `n` seeded profiles from the planner's population model
 * (`generateRequests`, with `unsafeShare` unsafe requests and `preferenceShare` naming
 * preferred exercises), a teacher plan for each
 * (`teacherRow`), rows streamed to one JSONL file per split as they are made (memory stays flat
 * whatever `n`), then each split converted to Arrow IPC. Refused requests go to `skipped.jsonl`
 * with their reason codes. `build.json` records the options and the result.
 *
 * @throws NexFitraError for `n`, `seed`, `days`, `unsafeShare`, `preferenceShare` or `maxMs` out of range
 * @example await buildDataset({ n: 100, seed: 1, outDir: 'datasets/build/training' })
 */
export async function buildDataset(options: BuildDatasetOptions): Promise<BuildDatasetResult> {
  const n = checkNumber(FN, 'n', options.n, { min: 1, max: 100_000, integer: true });
  const seed = checkNumber(FN, 'seed', options.seed, { min: 0, max: 2 ** 32 - 1, integer: true });
  const maxMs = options.maxMs ?? Number.POSITIVE_INFINITY;
  if (!(maxMs > 0)) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: ['maxMs'],
      value: maxMs,
      allowed: 'a number > 0',
    });
  }
  const search = teacherSearch(options.search);
  const splitShares = options.splitShares ?? DEFAULT_SPLIT_SHARES;
  const requests = generateRequests(n, seed, {
    days: options.days ?? 7,
    unsafeShare: options.unsafeShare ?? 0.1,
    preferenceShare: options.preferenceShare ?? DEFAULT_PREFERENCE_SHARE,
  });
  await mkdir(options.outDir, { recursive: true });
  const streams = Object.fromEntries(
    SPLITS.map((s) => [s, createWriteStream(join(options.outDir, `${s}.jsonl`))]),
  ) as Record<Split, WriteStream>;
  const skippedStream = createWriteStream(join(options.outDir, 'skipped.jsonl'));
  const rows: Record<Split, number> = { train: 0, val: 0, test: 0 };
  const skipped = { refusal: 0, failure: 0 };
  let peakRss = process.memoryUsage().rss;
  const t0 = performance.now();
  let profiles = 0;
  for (const [i, request] of requests.entries()) {
    if (performance.now() - t0 > maxMs) break;
    const id = `p${seed}-${String(i).padStart(6, '0')}`;
    const out = await teacherRow(request, id, { search, splitSeed: seed, splitShares });
    if ('row' in out) {
      await writeLine(streams[out.row.split], out.row);
      rows[out.row.split]++;
    } else {
      await writeLine(skippedStream, out.skipped satisfies SkippedRequest);
      skipped[out.skipped.kind]++;
    }
    profiles++;
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    options.onProgress?.(profiles, n, rows.train + rows.val + rows.test);
  }
  await Promise.all([...Object.values(streams), skippedStream].map(close));
  for (const s of SPLITS)
    await jsonlToArrow(join(options.outDir, `${s}.jsonl`), join(options.outDir, `${s}.arrow`));
  const ms = performance.now() - t0;
  const total = rows.train + rows.val + rows.test;
  const result: BuildDatasetResult = {
    rows,
    skipped,
    profiles,
    requested: n,
    teacher: teacherName(search),
    ms: Math.round(ms),
    rowsPerSecond: Math.round((total / (ms / 1000)) * 100) / 100,
    peakRssMb: Math.round(peakRss / 2 ** 20),
  };
  const { onProgress: _, ...kept } = options;
  await writeFile(
    join(options.outDir, 'build.json'),
    `${JSON.stringify({ options: kept, result }, null, 2)}\n`,
  );
  return result;
}
