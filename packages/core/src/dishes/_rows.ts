import type { DishT } from '../schemas/dish';
import {
  CUISINES_AT_BUILD,
  DISH_ROWS,
  type DishRow,
  MEALS_AT_BUILD,
  ROLES_AT_BUILD,
} from './catalogue.generated';

const unmask = <T extends string>(m: number, vocab: readonly T[]): T[] =>
  vocab.filter((_, i) => m & (1 << i));

/**
 * @internal One generated row as a `Dish`. The build parsed every dish with the `Dish` schema and
 * checked its foods and measures (datasets/scripts/build-dishes.ts); the tests re-check the
 * module, so loading does not pay for zod again.
 */
function toDish(r: DishRow): DishT {
  const [id, name, meals, side, cuisines, prepMinutes, keeps, comps] = r;
  return {
    id,
    name,
    mealTypes: unmask(meals, MEALS_AT_BUILD),
    side: side === 1,
    cuisines: cuisines.map((i) => CUISINES_AT_BUILD[i]!),
    prepMinutes,
    keepsAsLeftovers: keeps === 1,
    components: comps.map(([foodId, role, minG, maxG, measure, optional]) => ({
      foodId,
      role: ROLES_AT_BUILD[role]!,
      minG,
      maxG,
      ...(measure === 0 ? {} : { measure }),
      ...(optional === 1 ? { optional: true } : {}),
    })),
  };
}

/** @internal Every dish, deeply frozen, in the order of datasets/dishes/dishes.txt. */
export const ALL_DISHES: readonly DishT[] = Object.freeze(
  DISH_ROWS.map((r) => {
    const d = toDish(r);
    for (const c of d.components) Object.freeze(c);
    Object.freeze(d.components);
    Object.freeze(d.mealTypes);
    Object.freeze(d.cuisines);
    return Object.freeze(d);
  }),
);
