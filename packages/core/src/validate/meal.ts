import { Dish, type DishT } from '../schemas/dish';
import { Food, type FoodT } from '../schemas/food';
import { MealPlan, type MealPlanT } from '../schemas/meal';
import { parseOrThrow } from '../schemas/parse';
import { PlanRequest, type PlanRequestT, TargetsSummary, type TargetsSummaryT } from '../schemas/plan';
import { fiberForEnergy } from '../targets/fiber';
import { safetyFindings } from '../targets/safety';
import { requireLookup } from './_context';
import { dayTotals, type PlanDayTotals } from './_dayTotals';
import { checkMealItems, checkVariety } from './_mealItems';
import { checkMealRealism } from './_mealRealism';
import { checkMicronutrients } from './_micronutrients';
import { parseForViolations } from './_schema';
import { type ResolvedOptions, resolveOptions, type ValidationOptions } from './options';
import { type Violation, type ViolationCode, violation } from './violation';

export type { PlanDayTotals } from './_dayTotals';

type Path = readonly (string | number)[];

export interface MealContext {
  /** The food with this id, or `undefined` (e.g. `byIdLookup(FOODS)`). */
  readonly foods: (id: string) => FoodT | undefined;
  /**
   * Optional: the dish with this id, or `undefined` (e.g. `byIdLookup(DISHES)`). With it, a
   * dish's seasoning and sauce components (3 g of scallions on a congee, a sheet of nori) have
   * no lower portion bound, like condiments (`PORTION_OUT_OF_RANGE`).
   */
  readonly dishes?: (id: string) => DishT | undefined;
}

/** @internal The context's optional dish lookup, checked like the others when given. */
export function dishLookup(fn: string, context: MealContext): MealContext['dishes'] {
  if ((context as { dishes?: unknown }).dishes === undefined) return undefined;
  return requireLookup(fn, context, 'dishes', Dish) as MealContext['dishes'];
}

export interface MealPlanMetrics {
  /** Per day; `null` for a day with an unknown food (its totals would be incomplete). */
  readonly days: readonly (PlanDayTotals | null)[];
  /** Distinct food ids over the whole plan. */
  readonly distinctFoods: number;
}

export interface MealPlanValidation {
  /** `true` when no violation is `hard`. */
  readonly ok: boolean;
  readonly violations: readonly Violation[];
  /** `null` when the meal plan failed its schema. */
  readonly metrics: MealPlanMetrics | null;
}

const r1 = (x: number) => Math.round(x * 10) / 10;
/** A measured value and its limit as text: to 0.1, or to 0.01 where 0.1 would print them equal ("27.96 g is under 28 g", not "28 g is under 28 g"). */
const shown = (measured: number, limit: number): [string, string] => {
  const d = r1(measured) === r1(limit) ? 2 : 1;
  const f = (x: number) => String(Math.round(x * 10 ** d) / 10 ** d);
  return [f(measured), f(limit)];
};

function checkDay(
  totals: PlanDayTotals,
  path: Path,
  request: PlanRequestT,
  targets: TargetsSummaryT,
  o: ResolvedOptions,
): Violation[] {
  const out: Violation[] = [];
  const { sex } = request.profile;
  for (const f of safetyFindings({ sex, goal: request.goal.type, targetKcal: totals.kcal })) {
    if (f.code !== 'BELOW_CALORIE_FLOOR') continue;
    out.push(
      violation(
        'CALORIES_BELOW_FLOOR',
        path,
        `the day supplies ${Math.round(totals.kcal)} kcal, under the ${f.limit} kcal/d floor (${f.source})`,
        { measured: totals.kcal, expected: { min: f.limit }, unit: 'kcal/d' },
      ),
    );
  }
  const kcalTol = (targets.kcal * o.kcalTolerancePercent) / 100;
  const bands: [ViolationCode, string, number, number, number, string][] = [
    ['KCAL_OFF_TARGET', 'energy', totals.kcal, targets.kcal, kcalTol, 'kcal'],
    ['PROTEIN_OFF_TARGET', 'protein', totals.proteinG, targets.proteinG, o.macroToleranceG, 'g'],
    ['FAT_OFF_TARGET', 'fat', totals.fatG, targets.fatG, o.macroToleranceG, 'g'],
    ['CARBS_OFF_TARGET', 'carbohydrate', totals.carbsG, targets.carbsG, o.macroToleranceG, 'g'],
  ];
  for (const [code, what, measured, target, tol, unit] of bands) {
    if (Math.abs(measured - target) > tol) {
      out.push(
        violation(
          code,
          path,
          `${what} ${r1(measured)} ${unit} is outside the target ${r1(target)} ± ${r1(tol)} ${unit}`,
          { measured, expected: { min: target - tol, max: target + tol }, unit },
        ),
      );
    }
  }
  // Without a fiber target, 14 g/1,000 kcal of the energy target; `fiberForEnergy` serves up to
  // 10,000 kcal, and above that (an implausible target) the fiber check is skipped, not clamped.
  const fiberTarget = targets.fiberG ?? (targets.kcal <= 10000 ? fiberForEnergy(targets.kcal) : undefined);
  if (fiberTarget !== undefined && totals.fiberG < fiberTarget - o.fiberToleranceG) {
    const [had, want] = shown(totals.fiberG, fiberTarget);
    out.push(
      violation(
        'FIBER_BELOW_TARGET',
        path,
        `fiber ${had} g is under the target ${want} g${targets.fiberG === undefined ? ' (14 g per 1,000 kcal, IOM 2005)' : ''}`,
        { measured: totals.fiberG, expected: { min: fiberTarget - o.fiberToleranceG }, unit: 'g' },
      ),
    );
  }
  return out;
}

