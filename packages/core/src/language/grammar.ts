import { checkEnum, checkNumber, checkObject } from '../_check';
import { dishesFor } from '../dishes/index';
import { NexFitraError } from '../errors';
import { exercisesFor, stancesOf } from '../exercises/index';
import { parseOrThrow } from '../schemas/parse';
import { PlanRequest, type PlanRequestT } from '../schemas/plan';
import { PROGRESSION_SCHEMES } from '../schemas/workout';
import { DEFAULT_MEAL_SHARES } from '../targets/mealSplit';
import { SESSION_REGIONS, type SessionKindT } from '../training/sessionRegions';
import { MAX_EXERCISES_PER_SESSION, MAX_SETS_PER_EXERCISE } from '../training/volume';
import { dishToken, exerciseToken, foodToken } from './_catalogues';
import { foodsForRequest } from './_foods';
import { LABEL_KIND, labelOf, nameSlug, SESSION_NAMES, SPLIT_LABELS, SPLIT_NAMES } from './_names';
import { NONE, solidFoodTokens, withIndex, withoutIndices } from './_realism';
import {
  mealToken,
  NAME_PREFIX,
  NEXT_TOKEN,
  NO_DISH,
  numberTokens,
  PROGRESSION_PREFIX,
  S,
  SPLIT_PREFIX,
  tokenNum,
} from './_tokens';

/** Where a walk through the plan grammar is: a phase and the counters the bounds need. */
export interface GrammarState {
  readonly phase:
    | 'start'
    | 'plan'
    | 'workout'
    | 'split'
    | 'week'
    | 'session'
    | 'session-day'
    | 'session-name'
    | 'exercise'
    | 'reps'
    | 'reps-done'
    | 'load'
    | 'rest'
    | 'group-done'
    | 'prog-double'
    | 'prog-linear'
    | 'prog-reps'
    | 'prog-double-min'
    | 'prog-linear-min'
    | 'prog-reps-min'
    | 'prog-double-range'
    | 'prog-linear-range'
    | 'prog-reps-range'
    | 'prog-reps-step'
    | 'prog-next'
    | 'prog-done'
    | 'meals'
    | 'day'
    | 'meal'
    | 'dish'
    | 'nodish'
    | 'food'
    | 'item'
    | 'done';
  /** Weeks begun. */
  readonly weeks: number;
  /** Sessions in the current week, and the day of the last one (−1 before the first). */
  readonly sessions: number;
  readonly lastDay: number;
  /** Exercises in the current session and sets of the current exercise. */
  readonly exercises: number;
  readonly sets: number;
  /** First rep count of the current set group (a range's max may not be below it). */
  readonly repsMin: number;
  /** Meal-plan days begun, meals in the current day, items in the current meal. */
  readonly days: number;
  readonly meals: number;
  readonly items: number;
  /** Index of the current dish among the request's dishes ({@link PlanGrammar.dishTokens}), −1 for none. */
  readonly dish: number;
  /** Whether the current dish's items so far include one that is not a condiment (seasoning, sauce). */
  readonly solid: boolean;
  /** Indices (among the current dish's allowed foods) of the foods its items have so far, ascending. */
  readonly parts: readonly number[];
  /** Indices ({@link PlanGrammar.exerciseTokens}) of the current session's exercises, ascending (read in week 1). */
  readonly used: readonly number[];
  /** Indices ({@link PlanGrammar.dishTokens}) of the main (not side) dishes of the current day, ascending. */
  readonly mains: readonly number[];
  /** Index of the program's split in the language's split names, −1 before it (language 2.2.0). */
  readonly split: number;
  /** The current session's kind (index in core `SESSION_REGIONS`' keys), −1 for none or light conditioning (2.2.0). */
  readonly kind: number;
}

const PHASES: readonly GrammarState['phase'][] = [
  'start',
  'plan',
  'workout',
  'split',
  'week',
  'session',
  'session-day',
  'session-name',
  'exercise',
  'reps',
  'reps-done',
  'load',
  'rest',
  'group-done',
  'prog-double',
  'prog-linear',
  'prog-reps',
  'prog-double-min',
  'prog-linear-min',
  'prog-reps-min',
  'prog-double-range',
  'prog-linear-range',
  'prog-reps-range',
  'prog-reps-step',
  'prog-next',
  'prog-done',
  'meals',
  'day',
  'meal',
  'dish',
  'nodish',
  'food',
  'item',
  'done',
];
const COUNTERS = [
  'weeks',
  'sessions',
  'lastDay',
  'exercises',
  'sets',
  'repsMin',
  'days',
  'meals',
  'items',
  'dish',
  'split',
  'kind',
] as const;

