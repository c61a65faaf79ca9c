import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { languageVocabulary } from '@nexfitra/core/language';
import type { BuildDatasetResult } from './buildDataset';
import type { TrainingRow } from './row';
import { SPLITS } from './split';

/** Per-row facts the card summarises (the texts themselves are not kept in memory). */
interface RowFacts {
  split: string;
  sex: string;
  goal: string;
  diet: string;
  experience: string;
  meals: number;
  promptTokens: number;
  planTokens: number;
  teacherMs: number;
}

/** Vocabulary token families whose coverage the card reports. */
const FAMILIES = ['food:', 'ex:', 'dish:'] as const;

export interface DatasetStats {
  readonly rows: number;
  readonly lengths: Record<string, Record<string, number>>;
  readonly distributions: Record<string, Record<string, number>>;
  /** Per family: tokens used by at least one plan, tokens in the vocabulary. */
  readonly coverage: Record<string, { used: number; vocabulary: number }>;
}

/**
 * Statistics of a built training set, computed with danfojs-node: token-length summaries
 * (`describe`), value counts of sex, goal, diet, level, meals a day and split, and coverage of
 * the food, exercise and dish tokens of the vocabulary. Streams the JSONL files row by row.
 */
export async function datasetStats(dir: string): Promise<DatasetStats> {
  const facts: RowFacts[] = [];
  const used = new Map<string, Set<string>>(FAMILIES.map((f) => [f, new Set<string>()]));
  for (const split of SPLITS) {
    const lines = createInterface({
      input: createReadStream(join(dir, `${split}.jsonl`)),
      crlfDelay: Infinity,
    });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const r = JSON.parse(line) as TrainingRow;
      const q = JSON.parse(r.request) as {
        profile: { sex: string };
        goal: { type: string };
        preferences: { diet: string; experience: string; mealsPerDay: number };
      };
      facts.push({
        split,
        sex: q.profile.sex,
        goal: q.goal.type,
        diet: q.preferences.diet,
        experience: q.preferences.experience,
        meals: q.preferences.mealsPerDay,
        promptTokens: r.promptTokens,
        planTokens: r.planTokens,
        teacherMs: r.teacherMs,
      });
      for (const w of r.plan.split(' ')) for (const f of FAMILIES) if (w.startsWith(f)) used.get(f)!.add(w);
    }
  }
  const vocab = languageVocabulary();
  const coverage = Object.fromEntries(
    FAMILIES.map((f) => [
      f,
      { used: used.get(f)!.size, vocabulary: vocab.filter((t) => t.startsWith(f)).length },
    ]),
  );
  if (facts.length === 0) return { rows: 0, lengths: {}, distributions: {}, coverage };
  // danfojs-node is slow to import (it loads TF.js): only when there is something to describe.
  const dfd = await import('danfojs-node');
  const df = new dfd.DataFrame(facts);
  const lengths: Record<string, Record<string, number>> = {};
  for (const col of ['promptTokens', 'planTokens', 'teacherMs']) {
    const s = df[col] as InstanceType<typeof dfd.Series>;
    lengths[col] = {
      count: s.count(),
      mean: round(s.mean()),
      std: round(s.std()),
      min: s.min(),
      median: round(s.median()),
      max: s.max(),
    };
  }
  const distributions: Record<string, Record<string, number>> = {};
  for (const col of ['split', 'sex', 'goal', 'diet', 'experience', 'meals']) {
    const vc = (df[col] as InstanceType<typeof dfd.Series>).valueCounts();
    const idx = vc.index as (string | number)[];
    const vals = vc.values as number[];
    distributions[col] = Object.fromEntries(idx.map((k, i) => [String(k), vals[i]!]).sort());
  }
  return { rows: facts.length, lengths, distributions, coverage };
}

const round = (x: number) => Math.round(x * 10) / 10;

function table(rows: Record<string, Record<string, number>>): string {
  const cols = [...new Set(Object.values(rows).flatMap((r) => Object.keys(r)))];
  return [
    `| | ${cols.join(' | ')} |`,
    `|---|${cols.map(() => '---:').join('|')}|`,
    ...Object.entries(rows).map(([k, r]) => `| ${k} | ${cols.map((c) => r[c] ?? '').join(' | ')} |`),
  ].join('\n');
}

/** Writes `CARD.md` (sources, build figures, statistics) into `dir`; returns its path. */
export async function writeDatasetCard(dir: string, build: BuildDatasetResult): Promise<string> {
  const s = await datasetStats(dir);
  const dist = Object.entries(s.distributions)
    .map(
      ([k, v]) =>
        `- ${k}: ${Object.entries(v)
          .map(([a, b]) => `${a} ${b}`)
          .join(', ')}`,
    )
    .join('\n');
  const cov = Object.entries(s.coverage)
    .map(([f, c]) => `- \`${f}\` tokens used: ${c.used} of ${c.vocabulary}`)
    .join('\n');
  const text = `# NexFitra plan-model training set

Prompts and teacher plans in the NexFitra plan language (\`@nexfitra/core/language\`), one row per
profile. Built by \`buildDataset\` of \`@nexfitra/pipeline\`; see datasets/training/README.md for
the population model and its sources.

## Build
- Teacher: ${build.teacher}
- Profiles planned: ${build.profiles} of ${build.requested} requested
- Rows: train ${build.rows.train}, val ${build.rows.val}, test ${build.rows.test}
- Not written: ${build.skipped.refusal} refused requests (the plan language has no refusal form), ${build.skipped.failure} planner failures
- Wall time ${(build.ms / 1000).toFixed(1)} s, ${build.rowsPerSecond} rows/s, peak RSS ${build.peakRssMb} MB

## Lengths (tokens; teacher time in ms)
${Object.keys(s.lengths).length ? table(s.lengths) : '(no rows)'}

## Distributions
${dist || '(no rows)'}

## Coverage of the vocabulary
${cov}

Not medical advice: the plans are what a rule planner wrote for synthetic people.
`;
  const path = join(dir, 'CARD.md');
  await writeFile(path, text);
  return path;
}
