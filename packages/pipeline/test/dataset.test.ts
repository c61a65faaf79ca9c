import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePlan } from '@nexfitra/core/language';
import { generateRequests } from '@nexfitra/planner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/data/_csv';
import { readTrainingArrow } from '../src/data/arrowFile';
import { type BuildDatasetResult, buildDataset, DEFAULT_PREFERENCE_SHARE } from '../src/data/buildDataset';
import { datasetStats } from '../src/data/card';
import type { TrainingRow } from '../src/data/row';
import { fnv1a32, splitOf } from '../src/data/split';
import { readUserRows } from '../src/data/userRows';

let dir: string;
let built: BuildDatasetResult;
let all: TrainingRow[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nexfitra-ds-'));
  // All three splits have rows with shares of a third each; fast search keeps the test short.
  built = await buildDataset({
    n: 4,
    seed: 11,
    days: 1,
    search: 'fast',
    unsafeShare: 0.25,
    outDir: join(dir, 'ds'),
    splitShares: { val: 1 / 3, test: 1 / 3 },
  });
  all = [];
  for (const s of ['train', 'val', 'test'])
    all.push(...(await readTrainingArrow(join(dir, 'ds', `${s}.arrow`))));
}, 120_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('splitOf', () => {
  it('FNV-1a matches the published 32-bit test vectors', () => {
    // Test vectors from the FNV reference (isthe.com/chongo/tech/comp/fnv): "" → 0x811c9dc5, "a" → 0xe40c292c, "foobar" → 0xbf9cf968.
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
    expect(fnv1a32('foobar')).toBe(0xbf9cf968);
  });
  it('is deterministic per profile and near the requested shares', () => {
    const keys = Array.from({ length: 4000 }, (_, i) => `p${i}`);
    const splits = keys.map((k) => splitOf(k, 7));
    expect(keys.map((k) => splitOf(k, 7))).toEqual(splits);
    // 5 % of 4,000 = 200, binomial SD ≈ 13.8: within ±4 SD.
    for (const s of ['val', 'test'] as const) {
      expect(Math.abs(splits.filter((x) => x === s).length - 200)).toBeLessThan(56);
    }
  });
});

describe('buildDataset', () => {
  it('accounts for every profile: rows plus refused requests', () => {
    const rows = built.rows.train + built.rows.val + built.rows.test;
    expect(rows + built.skipped.refusal + built.skipped.failure).toBe(4);
    expect(all.length).toBe(rows);
    expect(rows).toBeGreaterThan(0);
  });
  it('rows hold the prompt and a teacher plan that parses back, in the split of their profile', () => {
    for (const r of all) {
      expect(r.prompt.startsWith('<request>')).toBe(true);
      expect(parsePlan(r.plan).mealPlan.days.length).toBe(1);
      expect(r.split).toBe(splitOf(r.profile, 11, { val: 1 / 3, test: 1 / 3 }));
      expect(r.teacher).toMatch(/search=fast$/);
      expect(r.planTokens).toBe(r.plan.split(' ').length);
    }
  });
  it('Arrow and JSONL files hold the same rows', async () => {
    const jsonl = (await readFile(join(dir, 'ds', 'train.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as TrainingRow);
    expect(all.filter((r) => r.split === 'train')).toEqual(jsonl);
  });
  it('danfojs statistics count the rows and token lengths', async () => {
    const s = await datasetStats(join(dir, 'ds'));
    expect(s.rows).toBe(all.length);
    expect(s.lengths['planTokens']!['max']).toBe(Math.max(...all.map((r) => r.planTokens)));
    expect(Object.values(s.distributions['sex']!).reduce((a, b) => a + b, 0)).toBe(all.length);
    expect(s.coverage['food:']!.used).toBeGreaterThan(0);
  }, 60_000);
});

describe('parseCsv (RFC 4180)', () => {
  it('reads quoted commas, doubled quotes and line breaks, with start lines', () => {
    const { records } = parseCsv('a,b\n"x, y","say ""hi"""\n"two\nlines",z\n');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x, y', 'say "hi"'] },
      { line: 3, fields: ['two\nlines', 'z'] },
    ]);
  });
  it('reports an unclosed quote on its line', () => {
    expect(parseCsv('a\n"open\n').error).toEqual({ line: 2, reason: 'a quoted field is not closed' });
  });
});

describe('readUserRows', () => {
  const good = () => {
    const r = all[0]!;
    return { request: JSON.parse(r.request), plan: r.plan, rating: 4 };
  };
  it('JSONL: keeps good rows, reports each bad one with its line and field', async () => {
    const g = good();
    const lines = [
      JSON.stringify(g),
      '{not json',
      JSON.stringify({ ...g, request: { ...g.request, profile: { ...g.request.profile, age: 'old' } } }),
      JSON.stringify({ ...g, plan: '<plan> <workout> nonsense' }),
      JSON.stringify({ ...g, weight: 0 }),
      '',
      JSON.stringify({ ...g, rating: 'great' }),
    ];
    const path = join(dir, 'user.jsonl');
    await writeFile(path, lines.join('\n'));
    const { rows, bad } = await readUserRows(path);
    expect(rows.length).toBe(1);
    expect(rows[0]!.plan).toBe(all[0]!.plan);
    expect(rows[0]!.rating).toBe(4);
    expect(bad.map((b) => [b.line, b.field])).toEqual([
      [2, '(line)'],
      [3, 'request.profile.age'],
      [4, 'plan'],
      [5, 'weight'],
      [7, 'rating'],
    ]);
    await expect(readUserRows(path, { onBadRow: 'fail' })).rejects.toMatchObject({
      code: 'BAD_DATA',
      value: expect.arrayContaining([expect.stringMatching(/^line 3: request\.profile\.age: /)]),
    });
  });
  it('CSV: request as quoted JSON; a short record is reported on its line', async () => {
    const g = good();
    const q = (s: string) => `"${s.replaceAll('"', '""')}"`;
    const csv = `request,plan,rating\n${q(JSON.stringify(g.request))},${q(g.plan)},5\nonly-one-field\n`;
    const path = join(dir, 'user.csv');
    await writeFile(path, csv);
    const { rows, bad } = await readUserRows(path);
    expect(rows.length).toBe(1);
    expect(rows[0]!.rating).toBe(5);
    expect(bad).toEqual([{ line: 3, field: '(csv)', reason: '1 fields, the header has 3' }]);
  });
  it('a refused request is a bad row, not a training example', async () => {
    const minor = { ...good().request, profile: { ...good().request.profile, age: 16 } };
    const path = join(dir, 'minor.jsonl');
    await writeFile(path, JSON.stringify({ request: minor, plan: all[0]!.plan }));
    const { bad } = await readUserRows(path);
    expect(bad[0]?.field).toBe('request');
    expect(bad[0]?.reason).toMatch(/refused/);
  });
  it('row p<seed>-<i> holds request i of generateRequests(n, seed) (the profiles are the population draw)', () => {
    const requests = generateRequests(4, 11, {
      days: 1,
      unsafeShare: 0.25,
      preferenceShare: DEFAULT_PREFERENCE_SHARE,
    });
    for (const r of all) expect(JSON.parse(r.request)).toEqual(requests[Number(r.id.split('-')[1])]);
  });
});