/**
 * A state a grammar made itself (`start`, `advance`): frozen, and trusted without a check on the
 * hot path by its private brand, which a copy (`{ ...state }`, JSON, a structured clone) does not
 * have. Built field by field: an object spread of a frozen state with a patch, and a WeakSet of the
 * states made, cost about ten times as much a token (700 against 80 ns measured in Node 20), and
 * a batched generation makes a state a row a step.
 */
class MadeState implements GrammarState {
  readonly #made = true;
  readonly phase: GrammarState['phase'];
  readonly weeks: number;
  readonly sessions: number;
  readonly lastDay: number;
  readonly exercises: number;
  readonly sets: number;
  readonly repsMin: number;
  readonly days: number;
  readonly meals: number;
  readonly items: number;
  readonly dish: number;
  readonly solid: boolean;
  readonly parts: readonly number[];
  readonly used: readonly number[];
  readonly mains: readonly number[];
  readonly split: number;
  readonly kind: number;
  /** `st` with `patch` and `phase`. */
  constructor(st: GrammarState, phase: GrammarState['phase'], patch?: Partial<GrammarState>) {
    this.phase = phase;
    this.weeks = patch?.weeks ?? st.weeks;
    this.sessions = patch?.sessions ?? st.sessions;
    this.lastDay = patch?.lastDay ?? st.lastDay;
    this.exercises = patch?.exercises ?? st.exercises;
    this.sets = patch?.sets ?? st.sets;
    this.repsMin = patch?.repsMin ?? st.repsMin;
    this.days = patch?.days ?? st.days;
    this.meals = patch?.meals ?? st.meals;
    this.items = patch?.items ?? st.items;
    this.dish = patch?.dish ?? st.dish;
    this.solid = patch?.solid ?? st.solid;
    this.parts = patch?.parts ?? st.parts;
    this.used = patch?.used ?? st.used;
    this.mains = patch?.mains ?? st.mains;
    this.split = patch?.split ?? st.split;
    this.kind = patch?.kind ?? st.kind;
    Object.freeze(this);
  }
  static made(st: object): st is MadeState {
    return #made in st;
  }
}

const INDEX_LISTS = ['used', 'mains', 'parts'] as const;

/**
 * A state as `start`/`advance` make them: a known phase, integer counters (lastDay ≥ −1), a
 * boolean `solid` and index lists of whole numbers.
 */
function checkState(fn: string, st: unknown): GrammarState {
  if (typeof st === 'object' && st !== null && MadeState.made(st)) return st;
  const o = checkObject(fn, 'state', st);
  checkEnum(fn, ['state', 'phase'], o['phase'], PHASES);
  for (const k of COUNTERS) checkNumber(fn, ['state', k], o[k], { min: -1, integer: true });
  if (typeof o['solid'] !== 'boolean') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['state', 'solid'],
      value: o['solid'],
      allowed: 'a boolean',
    });
  }
  for (const k of INDEX_LISTS) {
    const xs = o[k];
    if (!Array.isArray(xs)) {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn,
        path: ['state', k],
        value: xs,
        allowed: 'an array of indices',
      });
    }
    for (const [i, x] of xs.entries()) checkNumber(fn, ['state', k, i], x, { min: 0, integer: true });
  }
  return st as GrammarState;
}

/** A plan grammar for one request (see {@link createGrammar}). */
export interface PlanGrammar {
  /** The state before the first token (`<plan>`). */
  readonly start: GrammarState;
  /** The tokens that may come next; empty only when the plan is complete. */
  allowedNext(state: GrammarState): ReadonlySet<string>;
  /** The state after `token`; throws `INVALID_ENUM` naming the allowed tokens when it is not allowed. */
  advance(state: GrammarState, token: string): GrammarState;
  /** True after `</plan>`. */
  isComplete(state: GrammarState): boolean;
  /** The food tokens this request allows, in catalogue order. */
  readonly foodTokens: readonly string[];
  /** The exercise tokens this request allows, in catalogue order. */
  readonly exerciseTokens: readonly string[];
  /** The dish tokens this request allows (core `dishesFor`), in catalogue order. */
  readonly dishTokens: readonly string[];
}

export interface GrammarOptions {
  /** Exact number of program weeks (1–52); default any number from 1 to 52. */
  readonly weeks?: number;
}

