import { NexFitraError } from '../errors';
import { parseOrThrow } from '../schemas/parse';
import { SCHEMA_VERSION } from '../schemas/version';
import type { PrescribedSetT, ProgressionT } from '../schemas/workout';
import { PlanBody, type PlanBodyT } from './_body';
import {
  catalogueDishIds,
  catalogueExerciseIds,
  catalogueFoodIds,
  dishToken,
  exerciseToken,
  foodToken,
} from './_catalogues';
import { nameSlug, SESSION_NAMES, SPLIT_NAMES } from './_names';
import {
  mealToken,
  NAME_PREFIX,
  NEXT_TOKEN,
  NO_DISH,
  NUM,
  type NumberKind,
  numToken,
  PROGRESSION_PREFIX,
  S,
  SPLIT_PREFIX,
} from './_tokens';

const FN = 'formatPlan';
type Path = readonly (string | number)[];

const QUANTIZABLE: ReadonlySet<NumberKind> = new Set(['grams', 'rest', 'seconds', 'kg']);

function num(kind: NumberKind, x: number, path: Path): string {
  const token = numToken(kind, x);
  if (token !== undefined) return token;
  const hint = QUANTIZABLE.has(kind) ? '; quantizeForLanguage(plan) snaps it to the nearest step' : '';
  throw new NexFitraError({
    code: 'OUT_OF_RANGE',
    fn: FN,
    path,
    value: x,
    allowed: `${NUM[kind].what}${hint}`,
  });
}

function known(ids: ReadonlySet<string>, id: string, path: Path, what: string): void {
  if (!ids.has(id)) {
    throw new NexFitraError({
      code: 'INVALID_ENUM',
      fn: FN,
      path,
      value: id,
      allowed: `an id of the ${what} catalogue (the language has one token per catalogue item)`,
    });
  }
}

/** @internal The tokens of one set, without its count. */
export function setTokens(set: PrescribedSetT, path: Path): string[] {
  const out: string[] = [];
  if (typeof set.reps === 'number') out.push(num('reps', set.reps, [...path, 'reps']));
  else if (set.reps !== undefined) {
    out.push(
      num('reps', set.reps.min, [...path, 'reps', 'min']),
      num('reps', set.reps.max, [...path, 'reps', 'max']),
    );
  } else if (set.seconds !== undefined) out.push(num('seconds', set.seconds, [...path, 'seconds']));
  if (set.load !== undefined) {
    const kind = set.load.type === 'percent-1rm' ? 'percent' : set.load.type;
    out.push(num(kind, set.load.value, [...path, 'load', 'value']));
  }
  out.push(num('rest', set.restSeconds, [...path, 'restSeconds']));
  return out;
}

/**
 * @internal The tokens of an exercise's progression rule, after its set groups:
 * `prog:<scheme> [r:min r:max] [step:kg] [<next> ex:<id>]`, each part present when the rule has it.
 */
export function progressionTokens(p: ProgressionT, path: Path, exerciseIds: ReadonlySet<string>): string[] {
  const out = [PROGRESSION_PREFIX + p.scheme];
  if (p.reps !== undefined) {
    out.push(
      num('reps', p.reps.min, [...path, 'reps', 'min']),
      num('reps', p.reps.max, [...path, 'reps', 'max']),
    );
  }
  if (p.stepKg !== undefined) out.push(num('stepKg', p.stepKg, [...path, 'stepKg']));
  if (p.nextExerciseId !== undefined) {
    known(exerciseIds, p.nextExerciseId, [...path, 'nextExerciseId'], 'exercise');
    out.push(NEXT_TOKEN, exerciseToken(p.nextExerciseId));
  }
  return out;
}

function checkVersion(version: string, path: Path): void {
  if (version !== SCHEMA_VERSION) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn: FN,
      path,
      value: version,
      allowed: `schema version "${SCHEMA_VERSION}" (the text form does not carry a version; parsePlan stamps the current one)`,
    });
  }
}

