/**
 * @internal Household measures for a portion: "1½ cup (366 g)" when one of the food's household
 * measures (core `householdMeasures`: its USDA servings, fruit, meat, fish, eggs and cheese
 * counted or weighed, never cups of chopped chicken or mashed banana) divides the grams into a
 * quarter-step count within 8 %, else grams alone.
 */
import type { FoodT } from '@nexfitra/core/foods';
import { householdMeasures } from '@nexfitra/core/internal';

const FRACTIONS: Readonly<Record<number, string>> = { 0: '', 0.25: '¼', 0.5: '½', 0.75: '¾' };
/** Largest relative error accepted between the measure and the grams. */
const TOLERANCE = 0.08;

/** A count in quarters as text: 1.5 → "1½", 0.25 → "¼". */
export function quarters(x: number): string {
  const whole = Math.floor(x);
  const frac = FRACTIONS[x - whole] ?? '';
  return whole === 0 ? frac || '0' : `${whole}${frac}`;
}

/** USDA labels that are not a measure a person uses ("1 unit (yield from 1 lb …)", "1 NLEA serving"). */
const NOT_MEASURES = /yield|^unit$|serving/;

/** Longest unit text shown; longer USDA labels ("chop, excluding refuse (yield from …)") are skipped. */
const MAX_UNIT_LENGTH = 16;

/** Sizes of a whole fruit or vegetable ("1 large" tomato). */
const SIZES = /^(extra small|small|medium|large|extra large|whole)\b/;
/** Foods out of a can: counted by the cup or spoon, not as "½ large" (SR24 lists canned tomatoes by tomato size). */
const CANNED = /\bcanned\b/i;

/**
 * The food's servings whose label starts with "1 " (a unit that can be counted), the unit cut at
 * the first comma or parenthesis ("1 cup (1 NLEA serving)" → "cup"); for a canned food, no sizes.
 */
function countable(food: FoodT): { unit: string; grams: number }[] {
  const canned = CANNED.test(food.name ?? '');
  return householdMeasures(food)
    .filter((s) => /^1 \S/.test(s.label))
    .map((s) => ({ unit: s.label.slice(2).split(/[,(]/)[0]!.trim(), grams: s.grams }))
    .filter((s) => s.unit.length > 0 && s.unit.length <= MAX_UNIT_LENGTH && !NOT_MEASURES.test(s.unit))
    .filter((s) => !(canned && SIZES.test(s.unit)));
}

/** Cups take quarters up to 8; spoons halves up to 4; pieces ("large", "slice", "fillet") halves up to 4. */
const CUPS = /^cups?\b/;
const SPOONS = /^(tbsp|tablespoons?|tsp|teaspoons?)\b/;
/** Under this many grams only a spoon measure is shown (a pinch of salt is not "2½ dash"). */
const SMALL_G = 10;

function steps(unit: string): { step: number; max: number } {
  return CUPS.test(unit) ? { step: 4, max: 8 } : { step: 2, max: 4 };
}

/** Count nouns among the catalogue's measures, with their plurals ("2 spears", "2 leaves"); sizes ("2 medium") and volumes ("2 cup") stay as they are. */
const PLURAL: Readonly<Record<string, string>> = Object.fromEntries([
  ...[
    'piece',
    'slice',
    'fruit',
    'packet',
    'cookie',
    'bar',
    'fillet',
    'item',
    'link',
    'croissant',
    'wedge',
    'steak',
    'kernel',
    'pita',
    'roll',
    'tortilla',
    'pancake',
    'biscuit',
    'cake',
    'stalk',
    'spear',
    'clove',
    'leek',
    'pepper',
    'cucumber',
    'avocado',
    'date',
    'prune',
    'apricot',
    'sprout',
    'floweret',
    'muffin',
    'waffle',
    'cracker',
    'doughnut',
    'frankfurter',
    'thigh',
    'drumstick',
    'burrito',
    'taco',
    'ear',
    'artichoke',
    'pomegranate',
  ].map((w) => [w, `${w}s`]),
  ['leaf', 'leaves'],
  ['cherry', 'cherries'],
  ['potato', 'potatoes'],
  ['sandwich', 'sandwiches'],
]);

/** `unit` for `n` of it: the first word in the plural when it is a count noun and n > 1. */
function unitFor(n: number, unit: string): string {
  if (n <= 1) return unit;
  const [first, ...rest] = unit.split(' ');
  const plural = PLURAL[first!];
  return plural ? [plural, ...rest].join(' ') : unit;
}

/**
 * A household measure for `grams` of `food`, or `undefined` when none fits (see the file comment).
 * The first serving within tolerance wins (the catalogue lists the usual one first).
 * @example householdMeasure(milk, 366) // '1½ cup'
 */
export function householdMeasure(food: FoodT, grams: number): string | undefined {
  for (const { unit, grams: g } of countable(food)) {
    if (grams < SMALL_G && !SPOONS.test(unit)) continue;
    const rule = steps(unit);
    const n = Math.round((grams / g) * rule.step) / rule.step;
    if (n < 1 / rule.step || n > rule.max) continue;
    if (Math.abs(n * g - grams) / grams <= TOLERANCE) return `${quarters(n)} ${unitFor(n, unit)}`;
  }
  return undefined;
}

/** "1½ cup (366 g)" or "366 g". */
export function portionText(food: FoodT | undefined, grams: number): string {
  const g = `${Math.round(grams)} g`;
  const m = food ? householdMeasure(food, grams) : undefined;
  return m ? `${m} (${g})` : g;
}