/** Session kinds in the order `GrammarState.kind` indexes them. */
const KINDS = Object.keys(SESSION_REGIONS) as SessionKindT[];
/** Session-name token → its kind's index in {@link KINDS}, −1 for light conditioning (any exercise). */
const NAME_KIND = new Map(
  SESSION_NAMES.map((n) => {
    const k = LABEL_KIND[labelOf(n)];
    return [NAME_PREFIX + nameSlug(n), k === undefined ? -1 : KINDS.indexOf(k)] as const;
  }),
);
/** Per split (in `SPLIT_NAMES` order), the session-name tokens of its labels. */
const SPLIT_NAME_TOKENS = SPLIT_NAMES.map((split) =>
  SESSION_NAMES.filter((n) => SPLIT_LABELS[split].includes(labelOf(n))).map((n) => NAME_PREFIX + nameSlug(n)),
);

/** Phases after which an exercise token starts the next exercise. */
const EXERCISE_STARTS: ReadonlySet<GrammarState['phase']> = new Set([
  'session-name',
  'group-done',
  'prog-reps-range',
  'prog-reps-step',
  'prog-done',
]);

/**
 * Bounds the grammar enforces. Weeks, exercises a session and sets an exercise are the schema's
 * (every complete walk parses). Items a meal: 16, tighter than the schema's 30 — the rule
 * planner's meals have 2–14 items (a dish has at most 12 components, plus sides; measured over
 * 60 generated requests), and a bound near that keeps a model that repeats itself from filling
 * its context with one meal.
 */
export const GRAMMAR_LIMITS = {
  weeks: 52,
  exercisesPerSession: 20,
  setsPerExercise: 20,
  itemsPerMeal: 16,
} as const;
const MAX = {
  weeks: GRAMMAR_LIMITS.weeks,
  exercises: GRAMMAR_LIMITS.exercisesPerSession,
  sets: GRAMMAR_LIMITS.setsPerExercise,
  items: GRAMMAR_LIMITS.itemsPerMeal,
} as const;

const FN = 'createGrammar';

/** Marks the part of a memo key that lists indices (kept in the bounded memo). */
const LIST_MARK = '#';
/** Memoised allowed sets kept per grammar whose keys list a session's exercises or a day's dishes. */
const MEMO_LISTED_MAX = 512;
/** `|#i,j,…` for a non-empty index list, `|` for an empty one. */
const list = (xs: readonly number[]): string => (xs.length === 0 ? '|' : `|${LIST_MARK}${xs.join(',')}`);

/**
 * The grammar of a plan for this request, for constrained decoding: a state machine whose
 * `allowedNext(state)` is the set of tokens that may follow. Data-driven: the exercise tokens
 * are the catalogue's `exercisesFor({ equipment, injuries, level })` minus the excluded ids;
 * the food tokens are the catalogue foods that fit the diet and allergens (`gluten` also rules
 * out `wheat`) and are not disliked; the dish tokens are core's `dishesFor` those rules, and
 * after `dish:<id>` only that dish's allowed foods follow (until the next dish token,
 * `<nodish>` or meal); every meal-plan day has exactly `mealsPerDay` meals, of the types of core
 * `DEFAULT_MEAL_SHARES` in its order (the slots the planner fills and the repair solves), and
 * there are exactly `days` days; every week has exactly `trainingDaysPerWeek` sessions (none
 * when no exercise fits) on strictly increasing days, each day leaving room for the sessions
 * still to come; numbers come from the language's vocabularies and the bounds of
 * {@link GRAMMAR_LIMITS} hold (≤ 20 exercises a session, ≤ 20 sets an exercise, ≤ 16 items a
 * meal, a rep range's max ≥ its min). `</plan>` is allowed only when the structure is complete,
 * so every complete walk is text that {@link parsePlan} reads. Stricter than `parsePlan`, which
 * reads any schema-valid body.
 *
 * Realism (language 2.1.0): each exercise once a session of week 1, the week a model writes
 * (a progression's `<next> ex:<id>` variant is not one of its exercises), and from 2.2.0 one
 * stance of a lift (`stancesOf`: no sumo deadlift next to a barbell deadlift) and at most 4 sets
 * of an exercise for a beginner, 5 otherwise (from 2.3.0 at most 8 exercises a session, core
 * `MAX_EXERCISES_PER_SESSION`); from 2.2.0 too, in every week, session names from
 * the split's labels and exercises that train the session kind's muscles (core
 * `SESSION_REGIONS`: no bench press on a Lower day); each main dish (not a side) once a day; each food once a
 * dish; and a dish's items are not all condiments (`seasoning` or `sauce` components): a dish
 * ends only after one that is neither, and no dish with no such allowed food is offered.
 *
 * The allowed sets are memoised per phase and what that phase reads (counters, the session's
 * exercises, the day's main dishes, the open dish's foods), so a step costs a lookup (the
 * returned set is shared and frozen in use: do not mutate it).
 *
 * @param request a {@link PlanRequest}
 * @param options `weeks`: the exact program length, if fixed
 * @throws {NexFitraError} `SCHEMA` for an invalid request; `OUT_OF_RANGE` for `weeks` outside
 *   1–52; `INCONSISTENT` when no catalogue food fits the request (no meal could be written)
 * @example
 * const g = createGrammar(request);
 * let s = g.advance(g.start, '<plan>');
 * g.allowedNext(s) // Set { '<workout>' }
 */
