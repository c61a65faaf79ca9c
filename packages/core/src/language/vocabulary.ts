import {
  ACTIVITY_LEVELS,
  ALLERGENS,
  DIET_TYPES,
  EQUIPMENT,
  EXPERIENCE_LEVELS,
  GOAL_TYPES,
  INJURY_SITES,
  SEXES,
} from '../schemas/vocab';
import { PROGRESSION_SCHEMES } from '../schemas/workout';
import { DISHES, dishToken, EXERCISES, exerciseToken, FOODS, foodToken } from './_catalogues';
import { nameSlug, SESSION_NAMES, SPLIT_NAMES } from './_names';
import { AGE_BANDS, BODY_FAT_BANDS, bandLabel, HEIGHT_CM_BANDS, WEIGHT_KG_BANDS } from './_numbers';
import { P } from './_prompt';
import {
  NAME_PREFIX,
  NEXT_TOKEN,
  NO_DISH,
  type NumberKind,
  numberTokens,
  PROGRESSION_PREFIX,
  SPECIAL_TOKENS,
  SPLIT_PREFIX,
  STRUCTURE_TOKENS,
} from './_tokens';

/**
 * Version of the plan language. The token list ({@link languageVocabulary}) and the text form
 * are fixed for a version: a model and its tokenizer are trained for one. Bump the major for
 * any change to existing tokens or their order, the minor when tokens are only appended or when
 * the grammar (`createGrammar`) changes what it accepts over the same tokens (a model of
 * an older minor still has every word). A catalogue change moves tokens too (dish, food and
 * exercise tokens sit in catalogue order before the workout tokens): 2.0.0 is 1.2.0 with 11
 * dishes added to the catalogue; 2.1.0 is 2.0.0's tokens with a stricter grammar (each exercise
 * once a session, each main dish once a day, no dish of seasonings and sauces only); 2.2.0 is
 * 2.1.0's tokens with one stance of a lift a session (no sumo deadlift next to a barbell one)
 * and at most 4 (beginner) or 5 sets of an exercise in week 1, session names by split and
 * exercises by session kind (no bench press on a Lower day); 2.3.0 is 2.2.0's tokens with at
 * most 8 exercises a session in week 1 (core `MAX_EXERCISES_PER_SESSION`, the planner's cap).
 * `language.test.ts` pins a hash of the token list per version, so a change without a bump fails.
 */
export const LANGUAGE_VERSION = '2.3.0';

const PLAN_NUMBERS: readonly NumberKind[] = [
  'weekday',
  'reps',
  'seconds',
  'percent',
  'rpe',
  'rir',
  'rest',
  'count',
  'grams',
];
const PROMPT_NUMBERS: readonly NumberKind[] = [
  'planDays',
  'trainingDays',
  'mealsPerDay',
  'minutes',
  'rate',
  'kcal',
];

let cached: readonly string[] | undefined;

/**
 * Every token of the plan language, in a fixed order that is the tokenizer's id order: the
 * special tokens `<pad> <bos> <eos> <unk>` (ids 0–3), structure markers, the prompt's words and
 * buckets, the plan's split and session names and number vocabularies, then one token per
 * exercise (`ex:<id>`) and per food (`food:<id>`) in catalogue order, then one per dish
 * (`dish:<id>`) and `<nodish>`. Deterministic: the same
 * catalogues give the same list.
 *
 * @example languageVocabulary().slice(0, 5) // ['<pad>', '<bos>', '<eos>', '<unk>', '<request>']
 */
export function languageVocabulary(): readonly string[] {
  if (cached !== undefined) return cached;
  const band = (prefix: string, bands: readonly number[]) => bands.map((b) => prefix + bandLabel(b));
  const tokens = [
    ...SPECIAL_TOKENS,
    ...STRUCTURE_TOKENS,
    // the prompt: profile, goal, preferences, targets
    ...SEXES.map((s) => P.sex + s),
    ...band(P.age, AGE_BANDS),
    ...band(P.weight, WEIGHT_KG_BANDS),
    ...band(P.height, HEIGHT_CM_BANDS),
    ...band(P.bodyFat, BODY_FAT_BANDS),
    ...ACTIVITY_LEVELS.map((a) => P.activity + a),
    P.pregnant,
    P.lactating,
    ...GOAL_TYPES.map((g) => P.goal + g),
    P.rateKg,
    P.ratePercent,
    P.targetWeight,
    ...DIET_TYPES.map((d) => P.diet + d),
    ...ALLERGENS.map((a) => P.allergen + a),
    P.dislike,
    ...EXPERIENCE_LEVELS.map((l) => P.level + l),
    ...EQUIPMENT.map((e) => P.equipment + e),
    ...INJURY_SITES.map((i) => P.injury + i),
    P.prefer,
    P.exclude,
    P.protein,
    P.fat,
    P.carbs,
    P.fiber,
    ...PROMPT_NUMBERS.flatMap(numberTokens),
    // the plan
    ...SPLIT_NAMES.map((s) => SPLIT_PREFIX + s),
    ...SESSION_NAMES.map((n) => NAME_PREFIX + nameSlug(n)),
    ...PLAN_NUMBERS.flatMap(numberTokens),
    ...EXERCISES.map((e) => exerciseToken(e.id)),
    ...FOODS.map((f) => foodToken(f.id)),
    // dishes last, so the earlier ids stay those of a plan language without dishes
    ...DISHES.map((d) => dishToken(d.id)),
    NO_DISH,
    // loads in kg and progression rules (1.2.0), appended so earlier ids stay as they were
    ...numberTokens('kg'),
    ...numberTokens('stepKg'),
    ...PROGRESSION_SCHEMES.map((s) => PROGRESSION_PREFIX + s),
    NEXT_TOKEN,
  ];
  cached = Object.freeze(tokens);
  return cached;
}
