/**
 * @internal What the plan grammar reads to keep a plan realistic beyond the hard rules: which
 * dish components are condiments, and the small sorted index sets a state carries (the
 * exercises of the current session, the main dishes of the current day).
 */
import type { DishRoleT, DishT } from '../schemas/dish';
import { foodToken } from './_catalogues';

/**
 * Roles that do not make a dish on their own: the dish schema's condiments and aromatics
 * ("condiments and aromatics are `sauce` or `seasoning`"). A dish written with only these
 * (`dish:side-steamed-broccoli food:02047 g:1`: steamed broccoli as a pinch of salt) is refused.
 */
export const CONDIMENT_ROLES: ReadonlySet<DishRoleT> = new Set(['seasoning', 'sauce']);

/**
 * The allowed food tokens of `dish` that are not condiments (`allowed`: the request's food
 * tokens). A dish with none of them cannot be written under the rule, so the grammar leaves it out.
 */
export function solidFoodTokens(dish: DishT, allowed: ReadonlySet<string>): string[] {
  return dish.components
    .filter((c) => !CONDIMENT_ROLES.has(c.role))
    .map((c) => foodToken(c.foodId))
    .filter((t) => allowed.has(t));
}

/** `xs` (sorted ascending, no repeats) with `x` added at its place; `xs` itself when it has `x`. */
export function withIndex(xs: readonly number[], x: number): readonly number[] {
  let i = 0;
  while (i < xs.length && xs[i]! < x) i++;
  if (xs[i] === x) return xs;
  return Object.freeze([...xs.slice(0, i), x, ...xs.slice(i)]);
}

/** `tokens` without the ones at the indices `skip`, in order. */
export function withoutIndices(tokens: readonly string[], skip: readonly number[]): readonly string[] {
  if (skip.length === 0) return tokens;
  const drop = new Set(skip);
  return tokens.filter((_, i) => !drop.has(i));
}

export const NONE: readonly number[] = Object.freeze([]);