/**
 * The text form of a plan's body: the workout program (split, then weeks → sessions →
 * exercises → set groups → progression rule) and the meal plan (days → meals → items), one space
 * between tokens. Consecutive identical sets of an exercise are written once with a count
 * (`x:3`); an exercise's progression rule follows its sets (`prog:…`). Lossless:
 * {@link parsePlan} gives the body back exactly.
 *
 * ```
 * <plan> <workout> split:upper-lower <week> <session> d:0 name:upper-a
 *   ex:barbell-bench-press r:6 rir:2 rest:120 x:3 prog:double r:6 r:10 step:2.5 …
 *   ex:push-up r:10 rir:2 rest:90 x:2 prog:reps r:8 r:15 <next> ex:decline-push-up …
 *   ex:barbell-back-squat r:5 kg:102.5 rest:180 x:3 prog:linear step:2.5 … <week:deload> …
 * <meals> <day> <meal:breakfast> dish:scrambled-eggs-toast food:01132 g:140 … </plan>
 *
 * A meal's items that belong to a dish (`dishId`) follow a `dish:<id>` token; dishless items
 * after a dish's items follow `<nodish>`.
 * ```
 *
 * @param plan a `Plan` or just `{ mealPlan, workoutProgram }`
 * @throws {NexFitraError} `SCHEMA` for an invalid body; `OUT_OF_RANGE` for a number outside
 *   the language's vocabularies (grams, reps, seconds, rest, RPE/RIR/%1RM, kg) — never rounded, see
 *   {@link quantizeForLanguage}; `INVALID_ENUM` for an exercise or food not in the catalogues
 *   or a split/session name the language does not carry; `INCONSISTENT` for a schema version
 *   other than the current one
 * @example formatPlan(plan).split(' ').length // ≈ 900 tokens for 4 weeks × 4 sessions and 7 days × 4 meals
 */
export function formatPlan(plan: PlanBodyT): string {
  const body = parseOrThrow(PlanBody, plan, FN);
  const { workoutProgram: wp, mealPlan: mp } = body;
  checkVersion(wp.schemaVersion, ['workoutProgram', 'schemaVersion']);
  checkVersion(mp.schemaVersion, ['mealPlan', 'schemaVersion']);
  const exerciseIds = catalogueExerciseIds();
  const foodIds = catalogueFoodIds();
  const dishIds = catalogueDishIds();
  const out: string[] = [S.plan, S.workout];
  if (!(SPLIT_NAMES as readonly string[]).includes(wp.split)) {
    throw new NexFitraError({
      code: 'INVALID_ENUM',
      fn: FN,
      path: ['workoutProgram', 'split'],
      value: wp.split,
      allowed: `one of ${SPLIT_NAMES.map((s) => JSON.stringify(s)).join(', ')}`,
    });
  }
  out.push(SPLIT_PREFIX + wp.split);
  wp.weeks.forEach((week, w) => {
    out.push(week.deload ? S.deloadWeek : S.week);
    week.sessions.forEach((session, s) => {
      const path = ['workoutProgram', 'weeks', w, 'sessions', s];
      if (!SESSION_NAMES.includes(session.name)) {
        throw new NexFitraError({
          code: 'INVALID_ENUM',
          fn: FN,
          path: [...path, 'name'],
          value: session.name,
          allowed: `a session name of the language: "Full body", "Upper", "Lower", "Push", "Pull", "Legs" or "Light conditioning", alone or followed by a letter A–G`,
        });
      }
      out.push(
        S.session,
        num('weekday', session.day, [...path, 'day']),
        NAME_PREFIX + nameSlug(session.name),
      );
      session.exercises.forEach((ex, e) => {
        known(exerciseIds, ex.exerciseId, [...path, 'exercises', e, 'exerciseId'], 'exercise');
        out.push(exerciseToken(ex.exerciseId));
        let group: string[] | undefined;
        let count = 0;
        const flush = () => {
          if (group !== undefined) out.push(...group, NUM.count.prefix + String(count));
        };
        ex.sets.forEach((set, k) => {
          const tokens = setTokens(set, [...path, 'exercises', e, 'sets', k]);
          if (group !== undefined && tokens.join(' ') === group.join(' ')) {
            count++;
          } else {
            flush();
            group = tokens;
            count = 1;
          }
        });
        flush();
        if (ex.progression !== undefined) {
          out.push(
            ...progressionTokens(ex.progression, [...path, 'exercises', e, 'progression'], exerciseIds),
          );
        }
      });
    });
  });
  out.push(S.meals);
  mp.days.forEach((day, d) => {
    out.push(S.day);
    day.meals.forEach((meal, m) => {
      out.push(mealToken(meal.type));
      // A dish token before each run of its items; <nodish> when dishless items follow a dish.
      let dish: string | undefined;
      meal.items.forEach((item, i) => {
        const path = ['mealPlan', 'days', d, 'meals', m, 'items', i];
        known(foodIds, item.foodId, [...path, 'foodId'], 'food');
        if (item.dishId !== dish) {
          if (item.dishId === undefined) out.push(NO_DISH);
          else {
            known(dishIds, item.dishId, [...path, 'dishId'], 'dish');
            out.push(dishToken(item.dishId));
          }
          dish = item.dishId;
        }
        out.push(foodToken(item.foodId), num('grams', item.grams, [...path, 'grams']));
      });
    });
  });
  out.push(S.planEnd);
  return out.join(' ');
}
