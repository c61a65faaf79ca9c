/**
 * Repair of a proposed meal-plan day: the model (or a user) chooses the foods, the planner's
 * portion solver makes the numbers exact. Foods are only ever added from the allowed list, so a
 * repair never breaks a hard food rule.
 */
import type { MealDayT, MealT, SexT, TargetsSummaryT } from '@nexfitra/core';
import type { FoodT } from '@nexfitra/core/foods';
import { type PortionPlan, solvePortions } from '@nexfitra/planner';
import { DAY_BANDS, type DraftItem, type DraftMeal, dayProblem, itemKey, mealShares } from './_dayProblem';
import type { DayTotals, ItemSwap } from './types';

export interface RepairDayInput {
  readonly day: MealDayT;
  /** 0-based day index, for the report. */
  readonly dayIndex: number;
  readonly targets: TargetsSummaryT;
  readonly sex: SexT;
  /** Catalogue lookup by food id. */
  readonly foodsById: ReadonlyMap<string, FoodT>;
  /** Foods the request allows (diet, allergens, dislikes); additions come only from here. */
  readonly allowed: readonly FoodT[];
  /** Variety among equally good additions. */
  readonly seed: number;
  /** Solver time per attempt, ms; default 40. */
  readonly timeLimitMs?: number;
}

export interface RepairDayResult {
  readonly mealDay: MealDayT;
  readonly totals: DayTotals;
  /** Energy and every macro inside their bands. */
  readonly inBand: boolean;
  readonly gramsMoved: number;
  readonly itemsResized: number;
  readonly swaps: readonly ItemSwap[];
}

type Field = 'kcal' | 'proteinG' | 'fatG' | 'carbsG';
const MACRO_FIELDS: ReadonlySet<string> = new Set(['kcal', 'proteinG', 'fatG', 'carbsG']);
const WORDS: Record<Field, string> = {
  kcal: 'energy',
  proteinG: 'protein',
  fatG: 'fat',
  carbsG: 'carbohydrate',
};
const MAX_ATTEMPTS = 4;

/** Share of a food's energy that comes from `field` (for kcal: energy per 100 g / 900). */
function density(food: FoodT, field: Field): number {
  const p = food.per100g;
  if (field === 'kcal') return p.kcal / 900;
  const kcal = Math.max(p.kcal, 1);
  return field === 'proteinG'
    ? (4 * p.protein) / kcal
    : field === 'fatG'
      ? (9 * p.fat) / kcal
      : (4 * p.carbs) / kcal;
}

function amount(food: FoodT, field: Field): number {
  const p = food.per100g;
  return field === 'kcal' ? p.kcal : field === 'proteinG' ? p.protein : field === 'fatG' ? p.fat : p.carbs;
}

function badness(plan: PortionPlan): [number, number, number] {
  const hard = plan.misses.filter((m) => MACRO_FIELDS.has(m.field));
  const meal = plan.misses.filter((m) => m.field === 'mealKcal');
  return [
    hard.length,
    hard.reduce((s, m) => s + m.miss / Math.max(m.tolerance, 1e-9), 0),
    meal.reduce((s, m) => s + m.miss, 0),
  ];
}

const better = (a: readonly number[], b: readonly number[]) =>
  a[0] !== b[0] ? a[0]! < b[0]! : a[1] !== b[1] ? a[1]! < b[1]! : a[2]! < b[2]!;

/**
 * Portions for one proposed day so that energy lands within ±3 % of the target (never below the
 * sex's calorie floor) and each macro within ±5 g, each meal near its energy share, by the
 * planner's `solvePortions`, pulled towards the proposed grams. When the proposed foods cannot
 * reach a band, up to three re-tries add the allowed food densest in each target the day falls
 * short of (to the meal with the largest share that lacks it) and let the largest contributor
 * to an overshot target drop out; meal-share bands widen to ±15 % last. The closest plan is kept.
 *
 * @returns the repaired day, its totals, whether it is inside every band, and what changed
 */
