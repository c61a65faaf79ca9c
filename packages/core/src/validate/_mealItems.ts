import { isCondimentFood, isFatFood } from '../nutrition/foodClass';
import { foodConflicts } from '../nutrition/foodRules';
import type { FoodT } from '../schemas/food';
import type { MealPlanT } from '../schemas/meal';
import type { PlanRequestT } from '../schemas/plan';
import { type Violation, violation } from './violation';

type Path = readonly (string | number)[];

/** The path of item `i` of meal `m` of day `d`, built only for a finding (most items have none). */
function itemPath(base: Path, d: number, m: number, i: number): (string | number)[] {
  return [...base, 'days', d, 'meals', m, 'items', i];
}

/**
 * @internal Per-item checks: unknown food (hard), allergen, diet, dislike (hard), portion
 * bounds (soft; a dish's ingredient has no lower bound). An `omnivore` diet accepts every food; other diets need the food's `diets` tag.
 */
export function checkMealItems(
  plan: MealPlanT,
  request: PlanRequestT,
  lookup: (id: string) => FoodT | undefined,
  base: Path,
): Violation[] {
  const p = request.preferences;
  const out: Violation[] = [];
  // A food's conflicts with the request, worked out once per food (plans repeat foods).
  const seen = new Map<FoodT, ReturnType<typeof foodConflicts>>();
  const conflictsOf = (food: FoodT) => {
    let c = seen.get(food);
    if (c === undefined) {
      c = foodConflicts(food, p);
      seen.set(food, c);
    }
    return c;
  };
  plan.days.forEach((day, d) => {
    day.meals.forEach((meal, m) => {
      meal.items.forEach((item, i) => {
        const id = item.foodId;
        const food = lookup(id);
        if (food === undefined) {
          out.push(
            violation('UNKNOWN_FOOD', itemPath(base, d, m, i), `food "${id}" is not in the catalogue`),
          );
          return;
        }
        const c = conflictsOf(food);
        if (c.allergens.length > 0) {
          out.push(
            violation(
              'ALLERGEN_PRESENT',
              itemPath(base, d, m, i),
              `${food.name} (${id}) contains ${c.allergens.join(', ')}`,
            ),
          );
        }
        if (c.diet) {
          out.push(
            violation('DIET_MISMATCH', itemPath(base, d, m, i), `${food.name} (${id}) is not ${p.diet}`),
          );
        }
        if (c.disliked) {
          out.push(
            violation(
              'DISLIKED_FOOD',
              itemPath(base, d, m, i),
              `${food.name} (${id}) is on the disliked list`,
            ),
          );
        }
        // An ingredient of a dish may be under a standalone portion (5 g sesame seeds on top).
        const minG = item.dishId === undefined ? food.portion.minG : 0;
        const { maxG } = food.portion;
        if (item.grams < minG || item.grams > maxG) {
          out.push(
            violation(
              'PORTION_IMPLAUSIBLE',
              [...itemPath(base, d, m, i), 'grams'],
              `${item.grams} g of ${food.name} (${id}) is outside its portion bounds ${minG}–${maxG} g`,
              { measured: item.grams, expected: { min: minG, max: maxG }, unit: 'g' },
            ),
          );
        }
      });
    });
  });
  return out;
}

/**
 * @internal Variety: distinct foods per full 7-day block; same food in the same meal slot on
 * consecutive days. The streak rule skips breakfasts and snacks (a rotation of two or three is
 * how people eat them) and, given a lookup, seasonings, condiments and added fats (salt and
 * oil are in most dishes every day).
 */
export function checkVariety(
  plan: MealPlanT,
  minDistinct: number,
  maxStreak: number,
  base: Path,
  lookup?: (id: string) => FoodT | undefined,
): Violation[] {
  const exempt = (id: string) => {
    const f = lookup?.(id);
    return f !== undefined && (isCondimentFood(f) || isFatFood(f));
  };
  const out: Violation[] = [];
  for (let start = 0; start + 7 <= plan.days.length; start += 7) {
    const ids = new Set(
      plan.days.slice(start, start + 7).flatMap((d) => d.meals.flatMap((m) => m.items.map((x) => x.foodId))),
    );
    if (ids.size < minDistinct) {
      out.push(
        violation(
          'LOW_FOOD_VARIETY',
          [...base, 'days', start],
          `days ${start + 1}–${start + 7} use ${ids.size} distinct foods; at least ${minDistinct} expected`,
          { measured: ids.size, expected: { min: minDistinct }, unit: 'foods/week' },
        ),
      );
    }
  }
  // streak[m] maps a food id to the number of consecutive days (ending yesterday) it was in meal slot m.
  let previous: Map<string, number>[] = [];
  plan.days.forEach((day, d) => {
    const current = day.meals.map((meal, m) => {
      const streaks = new Map<string, number>();
      meal.items.forEach((item, i) => {
        if (streaks.has(item.foodId)) return;
        if (meal.type === 'breakfast' || meal.type === 'snack' || exempt(item.foodId)) return;
        const run = (previous[m]?.get(item.foodId) ?? 0) + 1;
        streaks.set(item.foodId, run);
        if (run === maxStreak + 1) {
          out.push(
            violation(
              'REPEATED_MEAL_FOOD',
              [...base, 'days', d, 'meals', m, 'items', i],
              `food "${item.foodId}" is in meal ${m + 1} on ${run} consecutive days; at most ${maxStreak}`,
              { measured: run, expected: { max: maxStreak }, unit: 'days' },
            ),
          );
        }
      });
      return streaks;
    });
    previous = current;
  });
  return out;
}
