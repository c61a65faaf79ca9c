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
  return sumPortions(
    items.map((it, i) => ({
      grams: checkNumber(fn, ['items', i, 'grams'], it?.grams, { min: 0, unit: 'g' }),
      per100g: parseNutrients(fn, ['items', i, 'per100g'], it?.per100g),
    })),
    items,
  );
}

/**
 * @internal {@link mealNutrients} for items already checked (catalogue nutrients that passed the
 * `Nutrients` schema, grams finite and ≥ 0), and its arithmetic: each amount × grams / 100,
 * summed from 0 in item order; sugars, alcohol and each micronutrient of the first item only
 * when every item reports it. Accumulated directly (no object per portion); where a portion or
 * a total is not finite, the per-portion path runs and throws its `OUT_OF_RANGE` error (its
 * `value` is `input`, the caller's items). Core's validators total each plan day with it.
 */
export function sumPortions(items: readonly MealNutrientItem[], input: unknown = items): NutrientsT {
  let kcal = 0;
  let protein = 0;
  let fat = 0;
  let carbs = 0;
  let fiber = 0;
  let sugars: number | undefined = 0;
  let alcohol: number | undefined = 0;
  let finite = true;
  for (const { per100g: n, grams } of items) {
    const f = grams / 100;
    kcal += n.kcal * f;
    protein += n.protein * f;
    fat += n.fat * f;
    carbs += n.carbs * f;
    fiber += n.fiber * f;
    sugars = n.sugars === undefined || sugars === undefined ? undefined : sugars + n.sugars * f;
    alcohol = n.alcohol === undefined || alcohol === undefined ? undefined : alcohol + n.alcohol * f;
    if (finite && !portionFinite(n, f)) finite = false;
  }
  const micronutrients = finite ? sharedMicronutrients(items) : null;
  if (micronutrients === null || !allFinite(kcal, protein, fat, carbs, fiber, sugars ?? 0, alcohol ?? 0)) {
    // An overflow: the per-portion path names the item (or the total) in its error.
    const fn = 'mealNutrients';
    return sum(
      fn,
      'items',
      input,
      items.map((it, i) => portion(fn, ['items', i, 'grams'], it.per100g, it.grams)),
    );
  }
  const total: NutrientsT = { kcal, protein, fat, carbs, fiber };
  if (items.length > 0) {
    if (sugars !== undefined) total.sugars = sugars;
    if (alcohol !== undefined) total.alcohol = alcohol;
    if (micronutrients) total.micronutrients = micronutrients;
  }
  return total;
}

const allFinite = (...xs: number[]) => xs.every(Number.isFinite);

/** Whether every amount of `n` × `f` is finite (the per-portion check of {@link mealNutrients}). */
function portionFinite(n: NutrientsT, f: number): boolean {
  if (!allFinite(n.kcal * f, n.protein * f, n.fat * f, n.carbs * f, n.fiber * f)) return false;
  if (n.sugars !== undefined && !Number.isFinite(n.sugars * f)) return false;
  if (n.alcohol !== undefined && !Number.isFinite(n.alcohol * f)) return false;
  const m = n.micronutrients;
  if (m) for (const k in m) if (Object.hasOwn(m, k) && !Number.isFinite(m[k]! * f)) return false;
  return true;
}

/**
 * The micronutrient totals: the first item's keys that every item reports, each summed from 0
 * in item order; `undefined` when none; `null` when a total is not finite.
 */
function sharedMicronutrients(items: readonly MealNutrientItem[]): Record<string, number> | undefined | null {
  const first = items[0]?.per100g.micronutrients;
  if (!first) return undefined;
  const keys = Object.keys(first).filter((k) =>
    items.every((it) => it.per100g.micronutrients?.[k] !== undefined),
  );
  if (keys.length === 0) return undefined;
  const out: Record<string, number> = {};
  for (const k of keys) {
    let s = 0;
    for (const it of items) s += it.per100g.micronutrients![k]! * (it.grams / 100);
    if (!Number.isFinite(s)) return null;
    out[k] = s;
  }
  return out;
}