/** @internal The checks on a schema-valid meal plan; paths start at `base`. */
export function checkMealPlan(
  plan: MealPlanT,
  request: PlanRequestT,
  targets: TargetsSummaryT,
  lookup: (id: string) => FoodT | undefined,
  o: ResolvedOptions,
  base: Path,
  dishes?: MealContext['dishes'],
): { violations: Violation[]; metrics: MealPlanMetrics } {
  const violations = checkMealItems(plan, request, lookup, base);
  if (plan.days.length !== request.days) {
    violations.push(
      violation(
        'DAY_COUNT_MISMATCH',
        [...base, 'days'],
        `the plan covers ${plan.days.length} days; ${request.days} asked`,
        {
          measured: plan.days.length,
          expected: { min: request.days, max: request.days },
          unit: 'days',
        },
      ),
    );
  }
  const asked = request.preferences.mealsPerDay;
  const days = plan.days.map((day, d) => {
    const path = [...base, 'days', d];
    if (day.meals.length !== asked) {
      violations.push(
        violation(
          'MEALS_PER_DAY_MISMATCH',
          [...path, 'meals'],
          `day ${d + 1} has ${day.meals.length} meals; ${asked} asked`,
          {
            measured: day.meals.length,
            expected: { min: asked, max: asked },
            unit: 'meals',
          },
        ),
      );
    }
    const totals = dayTotals(day, lookup);
    if (totals !== null) violations.push(...checkDay(totals, path, request, targets, o));
    return totals;
  });
  violations.push(...checkVariety(plan, o.minDistinctFoodsPerWeek, o.maxSameMealStreakDays, base, lookup));
  if (o.micronutrients) violations.push(...checkMicronutrients(days, request, [...base, 'days']));
  if (o.realism) violations.push(...checkMealRealism(plan, lookup, base, dishes));
  const distinctFoods = new Set(
    plan.days.flatMap((d) => d.meals.flatMap((m) => m.items.map((x) => x.foodId))),
  ).size;
  return { violations, metrics: { days, distinctFoods } };
}

/**
 * Checks a meal plan against its request and daily targets. Hard: unknown foods, allergens
 * (`gluten` also matches `wheat`), diet, disliked foods, day count and meals per day not as
 * asked, a day's energy under the sex-specific floor of the targets safety policy
 * (`CALORIE_FLOOR_KCAL`). Soft, per day: energy (± `kcalTolerancePercent` of target), protein,
 * fat, carbohydrate (± `macroToleranceG`), fiber under `targets.fiberG` (or 14 g/1,000 kcal when
 * absent); per item: portion outside the food's `portion` bounds; per plan: variety. Energy is
 * the food data's stored kcal and carbohydrate is total carbohydrate (fiber included), summed with
 * `mealNutrients`. Micronutrients: the plan's mean daily intake against the adult RDA/AI (and
 * the sodium CDRR) where the food data reports the nutrient for every item (see `_dri.ts`;
 * iron × 1.8 for vegetarian and vegan diets), and fibre against its AI. Realism, all soft with
 * measured values (see `_mealRealism.ts`): portions outside [¼ ×, 3 ×] the household serving, a
 * day's sodium over 2,300 mg, two starches in a meal, a condiment as a meal's staple or over
 * 30 g, over 30 g added fat in a meal, a lunch or dinner under 20 g protein on a ≥ 80 g day, a
 * breakfast without a protein food, dry cereal without milk, more than 45 distinct foods a week.
 *
 * @param mealPlan the meal plan, untrusted: schema errors come back as `SCHEMA` violations
 * @param request the request it answers (must be a valid `PlanRequest`)
 * @param targets the daily targets it was built to (must be a valid `TargetsSummary`)
 * @param context `{ foods }` lookup (and optionally `dishes`)
 * @throws {NexFitraError} only for misuse: invalid request or targets (`SCHEMA`), a missing lookup or bad options
 * @example validateMealPlan(mealPlan, request, targets, { foods: byIdLookup(FOODS) }).ok
 */
export function validateMealPlan(
  mealPlan: unknown,
  request: PlanRequestT,
  targets: TargetsSummaryT,
  context: MealContext,
  options: ValidationOptions = {},
): MealPlanValidation {
  const fn = 'validateMealPlan';
  const lookup = requireLookup(fn, context, 'foods', Food) as MealContext['foods'];
  const o = resolveOptions(fn, options);
  const req = parseOrThrow(PlanRequest, request, fn);
  const tgt = parseOrThrow(TargetsSummary, targets, fn);
  const parsed = parseForViolations(MealPlan, mealPlan, []);
  if ('violations' in parsed) return { ok: false, violations: parsed.violations, metrics: null };
  const { violations, metrics } = checkMealPlan(
    parsed.data,
    req,
    tgt,
    lookup,
    o,
    [],
    dishLookup(fn, context),
  );
  return { ok: violations.every((v) => v.severity !== 'hard'), violations, metrics };
}