export function createGrammar(request: PlanRequestT, options: GrammarOptions = {}): PlanGrammar {
  const r = parseOrThrow(PlanRequest, request, FN);
  const o = checkObject(FN, 'options', options);
  const weeksExact =
    o.weeks === undefined
      ? undefined
      : checkNumber(FN, ['options', 'weeks'], o.weeks, { min: 1, max: MAX.weeks, integer: true });
  const minWeeks = weeksExact ?? 1;
  const maxWeeks = weeksExact ?? MAX.weeks;
  const p = r.preferences;
  const excluded = new Set(p.excludedExerciseIds);
  const exercises = exercisesFor({
    equipment: p.equipment,
    injuries: p.injuries,
    level: p.experience,
  }).filter((e) => !excluded.has(e.id));
  const exerciseTokens = exercises.map((e) => exerciseToken(e.id));
  const week1Sets = MAX_SETS_PER_EXERCISE[p.experience];
  /**
   * Session kinds (2.2.0): per kind, the allowed exercises whose prime movers it trains (core
   * `SESSION_REGIONS`); a kind with none is not offered as a session name, a split with no
   * session name left is not offered.
   */
  const regionTokens = KINDS.map((k) => {
    const region = SESSION_REGIONS[k];
    return new Set(
      exercises.filter((e) => e.primaryMuscles.every((m) => region.has(m))).map((e) => exerciseToken(e.id)),
    );
  });
  const namesBySplit = SPLIT_NAME_TOKENS.map((names) =>
    names.filter((t) => {
      const k = NAME_KIND.get(t)!;
      return k < 0 || regionTokens[k]!.size > 0;
    }),
  );
  /** Per exercise: the indices a session that holds it refuses (itself and its other stances, `stancesOf`). */
  const idIndex = new Map(exercises.map((e, i) => [e.id, i]));
  const blocks = exercises.map((e) => stancesOf(e.id).flatMap((s) => idIndex.get(s) ?? []));
  const foodTokens = foodsForRequest(r).map((f) => foodToken(f.id));
  if (foodTokens.length === 0) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn: FN,
      path: ['request', 'preferences'],
      value: { diet: p.diet, allergens: p.allergens, dislikedFoodIds: p.dislikedFoodIds.length },
      allowed: 'preferences that leave at least one catalogue food',
    });
  }
  /** Sessions every week has: the request's training days, or none when no exercise fits. */
  const sessionsPerWeek = exerciseTokens.length > 0 ? p.trainingDaysPerWeek : 0;
  const exerciseIndex = new Map(exerciseTokens.map((t, i) => [t, i]));
  const foodSet = new Set(foodTokens);
  // Dishes that keep the hard food rules; after a dish token only its allowed foods may follow.
  // A dish needs an allowed food that is not a condiment: its items may not be condiments only.
  const dishes = dishesFor({
    diet: p.diet,
    allergens: p.allergens,
    dislikedFoodIds: p.dislikedFoodIds,
  }).filter((d) => solidFoodTokens(d, foodSet).length > 0);
  const dishTokens = dishes.map((d) => dishToken(d.id));
  const dishIndex = new Map(dishTokens.map((t, i) => [t, i]));
  const dishFoods = dishes.map((d) =>
    d.components.map((c) => foodToken(c.foodId)).filter((t) => foodSet.has(t)),
  );
  /** Per dish: its allowed foods that are not condiments, as a list and as a set. */
  const dishSolid = dishes.map((d) => solidFoodTokens(d, foodSet));
  const dishSolidSet = dishSolid.map((ts) => new Set(ts));
  const dishFoodIndex = dishFoods.map((ts) => new Map(ts.map((t, i) => [t, i])));
  const isMain = dishes.map((d) => !d.side);
  const allSplitTokens = SPLIT_NAMES.map((s) => SPLIT_PREFIX + s);
  const splitTokens = allSplitTokens.filter((_, i) => namesBySplit[i]!.length > 0);
  const reps = numberTokens('reps');
  const seconds = numberTokens('seconds');
  const loads = [
    ...numberTokens('percent'),
    ...numberTokens('rpe'),
    ...numberTokens('rir'),
    ...numberTokens('kg'),
  ];
  const progTokens = PROGRESSION_SCHEMES.map((s) => PROGRESSION_PREFIX + s);
  const steps = numberTokens('stepKg');
  const loadSet = new Set(loads);
  const rest = numberTokens('rest');
  const grams = numberTokens('grams');
  const starters = [...reps, ...seconds];
  /** The meal token of each slot of the day, in order (core `DEFAULT_MEAL_SHARES`, as the planner's meals). */
  const slotTokens = DEFAULT_MEAL_SHARES[p.mealsPerDay as keyof typeof DEFAULT_MEAL_SHARES].map((s) =>
    mealToken(s.mealType),
  );

  const start: GrammarState = new MadeState(
    {
      phase: 'start',
      weeks: 0,
      sessions: 0,
      lastDay: -1,
      exercises: 0,
      sets: 0,
      repsMin: 0,
      days: 0,
      meals: 0,
      items: 0,
      dish: -1,
      solid: false,
      parts: NONE,
      used: NONE,
      mains: NONE,
      split: -1,
      kind: -1,
    },
    'start',
  );

  /** What may follow the end of a week's content: the next session until the week has them all, then another week or the meals. */
  function weekNext(st: GrammarState): string[] {
    if (st.sessions < sessionsPerWeek) return [S.session];
    const out: string[] = [];
    if (st.weeks < maxWeeks) out.push(S.week, S.deloadWeek);
    if (st.weeks >= minWeeks) out.push(S.meals);
    return out;
  }

  /**
   * Most sets of one exercise in a session: in week 1 (the week a model writes) the rule
   * planner's own cap, 4 for a beginner and 5 otherwise (more sets of one exercise in one
   * session add fatigue, not stimulus; more volume goes to another exercise or day); later
   * weeks, which progression may grow, keep the schema's bound.
   */
  function setCap(st: GrammarState): number {
    return st.weeks <= 1 ? week1Sets : MAX.sets;
  }

  /**
   * Most exercises a session may hold: in week 1 the planner's cap, core
   * `MAX_EXERCISES_PER_SESSION` (8; language 2.3.0), so a model does not write a 16-exercise
   * session; later weeks, which repeat week 1's exercises, keep the schema's bound.
   */
  function exerciseCap(st: GrammarState): number {
    return st.weeks <= 1 ? MAX_EXERCISES_PER_SESSION : MAX.exercises;
  }

  /**
   * The exercises that may start next in this session: those that train the session kind's
   * muscles (any for full body and light conditioning), and in week 1 those it does not have yet.
   * Later weeks follow from week 1 by progression, and the rule planner's swap to a harder
   * variant can meet another exercise of the session there (push-ups twice from week 5; 32 of
   * 6,930 sessions of 300 six-week programs), so there the rule would refuse the teacher.
   */
  function freshExercises(st: GrammarState): readonly string[] {
    if (st.exercises >= exerciseCap(st)) return [];
    const all = st.weeks <= 1 ? withoutIndices(exerciseTokens, st.used) : exerciseTokens;
    const region = st.kind >= 0 ? regionTokens[st.kind] : undefined;
    return region === undefined ? all : all.filter((t) => region.has(t));
  }

  /** What may follow a finished exercise: another exercise, or the end of the session. */
  function exerciseEnd(st: GrammarState): string[] {
    return [...freshExercises(st), ...weekNext(st)];
  }

  /** The dishes that may start next: sides, and the main dishes this day does not have yet. */
  function freshDishes(st: GrammarState): readonly string[] {
    return withoutIndices(dishTokens, st.mains);
  }

  /**
   * The foods of the current dish that may come next: each food once a dish (the dish schema's
   * rule), and condiments only while a solid item still fits after them.
   */
  function dishNext(st: GrammarState): readonly string[] {
    return st.solid || st.items + 1 < MAX.items
      ? withoutIndices(dishFoods[st.dish]!, st.parts)
      : dishSolid[st.dish]!;
  }

  function allowedList(st: GrammarState): readonly string[] {
    switch (st.phase) {
      case 'start':
        return [S.plan];
      case 'plan':
        return [S.workout];
      case 'workout':
        return splitTokens;
      case 'split':
        return [S.week, S.deloadWeek];
      case 'week':
        return weekNext(st);
      case 'session':
        // Strictly after the last session's day, leaving a day for each session still to come.
        return numberTokens('weekday').slice(st.lastDay + 1, 7 - (sessionsPerWeek - st.sessions));
      case 'session-day':
        return namesBySplit[st.split] ?? [];
      case 'session-name':
        return freshExercises(st);
      case 'exercise':
        return starters;
      case 'reps':
        return [...reps.slice(st.repsMin - 1), ...loads, ...rest];
      case 'reps-done':
        return [...loads, ...rest];
      case 'load':
        return rest;
      case 'rest':
        return numberTokens('count').slice(0, setCap(st) - st.sets);
      case 'group-done':
        return [...(st.sets < setCap(st) ? starters : []), ...progTokens, ...exerciseEnd(st)];
      // A progression rule: double needs a rep range and a step; linear a step (range optional);
      // reps a range, then an optional step and an optional harder variant.
      case 'prog-double':
      case 'prog-reps':
        return reps;
      case 'prog-linear':
        return [...reps, ...steps];
      case 'prog-double-min':
      case 'prog-linear-min':
      case 'prog-reps-min':
        return reps.slice(st.repsMin - 1);
      case 'prog-double-range':
      case 'prog-linear-range':
        return steps;
      case 'prog-reps-range':
        return [...steps, NEXT_TOKEN, ...exerciseEnd(st)];
      case 'prog-reps-step':
        return [NEXT_TOKEN, ...exerciseEnd(st)];
      case 'prog-next':
        return exerciseTokens;
      case 'prog-done':
        return exerciseEnd(st);
      case 'meals':
        return [S.day];
      case 'day':
        return [slotTokens[0]!];
      case 'meal':
        return [...foodTokens, ...freshDishes(st)];
      case 'dish':
        return st.dish >= 0 && st.dish < dishes.length ? dishNext(st) : [];
      case 'nodish':
        return foodTokens;
      case 'food':
        return grams;
      case 'item': {
        // A dish whose items so far are condiments only must get a solid item before it ends.
        if (st.dish >= 0 && !st.solid) return dishNext(st);
        const more = st.items < MAX.items;
        const out: string[] = !more ? [] : st.dish >= 0 ? [...dishNext(st), NO_DISH] : [...foodTokens];
        if (more) out.push(...freshDishes(st));
        if (st.meals < p.mealsPerDay) out.push(slotTokens[st.meals]!);
        else if (st.days < r.days) out.push(S.day);
        else out.push(S.planEnd);
        return out;
      }
      case 'done':
        return [];
    }
  }

  // The parts of a key that `weekNext` and `freshExercises` read, built only in the phases that
  // use them (a meal step would otherwise join the last session's exercise list at every token).
  function weekKey(st: GrammarState): string {
    return `${st.sessions < sessionsPerWeek}|${st.weeks < maxWeeks}|${st.weeks >= minWeeks}`;
  }
  function freshKey(st: GrammarState): string {
    const ex = st.exercises >= exerciseCap(st) ? '0' : st.weeks <= 1 ? `1${list(st.used)}` : '1|all';
    return `${ex}|k${st.kind}`;
  }

  /**
   * What `allowedList(st)` depends on: the phase and only the counters that phase reads — with
   * the session's exercises where the next exercise may start, and the day's main dishes (and
   * whether the open dish has a solid item yet) where a dish or its foods may come next.
   */
  function keyOf(st: GrammarState): string {
    const ph = st.phase;
    switch (ph) {
      case 'week':
        return `${ph}|${weekKey(st)}`;
      case 'session-name':
        return `${ph}|${freshKey(st)}`;
      case 'group-done':
        return `${ph}|${weekKey(st)}|${freshKey(st)}|${st.sets < setCap(st)}`;
      case 'prog-reps-range':
      case 'prog-reps-step':
      case 'prog-done':
        return `${ph}|${weekKey(st)}|${freshKey(st)}`;
      case 'session':
        return `${ph}|${st.lastDay}|${st.sessions}`;
      case 'session-day':
        return `${ph}|${st.split}`;
      case 'reps':
      case 'prog-double-min':
      case 'prog-linear-min':
      case 'prog-reps-min':
        return `${ph}|${st.repsMin}`;
      case 'rest':
        return `${ph}|${st.sets}|${setCap(st)}`;
      case 'meal':
        return `${ph}${list(st.mains)}`;
      case 'dish':
        return `${ph}|${st.dish}|${st.solid || st.items + 1 < MAX.items}${list(st.parts)}`;
      case 'item': {
        const open = st.dish >= 0 && !st.solid;
        if (open) return `${ph}|open|${st.dish}|${st.items + 1 < MAX.items}${list(st.parts)}`;
        const more = st.items < MAX.items;
        const parts = more && st.dish >= 0 ? list(st.parts) : '';
        return `${ph}|${st.dish}|${more}|${st.meals}|${st.days < r.days}${parts}${more ? list(st.mains) : ''}`;
      }
      default:
        return ph;
    }
  }

  // Keys that carry a session's exercises or a day's dishes are many (a model that wanders
  // writes new ones all the time): those sets live in a bounded map, oldest out first, so a
  // grammar kept for many generations does not grow without end. The rest are few and kept.
  const memo = new Map<string, ReadonlySet<string>>();
  const memoListed = new Map<string, ReadonlySet<string>>();
  function allowedSet(st: GrammarState): ReadonlySet<string> {
    const key = keyOf(st);
    const listed = key.includes(LIST_MARK);
    const store = listed ? memoListed : memo;
    let set = store.get(key);
    if (set === undefined) {
      set = new Set(allowedList(st));
      if (listed && memoListed.size >= MEMO_LISTED_MAX) memoListed.delete(memoListed.keys().next().value!);
      store.set(key, set);
    }
    return set;
  }

  function allowedNext(st: GrammarState): ReadonlySet<string> {
    return allowedSet(checkState('allowedNext', st));
  }

  // `next`'s helpers take the state (no closures made per token: a step of a batched generation
  // calls `next` once a row).
  function to(st: GrammarState, phase: GrammarState['phase'], patch?: Partial<GrammarState>): GrammarState {
    return new MadeState(st, phase, patch);
  }
  /** A dish begins with no solid item; a main dish joins the day's. */
  function openDish(st: GrammarState, dish: number): GrammarState {
    return to(st, 'dish', {
      dish,
      solid: false,
      parts: NONE,
      mains: isMain[dish] ? withIndex(st.mains, dish) : st.mains,
    });
  }
  function addFood(st: GrammarState, token: string): GrammarState {
    if (st.dish < 0) return to(st, 'food', { items: st.items + 1 });
    return to(st, 'food', {
      items: st.items + 1,
      solid: st.solid || dishSolidSet[st.dish]!.has(token),
      parts: withIndex(st.parts, dishFoodIndex[st.dish]!.get(token)!),
    });
  }

  function next(st: GrammarState, token: string): GrammarState {
    // Tokens that can end a week's content, whatever the phase that allowed them.
    if (token === S.session) return to(st, 'session', { sessions: st.sessions + 1, used: NONE });
    if (token === S.week || token === S.deloadWeek)
      return to(st, 'week', { weeks: st.weeks + 1, sessions: 0, lastDay: -1 });
    if (token === S.meals) return to(st, 'meals');
    if (st.phase === 'prog-next') return to(st, 'prog-done');
    const exercise = exerciseIndex.get(token);
    if (exercise !== undefined && EXERCISE_STARTS.has(st.phase)) {
      const used = blocks[exercise]!.reduce<readonly number[]>((u, j) => withIndex(u, j), st.used);
      return to(st, 'exercise', { exercises: st.exercises + 1, sets: 0, used });
    }
    if (token.startsWith(PROGRESSION_PREFIX)) {
      return to(st, `prog-${token.slice(PROGRESSION_PREFIX.length)}` as GrammarState['phase']);
    }
    switch (st.phase) {
      case 'start':
        return to(st, 'plan');
      case 'plan':
        return to(st, 'workout');
      case 'workout':
        return to(st, 'split', { split: allSplitTokens.indexOf(token) });
      case 'session':
        return to(st, 'session-day', { lastDay: tokenNum('weekday', token)! });
      case 'session-day':
        return to(st, 'session-name', { exercises: 0, used: NONE, kind: NAME_KIND.get(token) ?? -1 });
      case 'exercise':
      case 'group-done': {
        const min = tokenNum('reps', token);
        return min === undefined ? to(st, 'reps-done') : to(st, 'reps', { repsMin: min });
      }
      case 'reps':
        if (tokenNum('reps', token) !== undefined) return to(st, 'reps-done');
        return loadSet.has(token) ? to(st, 'load') : to(st, 'rest');
      case 'reps-done':
        return loadSet.has(token) ? to(st, 'load') : to(st, 'rest');
      case 'load':
        return to(st, 'rest');
      case 'prog-double':
      case 'prog-reps':
        return to(st, `${st.phase}-min`, { repsMin: tokenNum('reps', token)! });
      case 'prog-linear':
        return tokenNum('reps', token) === undefined
          ? to(st, 'prog-done')
          : to(st, 'prog-linear-min', { repsMin: tokenNum('reps', token)! });
      case 'prog-double-min':
      case 'prog-linear-min':
      case 'prog-reps-min':
        return to(st, st.phase.replace('-min', '-range') as GrammarState['phase']);
      case 'prog-double-range':
      case 'prog-linear-range':
        return to(st, 'prog-done');
      case 'prog-reps-range':
        return token === NEXT_TOKEN ? to(st, 'prog-next') : to(st, 'prog-reps-step');
      case 'prog-reps-step':
        return to(st, 'prog-next');
      case 'rest':
        return to(st, 'group-done', { sets: st.sets + tokenNum('count', token)! });
      case 'meals':
        return to(st, 'day', { days: st.days + 1, meals: 0, mains: NONE });
      case 'day':
        return to(st, 'meal', { meals: st.meals + 1, items: 0, dish: -1 });
      case 'meal':
        if (dishIndex.has(token)) return openDish(st, dishIndex.get(token)!);
        return to(st, 'food', { items: st.items + 1 });
      case 'dish':
      case 'nodish':
        return addFood(st, token);
      case 'food':
        return to(st, 'item');
      case 'item':
        if (dishIndex.has(token)) return openDish(st, dishIndex.get(token)!);
        if (token === NO_DISH) return to(st, 'nodish', { dish: -1, parts: NONE });
        if (foodSet.has(token)) return addFood(st, token);
        if (token === S.day) return to(st, 'day', { days: st.days + 1, meals: 0, dish: -1, mains: NONE });
        if (token === S.planEnd) return to(st, 'done');
        return to(st, 'meal', { meals: st.meals + 1, items: 0, dish: -1 });
      default:
        return st;
    }
  }

  /** Which realism rule `token` would break here, in words, when it is one of them. */
  function ruleBroken(st: GrammarState, token: string): string | undefined {
    const ex = exerciseIndex.get(token);
    if (
      ex !== undefined &&
      EXERCISE_STARTS.has(st.phase) &&
      st.kind >= 0 &&
      !regionTokens[st.kind]!.has(token)
    ) {
      const movers = exercises[ex]!.primaryMuscles.join(', ');
      return `a ${KINDS[st.kind]} session trains its own muscles (${token} trains ${movers})`;
    }
    if (ex !== undefined && EXERCISE_STARTS.has(st.phase) && st.weeks <= 1 && st.used.includes(ex)) {
      return `each exercise once a session, one stance of a lift (${token}, or another stance of it, is in this one already)`;
    }
    const dish = dishIndex.get(token);
    if (dish !== undefined && st.mains.includes(dish)) {
      return `each main dish once a day (${token} is in this day already)`;
    }
    const part = st.dish >= 0 ? dishFoodIndex[st.dish]?.get(token) : undefined;
    if (part !== undefined && st.parts.includes(part) && (st.phase === 'dish' || st.phase === 'item')) {
      return `each food once a dish (${token} is in ${dishTokens[st.dish]} already)`;
    }
    const leaves = token === NO_DISH || dish !== undefined || token.startsWith('<') || foodSet.has(token);
    if ((st.phase === 'dish' || st.phase === 'item') && st.dish >= 0 && !st.solid && leaves) {
      return `a dish is more than its seasonings and sauces (${dishTokens[st.dish]} needs an item that is neither)`;
    }
    return undefined;
  }

  function advance(st: GrammarState, token: string): GrammarState {
    const set = allowedSet(checkState('advance', st));
    if (!set.has(token)) {
      const allowed = [...set];
      const shown = allowed.slice(0, 12).map((t) => JSON.stringify(t));
      const more = allowed.length > 12 ? `, … (${allowed.length} in all)` : '';
      const rule = ruleBroken(st, token);
      throw new NexFitraError({
        code: 'INVALID_ENUM',
        fn: 'advance',
        path: ['token'],
        value: token,
        allowed:
          allowed.length === 0
            ? 'nothing: the plan is complete'
            : `${rule === undefined ? '' : `${rule}; `}one of ${shown.join(', ')}${more}`,
      });
    }
    return next(st, token);
  }

  return Object.freeze({
    start,
    allowedNext,
    advance,
    isComplete: (st: GrammarState) => checkState('isComplete', st).phase === 'done',
    foodTokens: Object.freeze(foodTokens),
    exerciseTokens: Object.freeze(exerciseTokens),
    dishTokens: Object.freeze(dishTokens),
  });
}
