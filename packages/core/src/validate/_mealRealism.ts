import { SODIUM_CDRR_MG } from '../nutrition/dri';
import {
  householdServing,
  isCondimentFood,
  isDryCereal,
  isFatFood,
  isMilkOrYogurt,
  isProteinPortion,
  isStarchFood,
  PORTION_SERVING_RANGE,
} from '../nutrition/foodClass';
import type { DishT } from '../schemas/dish';
import type { FoodT, ServingT } from '../schemas/food';
import type { MealPlanT } from '../schemas/meal';
import { isKnownImmutable } from './_context';
import { type Violation, violation } from './violation';

type Path = readonly (string | number)[];

/**
 * House rules of a meal a person would eat (the planner issue's "numbers to reach"); each check
 * below names the one it applies.
 */
export const MEAL_REALISM = {
  /** Most added fat (oils, butter, dressings) in one meal, g. */
  maxFatPerMealG: 30,
  /** Most of one condiment or seasoning in one meal, g. */
  maxCondimentG: 30,
  /** A condiment supplying at least this share of a meal's energy is its staple. */
  condimentStapleShare: 0.25,
  /** Least protein in a lunch or dinner, g, … */
  minMainMealProteinG: 20,
  /** … checked on days that supply at least this much protein, g. */
  mainMealProteinDayMinG: 80,
  /** Most distinct foods in a 7-day block. */
  maxDistinctFoodsPerWeek: 45,
} as const;

/** A food's household serving and classes (`foodClass.ts`), each worked out once per call. */
interface FoodClasses {
  readonly serving: ServingT;
  readonly condiment: boolean;
  readonly fat: boolean;
  readonly starch: boolean;
  readonly dryCereal: boolean;
  readonly milk: boolean;
}

/** {@link FoodClasses} of records that cannot change (the core catalogue's), kept across calls. */
const LASTING = new WeakMap<FoodT, FoodClasses>();

/**
 * A memo of {@link FoodClasses} by food record for one validation call (records do not change
 * within it), and across calls for records that cannot change at all (`isKnownImmutable`).
 */
function foodClasses(): (food: FoodT) => FoodClasses {
  const memo = new Map<FoodT, FoodClasses>();
  return (food) => {
    let c = memo.get(food) ?? LASTING.get(food);
    if (c === undefined) {
      c = {
        serving: householdServing(food),
        condiment: isCondimentFood(food),
        fat: isFatFood(food),
        starch: isStarchFood(food),
        dryCereal: isDryCereal(food),
        milk: isMilkOrYogurt(food),
      };
      (isKnownImmutable(food) ? LASTING : memo).set(food, c);
    }
    return c;
  };
}

const r0 = (x: number) => Math.round(x);
const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * @internal Realism checks of a meal plan, all soft, each with its measured value: portions
 * outside [¼ ×, 3 ×] the household serving (`PORTION_OUT_OF_RANGE`; condiments and seasonings,
 * and with a dish lookup a dish's seasoning and sauce components, have no lower bound: a pinch
 * of salt), a day's sodium over the
 * 2,300 mg CDRR (`SODIUM_OVER_LIMIT`, NASEM 2019; foods that do not report sodium count 0, so
 * the figure is a lower bound), and per meal: two or more starches (`TWO_STARCHES`, each at ≥ ¼
 * serving), a condiment as the heaviest item or ≥ 25 % of the energy (`CONDIMENT_AS_STAPLE`),
 * a condiment over 30 g (`CONDIMENT_PORTION_HIGH`), over 30 g added fat
 * (`FAT_PORTION_HIGH`), a lunch or dinner under 20 g protein on a day of ≥ 80 g
 * (`LOW_PROTEIN_MAIN_MEAL`), a breakfast without a protein food (`BREAKFAST_WITHOUT_PROTEIN`),
 * dry cereal without milk or yogurt (`DRY_CEREAL_WITHOUT_MILK`); per 7-day block more than 45
 * distinct foods (`TOO_MANY_DISTINCT_FOODS`). Unknown foods are skipped (reported elsewhere).
 */
