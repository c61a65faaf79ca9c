/** Energy, macro and micronutrient metrics of the meal plan, against the targets the plan carries. */
import * as core from '@nexfitra/core';
import { DEFAULT_VALIDATION_OPTIONS, type PlanDayTotals } from '@nexfitra/core';
import type { MetricInput } from './_input';
import type { MetricFamily, RequestMetric } from './types';

/**
 * Sodium Chronic Disease Risk Reduction intake, mg/d: intakes above it should be reduced
 * (NASEM. Dietary Reference Intakes for Sodium and Potassium. National Academies Press; 2019).
 */
export const SODIUM_CDRR_MG = 2300;

/** The nutrients with an adult RDA/AI that core's validators check (amounts come from core). */
export const DRI_NUTRIENTS = [
  'calcium_mg',
  'vitamin_d_iu',
  'iron_mg',
  'zinc_mg',
  'magnesium_mg',
  'vitamin_c_mg',
  'vitamin_b12_ug',
  'potassium_mg',
] as const;

type Known = PlanDayTotals;
const known = (x: MetricInput): Known[] => x.days.filter((d): d is Known => d !== null);
const mean = (xs: readonly number[]) => (xs.length === 0 ? null : xs.reduce((s, v) => s + v, 0) / xs.length);

/** Mean over known days of |day − target| (or its % of target), `null` without days or target. */
function meanError(
  days: readonly (PlanDayTotals | null)[] | null,
  target: number | undefined,
  pick: (d: Known) => number,
  pct: boolean,
): number | null {
  if (days === null || target === undefined || target <= 0) return null;
  const ks = days.filter((d): d is Known => d !== null);
  return mean(
    ks.map((d) => (pct ? (Math.abs(pick(d) - target) / target) * 100 : Math.abs(pick(d) - target))),
  );
}

const target = (x: MetricInput) => x.plan?.targets;

/**
 * The model's own accuracy, before the repair step moves grams and swaps foods: the same errors
 * as after repair, on the proposal's day totals (inference's `report.proposedDayTotals`, foods
 * at the grams the model wrote). Counted for every request whose proposal parsed, including
 * those whose repaired plan still failed. Null for rule models (they propose nothing to repair).
 */
export const BEFORE_REPAIR_METRICS: readonly RequestMetric[] = [
  {
    key: 'kcalErrorPctBeforeRepair',
    unit: '%',
    better: 'lower',
    group: 'repair',
    doc: "Mean over days of |proposed day kcal − target| / target × 100 on the model's proposal BEFORE repair (its foods at its grams); null for rule models (n/a: no proposal).",
    compute: (x) => meanError(x.proposalDays, x.targets?.kcal, (d) => d.kcal, true),
  },
  {
    key: 'proteinErrorGBeforeRepair',
    unit: 'g/d',
    better: 'lower',
    group: 'repair',
    doc: 'Mean over days of |proposed day protein − target| in grams, BEFORE repair; null for rule models.',
    compute: (x) => meanError(x.proposalDays, x.targets?.proteinG, (d) => d.proteinG, false),
  },
  {
    key: 'fatErrorGBeforeRepair',
    unit: 'g/d',
    better: 'lower',
    group: 'repair',
    doc: 'Mean over days of |proposed day fat − target| in grams, BEFORE repair; null for rule models.',
    compute: (x) => meanError(x.proposalDays, x.targets?.fatG, (d) => d.fatG, false),
  },
  {
    key: 'carbsErrorGBeforeRepair',
    unit: 'g/d',
    better: 'lower',
    group: 'repair',
    doc: 'Mean over days of |proposed day carbohydrate − target| in grams, BEFORE repair; null for rule models.',
    compute: (x) => meanError(x.proposalDays, x.targets?.carbsG, (d) => d.carbsG, false),
  },
];

