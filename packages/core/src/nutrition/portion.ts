import { checkNumber } from '../_check';
import { NexFitraError } from '../errors';
import { Nutrients, type NutrientsT } from '../schemas/food';

function parseNutrients(fn: string, path: (string | number)[], value: unknown): NutrientsT {
  const r = Nutrients.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new NexFitraError({
    code: 'SCHEMA',
    fn,
    path: [...path, ...(issue.path as (string | number)[])],
    value,
    allowed: `a Nutrients object per 100 g (${issue.message})`,
  });
}

function scale(n: NutrientsT, factor: number): NutrientsT {
  const out: NutrientsT = {
    kcal: n.kcal * factor,
    protein: n.protein * factor,
    fat: n.fat * factor,
    carbs: n.carbs * factor,
    fiber: n.fiber * factor,
  };
  if (n.sugars !== undefined) out.sugars = n.sugars * factor;
  if (n.alcohol !== undefined) out.alcohol = n.alcohol * factor;
  if (n.micronutrients) {
    out.micronutrients = Object.fromEntries(
      Object.entries(n.micronutrients).map(([k, v]) => [k, v * factor]),
    );
  }
  return out;
}

/** The first amount of `n` that is not finite, as a path (`['micronutrients', 'sodium_mg']`), or null. */
function overflowAt(n: NutrientsT): string[] | null {
  for (const [k, v] of Object.entries(n)) {
    if (typeof v === 'number' && !Number.isFinite(v)) return [k];
    if (k === 'micronutrients' && v) {
      for (const [m, x] of Object.entries(v as Record<string, number>)) {
        if (!Number.isFinite(x)) return [k, m];
      }
    }
  }
  return null;
}

/**
 * `per100g` scaled to `grams`; an amount that overflows (a huge amount × a huge weight) throws
 * `OUT_OF_RANGE` naming the grams rather than returning Infinity.
 */
function portion(fn: string, gramsPath: (string | number)[], n: NutrientsT, grams: number): NutrientsT {
  const out = scale(n, grams / 100);
  const at = overflowAt(out);
  if (at === null) return out;
  throw new NexFitraError({
    code: 'OUT_OF_RANGE',
    fn,
    path: gramsPath,
    value: grams,
    allowed: `a weight for which ${at.join('.')} per 100 g × grams / 100 stays finite`,
  });
}

/**
 * Nutrients of `grams` of a food whose nutrients per 100 g are `per100g`: each amount × grams/100.
 * @throws {NexFitraError} `OUT_OF_RANGE` for negative grams, `SCHEMA` for a malformed `per100g`
 * @example portionNutrients({ kcal: 52, protein: 0.26, fat: 0.17, carbs: 13.81, fiber: 2.4 }, 150).kcal // 78
 */
export function portionNutrients(per100g: NutrientsT, grams: number): NutrientsT {
  const fn = 'portionNutrients';
  const g = checkNumber(fn, 'grams', grams, { min: 0, unit: 'g' });
  return portion(fn, ['grams'], parseNutrients(fn, ['per100g'], per100g), g);
}

/**
 * Sum of nutrient amounts. An optional amount (`sugars`, `alcohol`, a micronutrient) is in the
 * sum only when every part reports it: a part that does not report it makes the total unknown,
 * so it is left out rather than undercounted. The sum of no parts is all zeros.
 * @throws {NexFitraError} `INVALID_TYPE` unless an array, `SCHEMA` for a malformed part
 */
export function sumNutrients(parts: readonly NutrientsT[]): NutrientsT {
  const fn = 'sumNutrients';
  if (!Array.isArray(parts)) {
    throw new NexFitraError({ code: 'INVALID_TYPE', fn, path: ['parts'], value: parts, allowed: 'an array' });
  }
  return sum(
    fn,
    'parts',
    parts,
    parts.map((p, i) => parseNutrients(fn, ['parts', i], p)),
  );
}

function sum(fn: string, path: string, input: unknown, ns: readonly NutrientsT[]): NutrientsT {
  const total: NutrientsT = { kcal: 0, protein: 0, fat: 0, carbs: 0, fiber: 0 };
  for (const n of ns) {
    total.kcal += n.kcal;
    total.protein += n.protein;
    total.fat += n.fat;
    total.carbs += n.carbs;
    total.fiber += n.fiber;
  }
  if (ns.length > 0) {
    if (ns.every((n) => n.sugars !== undefined)) total.sugars = ns.reduce((s, n) => s + n.sugars!, 0);
    if (ns.every((n) => n.alcohol !== undefined)) total.alcohol = ns.reduce((s, n) => s + n.alcohol!, 0);
    const first = ns[0]!.micronutrients;
    if (first) {
      const keys = Object.keys(first).filter((k) => ns.every((n) => n.micronutrients?.[k] !== undefined));
      if (keys.length) {
        total.micronutrients = Object.fromEntries(
          keys.map((k) => [k, ns.reduce((s, n) => s + n.micronutrients![k]!, 0)]),
        );
      }
    }
  }
  // Parts of ~1e308 each add up to Infinity: a typed error, never Infinity out.
  const at = overflowAt(total);
  if (at === null) return total;
  throw new NexFitraError({
    code: 'OUT_OF_RANGE',
    fn,
    path: [path],
    value: input,
    allowed: `${path} whose ${at.join('.')} total stays finite (it overflows to Infinity)`,
  });
}

/** One item of a meal: a food's nutrients per 100 g and the grams eaten. */
export interface MealNutrientItem {
  readonly per100g: NutrientsT;
  readonly grams: number;
}

/**
 * Nutrients of a meal: the sum of each item's portion ({@link portionNutrients}, {@link sumNutrients}).
 * @throws {NexFitraError} naming the item index for a negative amount or malformed nutrients
 */
export function mealNutrients(items: readonly MealNutrientItem[]): NutrientsT {
  const fn = 'mealNutrients';
  if (!Array.isArray(items)) {
    throw new NexFitraError({ code: 'INVALID_TYPE', fn, path: ['items'], value: items, allowed: 'an array' });
  }
  return sum(
    fn,
    'items',
    items,
    items.map((it, i) => {
      const g = checkNumber(fn, ['items', i, 'grams'], it?.grams, { min: 0, unit: 'g' });
      return portion(fn, ['items', i, 'grams'], parseNutrients(fn, ['items', i, 'per100g'], it?.per100g), g);
    }),
  );
}
