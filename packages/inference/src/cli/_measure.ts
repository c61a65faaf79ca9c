/**
 * @internal Household measures for a portion: "1½ cup (366 g)" when one of the food's USDA
 * servings divides the grams into a quarter-step count within 8 %, else grams alone.
 */
import type { FoodT } from '@nexfitra/core/foods';

const FRACTIONS: Readonly<Record<number, string>> = { 0: '', 0.25: '¼', 0.5: '½', 0.75: '¾' };
/** Largest relative error accepted between the measure and the grams. */
const TOLERANCE = 0.08;

/** A count in quarters as text: 1.5 → "1½", 0.25 → "¼". */
export function quarters(x: number): string {
  const whole = Math.floor(x);
  const frac = FRACTIONS[x - whole] ?? '';
  return whole === 0 ? frac || '0' : `${whole}${frac}`;
}

/** Longest unit text shown; longer USDA labels ("chop, excluding refuse (yield from …)") are skipped. */
const MAX_UNIT_LENGTH = 16;

/**
 * The food's servings whose label starts with "1 " (a unit that can be counted), the unit cut at
 * the first comma or parenthesis ("1 cup (1 NLEA serving)" → "cup").
 */
function countable(food: FoodT): { unit: string; grams: number }[] {
  return food.servings
    .filter((s) => /^1 \S/.test(s.label))
    .map((s) => ({ unit: s.label.slice(2).split(/[,(]/)[0]!.trim(), grams: s.grams }))
    .filter((s) => s.unit.length > 0 && s.unit.length <= MAX_UNIT_LENGTH);
}

/** Spoons and cups take quarters; pieces ("large", "slice", "fillet") take halves, at most 4. */
const MEASURES = /^(cup|cups|tbsp|tablespoon|tsp|teaspoon|oz|fl oz)\b/;

/**
 * A household measure for `grams` of `food`, or `undefined` when none fits (see the file comment).
 * The first serving within tolerance wins (the catalogue lists the usual one first).
 * @example householdMeasure(milk, 366) // '1½ cup'
 */
export function householdMeasure(food: FoodT, grams: number): string | undefined {
  for (const { unit, grams: g } of countable(food)) {
    const measure = MEASURES.test(unit);
    const step = measure ? 4 : 2;
    const n = Math.round((grams / g) * step) / step;
    if (n < 1 / step || n > (measure ? 8 : 4)) continue;
    if (Math.abs(n * g - grams) / grams <= TOLERANCE) return `${quarters(n)} ${unit}`;
  }
  return undefined;
}

/** "1½ cup (366 g)" or "366 g". */
export function portionText(food: FoodT | undefined, grams: number): string {
  const g = `${Math.round(grams)} g`;
  const m = food ? householdMeasure(food, grams) : undefined;
  return m ? `${m} (${g})` : g;
}