export async function repairMealDay(input: RepairDayInput): Promise<RepairDayResult> {
  const { targets, sex, foodsById, allowed } = input;
  const timeLimitMs = input.timeLimitMs ?? 40;
  let draft: { type: string; items: DraftItem[] }[] = input.day.meals.map((meal) => ({
    type: meal.type,
    items: meal.items.map((it) => ({ food: foodsById.get(it.foodId)!, grams: it.grams, optional: false })),
  }));
  const shares = mealShares(draft.length);
  const reasons = new Map<string, string>();
  let shareTolerance: number = DAY_BANDS.mealShare;
  let best: { plan: PortionPlan; draft: readonly DraftMeal[] } | undefined;
  for (let a = 0; a < MAX_ATTEMPTS; a++) {
    if (a === MAX_ATTEMPTS - 1 && a > 0) shareTolerance = DAY_BANDS.widestMealShare;
    const plan = await solvePortions(dayProblem(draft, targets, sex, shareTolerance, timeLimitMs));
    if (!best || better(badness(plan), badness(best.plan))) best = { plan, draft };
    if (plan.misses.every((m) => !m.hard)) break;
    const hard = plan.misses.filter((m) => MACRO_FIELDS.has(m.field));
    if (hard.length === 0) {
      shareTolerance = Math.min(DAY_BANDS.widestMealShare, shareTolerance * 2);
      continue;
    }
    draft = draft.map((m) => ({ ...m, items: [...m.items] }));
    const inDay = new Set(draft.flatMap((m) => m.items.map((x) => x.food.id)));
    for (const miss of hard) {
      const field = miss.field as Field;
      if (miss.direction === 'under') {
        // Meals by share, largest first; the first with an allowed candidate gets the addition.
        const order = shares.map((s, m) => [s, m] as const).sort((x, y) => y[0] - x[0]);
        for (const [, m] of order) {
          const meal = draft[m]!;
          const pool = allowed
            .filter((f) => !inDay.has(f.id) && f.tags.mealTypes.includes(meal.type as never))
            .sort((x, y) => density(y, field) - density(x, field))
            .slice(0, 3);
          const pick = pool[(input.seed + input.dayIndex + a) % Math.max(pool.length, 1)];
          if (!pick) continue;
          meal.items.push({ food: pick, grams: 0, optional: true });
          inDay.add(pick.id);
          reasons.set(`${m}:${pick.id}`, `${WORDS[field]} under its band`);
          break;
        }
      } else {
        // The largest contributor to the overshot target may drop out (never a meal's last fixed item).
        let top: { m: number; i: number; v: number } | undefined;
        draft.forEach((meal, m) => {
          const fixed = meal.items.filter((x) => !x.optional).length;
          meal.items.forEach((x, i) => {
            const g = best!.plan.portions.find((p) => p.id === itemKey(m, i))?.grams ?? 0;
            const v = (amount(x.food, field) * g) / 100;
            if (!x.optional && fixed > 1 && (!top || v > top.v)) top = { m, i, v };
          });
        });
        if (top) {
          const meal = draft[top.m]!;
          const item = meal.items[top.i]!;
          meal.items[top.i] = { ...item, optional: true };
          reasons.set(`${top.m}:${item.food.id}`, `${WORDS[field]} over its band`);
        }
      }
    }
  }
  return finish(input, best!, reasons);
}

function finish(
  input: RepairDayInput,
  best: { plan: PortionPlan; draft: readonly DraftMeal[] },
  reasons: ReadonlyMap<string, string>,
): RepairDayResult {
  const grams = new Map(best.plan.portions.map((p) => [p.id, p.grams]));
  const swaps: ItemSwap[] = [];
  let gramsMoved = 0;
  let itemsResized = 0;
  const meals: MealT[] = best.draft.map((meal, m) => {
    const items: MealT['items'][number][] = [];
    meal.items.forEach((x, i) => {
      const g = grams.get(itemKey(m, i)) ?? 0;
      const proposed = x.grams;
      if (g !== proposed) {
        gramsMoved += Math.abs(g - proposed);
        itemsResized++;
      }
      const why = reasons.get(`${m}:${x.food.id}`) ?? 'portion solver';
      if (g > 0) items.push({ foodId: x.food.id, grams: g });
      if (g > 0 && proposed === 0)
        swaps.push({ day: input.dayIndex, meal: m, added: x.food.id, reason: why });
      if (g === 0 && proposed > 0)
        swaps.push({ day: input.dayIndex, meal: m, removed: x.food.id, reason: why });
    });
    return { type: meal.type as MealT['type'], items };
  });
  const t = best.plan.totals;
  return {
    mealDay: { meals },
    totals: { kcal: t.kcal, proteinG: t.proteinG, fatG: t.fatG, carbsG: t.carbsG, fiberG: t.fiberG },
    inBand: best.plan.misses.every((m) => !MACRO_FIELDS.has(m.field)),
    gramsMoved,
    itemsResized,
    swaps,
  };
}