export function checkMealRealism(
  plan: MealPlanT,
  lookup: (id: string) => FoodT | undefined,
  base: Path,
  dishes?: (id: string) => DishT | undefined,
): Violation[] {
  const out: Violation[] = [];
  const R = MEAL_REALISM;
  const classOf = foodClasses();
  /** Per dish id: its foods authored as a seasoning or a sauce (a garnish of scallions, a sheet of nori). */
  const seasonings = new Map<string, ReadonlySet<string>>();
  const seasoningInDish = (dishId: string | undefined, foodId: string): boolean => {
    if (dishId === undefined || dishes === undefined) return false;
    let set = seasonings.get(dishId);
    if (set === undefined) {
      const dish = dishes(dishId);
      set = new Set(
        (dish?.components ?? [])
          .filter((c) => c.role === 'seasoning' || c.role === 'sauce')
          .map((c) => c.foodId),
      );
      seasonings.set(dishId, set);
    }
    return set.has(foodId);
  };
  plan.days.forEach((day, d) => {
    const dayPath = [...base, 'days', d];
    let sodium = 0;
    let dayProtein = 0;
    const meals = day.meals.map((meal) => meal.items.map((item) => ({ item, food: lookup(item.foodId) })));
    for (const meal of meals)
      for (const { item, food } of meal) {
        if (!food) continue;
        sodium += ((food.per100g.micronutrients?.sodium_mg ?? 0) * item.grams) / 100;
        dayProtein += (food.per100g.protein * item.grams) / 100;
      }
    if (sodium > SODIUM_CDRR_MG) {
      out.push(
        violation(
          'SODIUM_OVER_LIMIT',
          dayPath,
          `day ${d + 1} supplies ${r0(sodium)} mg sodium, over the ${SODIUM_CDRR_MG} mg/d of the NASEM 2019 CDRR`,
          { measured: sodium, expected: { max: SODIUM_CDRR_MG }, unit: 'mg/d' },
        ),
      );
    }
    meals.forEach((items, m) => {
      const type = day.meals[m]!.type;
      const mealPath = [...dayPath, 'meals', m];
      let kcal = 0;
      let protein = 0;
      let fat = 0;
      let heaviest: { grams: number; food: FoodT } | undefined;
      const starches = new Set<string>();
      for (const [i, { item, food }] of items.entries()) {
        if (!food) continue;
        kcal += (food.per100g.kcal * item.grams) / 100;
        protein += (food.per100g.protein * item.grams) / 100;
        if (!heaviest || item.grams > heaviest.grams) heaviest = { grams: item.grams, food };
        const cls = classOf(food);
        const serving = cls.serving;
        // A pinch of a seasoning or a dash of a sauce may be less than ¼ of its measure, and so
        // may a food a dish uses as one (with the context's dish lookup).
        const lo =
          cls.condiment || seasoningInDish(item.dishId, food.id)
            ? 0
            : PORTION_SERVING_RANGE.min * serving.grams;
        const hi = PORTION_SERVING_RANGE.max * serving.grams;
        if (item.grams < lo - 1e-9 || item.grams > hi + 1e-9) {
          out.push(
            violation(
              'PORTION_OUT_OF_RANGE',
              [...mealPath, 'items', i, 'grams'],
              `${item.grams} g of ${food.name} is outside ¼–3 × its household serving "${serving.label}" (${serving.grams} g)`,
              { measured: item.grams, expected: { min: lo, max: hi }, unit: 'g' },
            ),
          );
        }
        if (cls.fat) fat += item.grams;
        if (cls.starch && item.grams >= lo) starches.add(food.id);
        if (cls.condiment && item.grams > R.maxCondimentG) {
          out.push(
            violation(
              'CONDIMENT_PORTION_HIGH',
              [...mealPath, 'items', i, 'grams'],
              `${item.grams} g of ${food.name} in one meal; a condiment is at most ${R.maxCondimentG} g`,
              { measured: item.grams, expected: { max: R.maxCondimentG }, unit: 'g' },
            ),
          );
        }
      }
      for (const [i, { item, food }] of items.entries()) {
        if (!food || !classOf(food).condiment) continue;
        const share = kcal > 0 ? (food.per100g.kcal * item.grams) / 100 / kcal : 0;
        if (heaviest?.food.id === food.id || share >= R.condimentStapleShare) {
          out.push(
            violation(
              'CONDIMENT_AS_STAPLE',
              [...mealPath, 'items', i],
              `${food.name} is the staple of the ${type} (${item.grams} g, ${r0(share * 100)} % of its energy)`,
              { measured: share, expected: { max: R.condimentStapleShare }, unit: 'share of meal kcal' },
            ),
          );
        }
      }
      if (starches.size >= 2) {
        out.push(
          violation(
            'TWO_STARCHES',
            mealPath,
            `the ${type} holds ${starches.size} starches (${[...starches].join(', ')})`,
            { measured: starches.size, expected: { max: 1 }, unit: 'starches' },
          ),
        );
      }
      if (fat > R.maxFatPerMealG) {
        out.push(
          violation(
            'FAT_PORTION_HIGH',
            mealPath,
            `the ${type} has ${r1(fat)} g added fat; at most ${R.maxFatPerMealG} g`,
            { measured: fat, expected: { max: R.maxFatPerMealG }, unit: 'g' },
          ),
        );
      }
      if (
        (type === 'lunch' || type === 'dinner') &&
        dayProtein >= R.mainMealProteinDayMinG &&
        protein < R.minMainMealProteinG
      ) {
        out.push(
          violation(
            'LOW_PROTEIN_MAIN_MEAL',
            mealPath,
            `the ${type} has ${r1(protein)} g protein on a ${r0(dayProtein)} g day; at least ${R.minMainMealProteinG} g`,
            { measured: protein, expected: { min: R.minMainMealProteinG }, unit: 'g' },
          ),
        );
      }
      const known = items.filter((x): x is { item: (typeof x)['item']; food: FoodT } => x.food !== undefined);
      if (type === 'breakfast' && known.length === items.length) {
        const n = known.filter(({ item, food }) => isProteinPortion(food, item.grams)).length;
        if (n === 0) {
          out.push(
            violation(
              'BREAKFAST_WITHOUT_PROTEIN',
              mealPath,
              `the breakfast has no protein food (≥ 6 g protein and ≥ 20 % of its energy from protein); ${r1(protein)} g protein`,
              { measured: n, expected: { min: 1 }, unit: 'protein foods' },
            ),
          );
        }
      }
      if (
        known.some(({ food }) => classOf(food).dryCereal) &&
        !known.some(({ food }) => classOf(food).milk)
      ) {
        out.push(
          violation(
            'DRY_CEREAL_WITHOUT_MILK',
            mealPath,
            `the ${type} serves dry cereal without milk or yogurt`,
            {
              measured: 0,
              expected: { min: 1 },
              unit: 'milk or yogurt items',
            },
          ),
        );
      }
    });
  });
  for (let start = 0; start + 7 <= plan.days.length; start += 7) {
    const ids = new Set(
      plan.days.slice(start, start + 7).flatMap((d) => d.meals.flatMap((m) => m.items.map((x) => x.foodId))),
    );
    if (ids.size > R.maxDistinctFoodsPerWeek) {
      out.push(
        violation(
          'TOO_MANY_DISTINCT_FOODS',
          [...base, 'days', start],
          `days ${start + 1}–${start + 7} use ${ids.size} distinct foods; at most ${R.maxDistinctFoodsPerWeek} make a practical shopping list`,
          { measured: ids.size, expected: { max: R.maxDistinctFoodsPerWeek }, unit: 'foods/week' },
        ),
      );
    }
  }
  return out;
}
