import { NexFitraError } from '../errors';
import type { MealPlanT, MealT } from '../schemas/meal';
import { parseOrThrow } from '../schemas/parse';
import { SCHEMA_VERSION } from '../schemas/version';
import { MEAL_TYPES, type MealTypeT } from '../schemas/vocab';
import {
  type LoadT,
  PROGRESSION_SCHEMES,
  type PrescribedSetT,
  type ProgressionT,
  type SessionExerciseT,
  type SessionT,
  type WorkoutProgramT,
} from '../schemas/workout';
import { PlanBody, type PlanBodyT } from './_body';
import { catalogueDishIds, catalogueExerciseIds, catalogueFoodIds } from './_catalogues';
import { nameSlug, SESSION_NAMES, SPLIT_NAMES } from './_names';
import {
  DISH_PREFIX,
  EXERCISE_PREFIX,
  FOOD_PREFIX,
  mealToken,
  NAME_PREFIX,
  NEXT_TOKEN,
  NO_DISH,
  NUM,
  type NumberKind,
  PROGRESSION_PREFIX,
  S,
  SPLIT_PREFIX,
  tokenNum,
} from './_tokens';

const FN = 'parsePlan';

const MEAL_BY_TOKEN: ReadonlyMap<string, MealTypeT> = new Map(MEAL_TYPES.map((t) => [mealToken(t), t]));
let sessionBySlug: ReadonlyMap<string, string> | undefined;

/** @internal A cursor over the tokens that names the token index in every error. */
class Cursor {
  i = 0;
  constructor(readonly tokens: readonly string[]) {}
  peek(): string | undefined {
    return this.tokens[this.i];
  }
  fail(allowed: string): never {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn: FN,
      path: ['tokens', this.i],
      value: this.peek() ?? '(end of text)',
      allowed,
    });
  }
  take(token: string): void {
    if (this.peek() !== token) this.fail(JSON.stringify(token));
    this.i++;
  }
  /** The value of the next token if it is a number of `kind`, consuming it; else `undefined`. */
  maybeNum(kind: NumberKind): number | undefined {
    const t = this.peek();
    const x = t === undefined ? undefined : tokenNum(kind, t);
    if (x !== undefined) this.i++;
    return x;
  }
  num(kind: NumberKind): number {
    const x = this.maybeNum(kind);
    return x === undefined ? this.fail(`a "${NUM[kind].prefix}" token (${NUM[kind].what})`) : x;
  }
  /** The rest of the next token after `prefix` if it is one of `ids`, consuming it. */
  id(prefix: string, ids: ReadonlySet<string>, what: string): string {
    const t = this.peek();
    const id = t?.startsWith(prefix) ? t.slice(prefix.length) : undefined;
    if (id === undefined || !ids.has(id)) this.fail(`a "${prefix}<id>" token of the ${what} catalogue`);
    this.i++;
    return id;
  }
  startsWith(prefix: string): boolean {
    return this.peek()?.startsWith(prefix) === true;
  }
}

function parseLoad(c: Cursor): LoadT | undefined {
  const pct = c.maybeNum('percent');
  if (pct !== undefined) return { type: 'percent-1rm', value: pct };
  const rpe = c.maybeNum('rpe');
  if (rpe !== undefined) return { type: 'rpe', value: rpe };
  const rir = c.maybeNum('rir');
  if (rir !== undefined) return { type: 'rir', value: rir };
  const kg = c.maybeNum('kg');
  return kg === undefined ? undefined : { type: 'kg', value: kg };
}

/** A progression rule `prog:<scheme> [r:a r:b] [step:kg] [<next> ex:<id>]`, if one comes next. */
function parseProgression(c: Cursor, exerciseIds: ReadonlySet<string>): ProgressionT | undefined {
  if (!c.startsWith(PROGRESSION_PREFIX)) return undefined;
  const scheme = c.id(
    PROGRESSION_PREFIX,
    new Set(PROGRESSION_SCHEMES),
    'progression scheme',
  ) as ProgressionT['scheme'];
  let p: ProgressionT = { scheme };
  const min = c.maybeNum('reps');
  if (min !== undefined) p = { ...p, reps: { min, max: c.num('reps') } };
  const stepKg = c.maybeNum('stepKg');
  if (stepKg !== undefined) p = { ...p, stepKg };
  if (c.peek() === NEXT_TOKEN) {
    c.i++;
    p = { ...p, nextExerciseId: c.id(EXERCISE_PREFIX, exerciseIds, 'exercise') };
  }
  return p;
}