export const NUTRITION_METRICS: readonly RequestMetric[] = [
  {
    key: 'kcalErrorPct',
    unit: '%',
    better: 'lower',
    group: 'nutrition',
    doc: 'Mean over days of |day kcal − target kcal| / target × 100, after repair (the returned plan).',
    compute: (x) => meanError(x.days, target(x)?.kcal, (d) => d.kcal, true),
  },
  {
    key: 'kcalMaxErrorPct',
    unit: '%',
    better: 'lower',
    group: 'nutrition',
    doc: 'Worst day: max over days of |day kcal − target| / target × 100.',
    compute: (x) => {
      const t = target(x)?.kcal;
      const ks = known(x);
      return t === undefined || ks.length === 0
        ? null
        : Math.max(...ks.map((d) => (Math.abs(d.kcal - t) / t) * 100));
    },
  },
  {
    key: 'proteinErrorG',
    unit: 'g/d',
    better: 'lower',
    group: 'nutrition',
    doc: 'Mean over days of |day protein − target| in grams.',
    compute: (x) => meanError(x.days, target(x)?.proteinG, (d) => d.proteinG, false),
  },
  {
    key: 'fatErrorG',
    unit: 'g/d',
    better: 'lower',
    group: 'nutrition',
    doc: 'Mean over days of |day fat − target| in grams.',
    compute: (x) => meanError(x.days, target(x)?.fatG, (d) => d.fatG, false),
  },
  {
    key: 'carbsErrorG',
    unit: 'g/d',
    better: 'lower',
    group: 'nutrition',
    doc: 'Mean over days of |day carbohydrate (total, fiber included) − target| in grams.',
    compute: (x) => meanError(x.days, target(x)?.carbsG, (d) => d.carbsG, false),
  },
  {
    key: 'daysInBandShare',
    unit: 'share',
    better: 'higher',
    group: 'nutrition',
    doc: "Share of days with kcal within ± the validators' kcal tolerance (3 %) and protein, fat and carbohydrate within ± their macro tolerance (5 g).",
    compute: (x) => {
      const t = target(x);
      if (t === undefined || x.days.length === 0) return null;
      const o = DEFAULT_VALIDATION_OPTIONS;
      const tol = o.macroToleranceG;
      const ok = x.days.map(
        (d) =>
          d !== null &&
          Math.abs(d.kcal - t.kcal) <= (t.kcal * o.kcalTolerancePercent) / 100 &&
          Math.abs(d.proteinG - t.proteinG) <= tol &&
          Math.abs(d.fatG - t.fatG) <= tol &&
          Math.abs(d.carbsG - t.carbsG) <= tol,
      );
      return ok.filter(Boolean).length / ok.length;
    },
  },
  {
    key: 'sodiumMgPerDay',
    unit: 'mg/d',
    better: 'lower',
    group: 'realism',
    doc: 'Mean daily sodium over the days whose every food reports sodium.',
    compute: (x) =>
      mean(
        known(x).flatMap((d) =>
          d.micronutrients?.['sodium_mg'] === undefined ? [] : [d.micronutrients['sodium_mg']],
        ),
      ),
  },
  {
    key: 'sodiumDaysOverShare',
    unit: 'share',
    better: 'lower',
    group: 'realism',
    doc: `Share of days above the sodium CDRR of ${SODIUM_CDRR_MG} mg (NASEM 2019).`,
    compute: (x) => {
      const s = known(x).flatMap((d) =>
        d.micronutrients?.['sodium_mg'] === undefined ? [] : [d.micronutrients['sodium_mg']],
      );
      return s.length === 0 ? null : s.filter((v) => v > SODIUM_CDRR_MG).length / s.length;
    },
  },
  {
    key: 'distinctFoodsPerWeek',
    unit: 'foods/week',
    better: 'neutral',
    group: 'realism',
    doc: 'Distinct foods in the plan × 7 / days: too few is monotony, far too many is an unbuyable shopping list.',
    compute: (x) =>
      x.plan === null
        ? null
        : (new Set(x.plan.mealPlan.days.flatMap((d) => d.meals.flatMap((m) => m.items.map((i) => i.foodId))))
            .size *
            7) /
          x.plan.mealPlan.days.length,
  },
  {
    key: 'singleUseFoodShare',
    unit: 'share',
    better: 'lower',
    group: 'realism',
    doc: 'Share of distinct foods that appear in only one meal of the whole plan (bought for one use: no leftovers, a poor shopping list).',
    compute: (x) => {
      if (x.plan === null) return null;
      const uses = new Map<string, number>();
      for (const d of x.plan.mealPlan.days)
        for (const m of d.meals)
          for (const id of new Set(m.items.map((i) => i.foodId))) uses.set(id, (uses.get(id) ?? 0) + 1);
      return uses.size === 0 ? null : [...uses.values()].filter((n) => n === 1).length / uses.size;
    },
  },
];

type RefFn = (sex: string, age: number) => readonly { key: string; kind: string; amount: number }[];
/** Core's DRI table when it is exported (feature-detected), else read from its violations. */
const coreRefs = (core as unknown as { adultMicronutrientReferences?: RefFn }).adultMicronutrientReferences;

/**
 * Coverage of one nutrient, %: mean daily intake / RDA (or AI) × 100, capped at 100 so excess of
 * one nutrient is not a merit. The reference comes from core: its table when exported, else the
 * `expected.min` of core's MICRONUTRIENT_BELOW_DRI violation whose measured mean matches this
 * nutrient (no violation ⇒ the RDA is met ⇒ 100). Null under 19, in pregnancy or lactation
 * (core does not check them) or when a day lacks the nutrient.
 */
function driCoverage(x: MetricInput): Record<string, number | null> {
  const p = x.request.profile;
  if (x.plan === null || p.age < 19 || p.pregnant === true || p.lactating === true) return {};
  const ks = known(x);
  const out: Record<string, number | null> = {};
  const refs = coreRefs?.(p.sex, p.age);
  for (const key of DRI_NUTRIENTS) {
    const amounts = ks.map((d) => d.micronutrients?.[key]);
    if (ks.length === 0 || amounts.some((a) => a === undefined)) {
      out[key] = null;
      continue;
    }
    const m = (amounts as number[]).reduce((s, v) => s + v, 0) / amounts.length;
    const ref = refs?.find((r) => r.key === key && r.kind === 'min')?.amount;
    if (ref !== undefined) {
      out[key] = Math.min(100, (m / ref) * 100);
      continue;
    }
    const v = x.soft.find(
      (s) =>
        s.code === 'MICRONUTRIENT_BELOW_DRI' &&
        s.measured !== undefined &&
        Math.abs(s.measured - m) <= 1e-9 * Math.max(1, m),
    );
    out[key] = v?.expected?.min ? Math.min(100, (m / v.expected.min) * 100) : 100;
  }
  return out;
}

export const NUTRITION_FAMILIES: readonly MetricFamily[] = [
  {
    prefix: 'dri',
    unit: '%',
    better: 'higher',
    group: 'realism',
    doc: 'DRI coverage of one micronutrient: mean daily intake / adult RDA or AI × 100, capped at 100 (references from core).',
    members: () => DRI_NUTRIENTS,
    compute: driCoverage,
  },
];
