import { MEAL_TYPES, type MealTypeT } from '../schemas/vocab';
import {
  GRAM_VALUES,
  KCAL_VALUES,
  KG_VALUES,
  MEALS_PER_DAY_VALUES,
  numText,
  PERCENT_VALUES,
  PLAN_DAY_VALUES,
  RATE_VALUES,
  REP_VALUES,
  REST_VALUES,
  RIR_VALUES,
  RPE_VALUES,
  SECOND_VALUES,
  SESSION_MINUTE_VALUES,
  SET_COUNT_VALUES,
  STEP_KG_VALUES,
  TRAINING_DAY_VALUES,
  WEEKDAY_VALUES,
} from './_numbers';

/** Special tokens of the tokenizer, first in the vocabulary (ids 0–3). */
export const SPECIAL_TOKENS = ['<pad>', '<bos>', '<eos>', '<unk>'] as const;

/** @internal Structure markers: each one token. */
export const S = {
  request: '<request>',
  requestEnd: '</request>',
  plan: '<plan>',
  planEnd: '</plan>',
  workout: '<workout>',
  meals: '<meals>',
  week: '<week>',
  deloadWeek: '<week:deload>',
  session: '<session>',
  day: '<day>',
} as const;

export const mealToken = (type: MealTypeT): string => `<meal:${type}>`;
export const MEAL_TOKENS: readonly string[] = MEAL_TYPES.map(mealToken);

export const STRUCTURE_TOKENS: readonly string[] = [...Object.values(S), ...MEAL_TOKENS];

/** @internal A number vocabulary: token prefix and the values it spells. */
export interface NumberVocab {
  readonly prefix: string;
  readonly values: readonly number[];
  /** What the values are, for error messages. */
  readonly what: string;
}

const vocab = (prefix: string, values: readonly number[], what: string): NumberVocab => ({
  prefix,
  values,
  what,
});

/** @internal Every number vocabulary, in vocabulary order. */
export const NUM = {
  weekday: vocab('d:', WEEKDAY_VALUES, 'a day of the week 0–6'),
  reps: vocab('r:', REP_VALUES, 'whole repetitions 1–30'),
  seconds: vocab('s:', SECOND_VALUES, 'seconds 5–60 by 5, 75–300 by 15, 330–1800 by 30, 2100–7200 by 300'),
  percent: vocab('pct:', PERCENT_VALUES, 'a whole %1RM 20–100'),
  rpe: vocab('rpe:', RPE_VALUES, 'RPE 1–10 in half steps'),
  rir: vocab('rir:', RIR_VALUES, 'RIR 0–10 in half steps'),
  rest: vocab('rest:', REST_VALUES, 'rest seconds 0–900 in 15 s steps'),
  kg: vocab('kg:', KG_VALUES, 'a load in kg: 1–30 by 1, 2.5–27.5 by 5, 32.5–300 by 2.5'),
  stepKg: vocab('step:', STEP_KG_VALUES, 'a progression step in kg: 0.5–5 by 0.5'),
  count: vocab('x:', SET_COUNT_VALUES, 'a set count 1–20'),
  grams: vocab('g:', GRAM_VALUES, 'grams 1–30 by 1, 35–500 by 5, 525–3000 by 25'),
  kcal: vocab('kcal:', KCAL_VALUES, 'kcal 100–10000 (nearest 100)'),
  planDays: vocab('days:', PLAN_DAY_VALUES, 'plan days 1–31'),
  trainingDays: vocab('train:', TRAINING_DAY_VALUES, 'training days 1–7'),
  mealsPerDay: vocab('meals:', MEALS_PER_DAY_VALUES, 'meals per day 2–6'),
  minutes: vocab('min:', SESSION_MINUTE_VALUES, 'session minutes 10–240 (nearest 5)'),
  rate: vocab('rate:', RATE_VALUES, 'a weekly rate 0–2 (nearest 0.05)'),
} as const satisfies Record<string, NumberVocab>;

export type NumberKind = keyof typeof NUM;

/** Every token of a number vocabulary, in value order. */
export function numberTokens(kind: NumberKind): string[] {
  const v = NUM[kind];
  return v.values.map((x) => v.prefix + numText(x));
}

let byToken: Map<string, { kind: NumberKind; value: number }> | undefined;

/** The token spelling `x` exactly in vocabulary `kind`, or `undefined` (never rounds). */
export function numToken(kind: NumberKind, x: number): string | undefined {
  const v = NUM[kind];
  return v.values.includes(x) ? v.prefix + numText(x) : undefined;
}

/** The value of a number token of vocabulary `kind`, or `undefined` when it is not one. */
export function tokenNum(kind: NumberKind, token: string): number | undefined {
  if (byToken === undefined) {
    byToken = new Map();
    for (const k of Object.keys(NUM) as NumberKind[]) {
      for (const x of NUM[k].values) byToken.set(NUM[k].prefix + numText(x), { kind: k, value: x });
    }
  }
  const hit = byToken.get(token);
  return hit !== undefined && hit.kind === kind ? hit.value : undefined;
}

export const EXERCISE_PREFIX = 'ex:';
/** @internal An exercise's progression rule: `prog:<scheme>` (core `PROGRESSION_SCHEMES`). */
export const PROGRESSION_PREFIX = 'prog:';
/** @internal Marks the harder variant a `prog:reps` rule moves on to: `<next> ex:<id>`. */
export const NEXT_TOKEN = '<next>';
export const FOOD_PREFIX = 'food:';
/** A dish of the catalogue (`@nexfitra/core/dishes`): the items after it belong to it. */
export const DISH_PREFIX = 'dish:';
/** The items after it belong to no dish (only after a dish's items in the same meal). */
export const NO_DISH = '<nodish>';
export const SPLIT_PREFIX = 'split:';
export const NAME_PREFIX = 'name:';
