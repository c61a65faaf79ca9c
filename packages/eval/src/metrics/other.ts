/** Preference fit, repair, speed and the summary quality score. */
import type { MealT } from '@nexfitra/core';
import { getDish, hasDish } from '@nexfitra/core/dishes';
import type { RequestMetric } from './types';

/** Cuisines of a meal's dishes (items carry `dishId`); `null` when no item names a known dish. */
function mealCuisines(meal: MealT): readonly string[] | null {
  const ids = meal.items.flatMap((i) => (i.dishId !== undefined && hasDish(i.dishId) ? [i.dishId] : []));
  return ids.length === 0 ? null : ids.flatMap((id) => getDish(id).cuisines);
}

export const PREFERENCE_METRICS: readonly RequestMetric[] = [
  {
    key: 'preferredExerciseShare',
    unit: 'share',
    better: 'higher',
    group: 'preference',
    doc: "Share of the person's preferred exercises that appear in the programme; null when none are preferred.",
    compute: (x) => {
      const liked = x.request.preferences.preferredExerciseIds;
      if (x.plan === null || liked.length === 0) return null;
      const used = new Set(
        x.plan.workoutProgram.weeks.flatMap((w) =>
          w.sessions.flatMap((s) => s.exercises.map((e) => e.exerciseId)),
        ),
      );
      return liked.filter((id) => used.has(id)).length / liked.length;
    },
  },
  {
    key: 'cuisineFit',
    unit: 'share',
    better: 'higher',
    group: 'preference',
    doc: "Share of meals with a dish (core dish catalogue, via the items' dishId) of a cuisine the person asked for; null when no cuisine is asked or no item names a dish.",
    compute: (x) => {
      const asked = new Set(x.request.preferences.cuisines.map((c) => c.toLowerCase()));
      if (x.plan === null || asked.size === 0) return null;
      const meals = x.plan.mealPlan.days.flatMap((d) => d.meals).map(mealCuisines);
      if (meals.every((c) => c === null)) return null;
      return meals.filter((c) => c?.some((k) => asked.has(k.toLowerCase()))).length / meals.length;
    },
  },
  {
    key: 'dislikedFoodFree',
    unit: 'share',
    better: 'higher',
    group: 'preference',
    doc: '1 when no disliked food appears (the hard DISLIKED_FOOD check as a per-request fit), else 0; null without a plan.',
    compute: (x) => (x.plan === null ? null : x.hard.some((v) => v.code === 'DISLIKED_FOOD') ? 0 : 1),
  },
  {
    key: 'repairChangePct',
    unit: '%',
    better: 'lower',
    group: 'repair',
    doc: "How much the repair changed the model's proposal: grams moved / grams of the repaired plan × 100; null for rule models (no repair).",
    compute: (x) =>
      x.outcome.repair && x.outcome.repair.totalGrams > 0
        ? (x.outcome.repair.gramsMoved / x.outcome.repair.totalGrams) * 100
        : null,
  },
  {
    key: 'repairGramsPerDay',
    unit: 'g/d',
    better: 'lower',
    group: 'repair',
    doc: 'Grams the repair moved per plan day: Σ over items |grams after − grams proposed| / days; null for rule models.',
    compute: (x) =>
      x.outcome.repair && x.outcome.repair.days > 0
        ? x.outcome.repair.gramsMoved / x.outcome.repair.days
        : null,
  },
  {
    key: 'repairItemsResized',
    unit: 'count',
    better: 'lower',
    group: 'repair',
    doc: 'Items whose grams the repair changed, per plan; null for rule models or when the model path does not say.',
    compute: (x) => x.outcome.repair?.itemsResized ?? null,
  },
  {
    key: 'repairSwaps',
    unit: 'count',
    better: 'lower',
    group: 'repair',
    doc: 'Foods the repair swapped in or out, per plan; null for rule models.',
    compute: (x) => x.outcome.repair?.swaps ?? null,
  },
  {
    key: 'latencyMs',
    unit: 'ms',
    better: 'lower',
    group: 'speed',
    doc: 'Wall time of one plan call, request in → plan out (repair and validation by the model path included; eval checks excluded).',
    compute: (x) => x.outcome.timings.totalMs,
  },
  {
    key: 'cpuMs',
    unit: 'ms',
    better: 'lower',
    group: 'speed',
    doc: "CPU time of one plan call (user + system over every thread of the process, onnxruntime's included), ms. Unlike latency it hardly depends on how loaded the machine is; null when calls overlapped in one process (--concurrency without worker processes).",
    compute: (x) => x.outcome.timings.cpuMs ?? null,
  },
  {
    key: 'firstOutputMs',
    unit: 'ms',
    better: 'lower',
    group: 'speed',
    doc: 'Time to first token (TTFT): from the call to the first token the model emits (targets, prompt and grammar included; batched rows arrive together), ms; null for rule models (no stream).',
    compute: (x) => x.outcome.timings.firstOutputMs ?? null,
  },
  {
    key: 'tokensPerSecond',
    unit: 'tokens/s',
    better: 'higher',
    group: 'speed',
    doc: "Tokens emitted / seconds in constrained generation (the report's generate stage; the whole call when not reported); null for rule models.",
    compute: (x) => {
      const ms = x.outcome.timings.generateMs ?? x.outcome.timings.totalMs;
      return x.outcome.tokens === undefined || ms <= 0 ? null : x.outcome.tokens / (ms / 1000);
    },
  },
];

/** The parts of {@link QUALITY_SCORE}: shares in 0–1 where higher is better. */
export const QUALITY_PARTS = [
  'daysInBandShare',
  'sodiumOk',
  'weeklySetsInRangeShare',
  'patternCoverage',
  'progressionShare',
  'sessionFitShare',
] as const;

/**
 * A summary for charts only (the verdicts use each metric on its own): 0 without a valid plan,
 * else 100 × the mean of six shares — days in the kcal/macro bands, days at or under the sodium
 * CDRR, (week, muscle) pairs with sets in range, pattern coverage, progression, sessions that
 * fit. Equal weights: a house choice, stated so that nobody reads more into it.
 */
export function qualityScore(parts: Readonly<Record<string, number | null>>, valid: boolean): number {
  if (!valid) return 0;
  const xs = QUALITY_PARTS.map((k) => parts[k]).filter((v): v is number => v !== null && v !== undefined);
  return xs.length === 0 ? 0 : (100 * xs.reduce((s, v) => s + v, 0)) / xs.length;
}

export const QUALITY_SCORE: RequestMetric = {
  key: 'qualityScore',
  unit: 'score 0–100',
  better: 'higher',
  group: 'summary',
  doc: 'Summary for charts: 0 without a valid plan, else 100 × the equal-weight mean of days in band, days under the sodium CDRR, sets in range, pattern coverage, progression and session fit. Verdicts use the metrics themselves.',
  compute: () => null, // filled in by computeMetrics from the other metrics
};