/** A set group `(r:a [r:b] | s:n) [load] rest:n x:k`, expanded to k sets, or `undefined`. */
function parseGroup(c: Cursor): PrescribedSetT[] | undefined {
  let set: Omit<PrescribedSetT, 'restSeconds'>;
  const min = c.maybeNum('reps');
  if (min !== undefined) {
    const max = c.maybeNum('reps');
    set = { reps: max === undefined ? min : { min, max } };
  } else {
    const seconds = c.maybeNum('seconds');
    if (seconds === undefined) return undefined;
    set = { seconds };
  }
  const load = parseLoad(c);
  const rest = c.num('rest');
  const count = c.num('count');
  const base = load === undefined ? set : { ...set, load };
  return Array.from({ length: count }, () => ({ ...base, restSeconds: rest }));
}

function parseWorkout(c: Cursor): WorkoutProgramT {
  c.take(S.plan);
  c.take(S.workout);
  const split = c.id(SPLIT_PREFIX, new Set(SPLIT_NAMES), 'split name');
  sessionBySlug ??= new Map(SESSION_NAMES.map((n) => [nameSlug(n), n]));
  const names = new Set(sessionBySlug.keys());
  const exerciseIds = catalogueExerciseIds();
  const weeks: WorkoutProgramT['weeks'][number][] = [];
  while (c.peek() === S.week || c.peek() === S.deloadWeek) {
    const deload = c.peek() === S.deloadWeek;
    c.i++;
    const sessions: SessionT[] = [];
    while (c.peek() === S.session) {
      c.i++;
      const day = c.num('weekday');
      const name = sessionBySlug.get(c.id(NAME_PREFIX, names, 'session name'))!;
      const exercises: SessionExerciseT[] = [];
      do {
        const exerciseId = c.id(EXERCISE_PREFIX, exerciseIds, 'exercise');
        const sets: PrescribedSetT[] = [];
        for (let g = parseGroup(c); g !== undefined; g = parseGroup(c)) sets.push(...g);
        if (sets.length === 0) c.fail('a set group: "r:" or "s:" then an optional load, "rest:" and "x:"');
        const progression = parseProgression(c, exerciseIds);
        exercises.push(progression === undefined ? { exerciseId, sets } : { exerciseId, sets, progression });
      } while (c.startsWith(EXERCISE_PREFIX));
      sessions.push({ day, name, exercises });
    }
    weeks.push({ deload, sessions });
  }
  if (weeks.length === 0) c.fail(`"${S.week}" or "${S.deloadWeek}"`);
  return { schemaVersion: SCHEMA_VERSION, split, weeks };
}

function parseMeals(c: Cursor): MealPlanT {
  c.take(S.meals);
  const foodIds = catalogueFoodIds();
  const dishIds = catalogueDishIds();
  const days: MealPlanT['days'][number][] = [];
  while (c.peek() === S.day) {
    c.i++;
    const meals: MealT[] = [];
    for (
      let type = MEAL_BY_TOKEN.get(c.peek() ?? '');
      type !== undefined;
      type = MEAL_BY_TOKEN.get(c.peek() ?? '')
    ) {
      c.i++;
      const items: MealT['items'][number][] = [];
      let dish: string | undefined;
      do {
        if (c.peek() === NO_DISH) {
          c.i++;
          dish = undefined;
        } else if (c.startsWith(DISH_PREFIX)) dish = c.id(DISH_PREFIX, dishIds, 'dish');
        const foodId = c.id(FOOD_PREFIX, foodIds, 'food');
        const grams = c.num('grams');
        items.push(dish === undefined ? { foodId, grams } : { foodId, grams, dishId: dish });
      } while (c.startsWith(FOOD_PREFIX) || c.startsWith(DISH_PREFIX) || c.peek() === NO_DISH);
      meals.push({ type, items });
    }
    if (meals.length === 0) c.fail('a meal token such as "<meal:breakfast>"');
    days.push({ meals });
  }
  if (days.length === 0) c.fail(`"${S.day}"`);
  return { schemaVersion: SCHEMA_VERSION, days };
}

/**
 * Reads the text form written by {@link formatPlan} back into a plan body. Tokens may be
 * separated by any whitespace. The result carries the current schema version and is checked
 * against the schemas (at most 20 sets per exercise, 30 items per meal…).
 *
 * @throws {NexFitraError} `BAD_DATA` naming the index of the first unexpected token and what
 *   was expected there; `SCHEMA` when the text is well formed but the plan breaks a schema
 *   bound
 * @example parsePlan(formatPlan(plan)) // deep-equals { mealPlan: plan.mealPlan, workoutProgram: plan.workoutProgram }
 */
export function parsePlan(text: string): PlanBodyT {
  if (typeof text !== 'string') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn: FN,
      path: ['text'],
      value: text,
      allowed: 'a string',
    });
  }
  const trimmed = text.trim();
  const c = new Cursor(trimmed === '' ? [] : trimmed.split(/\s+/));
  const workoutProgram = parseWorkout(c);
  const mealPlan = parseMeals(c);
  c.take(S.planEnd);
  if (c.peek() !== undefined) c.fail('the end of the text after "</plan>"');
  return parseOrThrow(PlanBody, { mealPlan, workoutProgram }, FN);
}
