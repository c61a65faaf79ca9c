/**
 * "Swap this lunch", "a different session": one meal or one session of a plan replaced, the rest
 * kept, under the same constraints. Works with the rule planner's choices.
 */
import { NexFitraError, Plan, type PlanT, parseOrThrow, type SessionT, type Violation } from '@nexfitra/core';
import { checkNumber, checkObject } from '@nexfitra/core/internal';
import { planMeals, programWorkout } from '@nexfitra/planner';
import { allowedFoods, foodsById } from './_catalogues';
import { assemblePlan, checkPlan } from './_finish';
import { repairMealDay } from './repairMeals';
import type { ItemSwap } from './types';

const FN = 'regenerate';

/** What to replace: one meal of one day, or one session of one week (week default 0). */
export type RegenerateTarget =
  | { readonly day: number; readonly meal: number }
  | { readonly week?: number; readonly session: number };

export interface RegenerateOptions {
  /** Seed (uint32) of the new choice; default the plan's seed + 1. Tried seeds follow it until the choice differs. */
  readonly seed?: number;
}

export type RegenerateResult =
  | {
      readonly ok: true;
      readonly plan: PlanT;
      /** Foods or exercises taken out and put in. */
      readonly removed: readonly string[];
      readonly added: readonly string[];
      /** Meal swaps only: grams the day's re-solve moved and whether the day is inside every band. */
      readonly gramsMoved: number;
      readonly inBand: boolean;
      readonly swaps: readonly ItemSwap[];
      readonly soft: readonly Violation[];
    }
  | {
      readonly ok: false;
      readonly failure: {
        readonly code: 'HARD_VIOLATION' | 'NO_ALTERNATIVE';
        readonly message: string;
        readonly violations: readonly Violation[];
      };
    };

/** Seeds tried for a choice different from the current one. */
const TRIES = 6;

function index(path: readonly (string | number)[], value: unknown, length: number, what: string): number {
  if (length === 0) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path,
      value,
      allowed: `nothing: the plan has no ${what}`,
    });
  }
  return checkNumber(FN, path, value, { min: 0, max: length - 1, integer: true });
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

async function newMeal(plan: PlanT, day: number, meal: number, seed: number) {
  const old = plan.mealPlan.days[day]!.meals[meal]!;
  const request = { ...plan.request, days: 1 };
  for (let k = 0; k < TRIES; k++) {
    const s = (seed + k) >>> 0;
    const r = await planMeals({ ...request, seed: s }, plan.targets, { timeBudgetMs: 200 });
    const cand = r.mealPlan.days[0]?.meals[meal];
    if (
      cand &&
      !sameSet(
        cand.items.map((x) => x.foodId),
        old.items.map((x) => x.foodId),
      )
    )
      return cand;
  }
  return undefined;
}

/**
 * A session of the same name from the programmer with the old session's exercises excluded (all
 * of them, then every other one, then none with other seeds), so the choice differs where the
 * request's equipment and injuries leave alternatives.
 */
function newSession(plan: PlanT, week: number, session: number, seed: number): SessionT | undefined {
  const old = plan.workoutProgram.weeks[week]!.sessions[session]!;
  const oldIds = old.exercises.map((x) => x.exerciseId);
  const weeks = plan.workoutProgram.weeks.length;
  const prefs = plan.request.preferences;
  const exclusions = [oldIds, oldIds.filter((_, i) => i % 2 === 0), []];
  for (const [k, extra] of exclusions.entries()) {
    for (let t = 0; t < (extra.length === 0 ? TRIES : 1); t++) {
      const excluded = [...new Set([...prefs.excludedExerciseIds, ...extra])];
      const request = {
        ...plan.request,
        seed: (seed + k + t) >>> 0,
        preferences: {
          ...prefs,
          excludedExerciseIds: excluded,
          preferredExerciseIds: prefs.preferredExerciseIds.filter((x) => !excluded.includes(x)),
        },
      };
      let ref: ReturnType<typeof programWorkout>['program'];
      try {
        ref = programWorkout(request, { weeks }).program;
      } catch {
        continue; // no programme without those exercises: exclude fewer
      }
      const pool = ref.weeks[week]?.sessions ?? [];
      const cand = pool.find((x) => x.name === old.name) ?? pool[session];
      if (
        cand &&
        !sameSet(
          cand.exercises.map((x) => x.exerciseId),
          oldIds,
        )
      ) {
        return { ...cand, day: old.day, name: old.name };
      }
    }
  }
  return undefined;
}

/**
 * The plan with one meal (`{ day, meal }`) or one session (`{ week, session }`) replaced by a new
 * choice of the rule planner under the plan's own request (diet, allergens, dislikes, equipment,
 * injuries), everything else unchanged:
 * - meal: other days are identical; the new meal's foods come from the meal planner with another
 *   seed, and the day's portions (its other meals keep their foods) are re-solved into the
 *   energy and macro bands by the portion solver;
 * - session: the programmer's session of the same name written without the old session's
 *   exercises (where equipment and injuries leave alternatives), on the same weekday; every
 *   other session and week is identical.
 * The result is checked by core's `validatePlan` and never `ok` with a hard violation.
 *
 * @throws {NexFitraError} `SCHEMA` for an invalid plan; `OUT_OF_RANGE` naming `target.day`,
 *   `target.meal`, `target.week` or `target.session` when it is not in the plan
 * @example const r = await regenerate(plan, { day: 2, meal: 1 }); if (r.ok) r.added // the new lunch's foods
 */
export async function regenerate(
  plan: PlanT,
  target: RegenerateTarget,
  options: RegenerateOptions = {},
): Promise<RegenerateResult> {
  const p = parseOrThrow(Plan, plan, FN);
  const t = checkObject(FN, 'target', target);
  const o = checkObject(FN, 'options', options);
  const seed =
    o['seed'] !== undefined
      ? checkNumber(FN, ['options', 'seed'], o['seed'], { min: 0, max: 2 ** 32 - 1, integer: true })
      : ((p.request.seed ?? 0) + 1) >>> 0;
  if ('session' in t) {
    const week = index(['target', 'week'], t['week'] ?? 0, p.workoutProgram.weeks.length, 'weeks');
    const s = index(
      ['target', 'session'],
      t['session'],
      p.workoutProgram.weeks[week]!.sessions.length,
      'sessions that week',
    );
    const old = p.workoutProgram.weeks[week]!.sessions[s]!;
    const fresh = newSession(p, week, s, seed);
    if (!fresh) return noAlternative(`no other "${old.name}" session fits this request`);
    const weeks = p.workoutProgram.weeks.map((w, i) =>
      i === week ? { ...w, sessions: w.sessions.map((x, j) => (j === s ? fresh : x)) } : w,
    );
    const next = assemblePlan(
      p.request,
      p.targets,
      p.mealPlan,
      { ...p.workoutProgram, weeks },
      p.generatedBy,
      FN,
    );
    const oldIds = old.exercises.map((x) => x.exerciseId);
    const newIds = fresh.exercises.map((x) => x.exerciseId);
    return done(
      next,
      oldIds.filter((x) => !newIds.includes(x)),
      newIds.filter((x) => !oldIds.includes(x)),
      0,
      true,
      [],
    );
  }
  const day = index(['target', 'day'], t['day'], p.mealPlan.days.length, 'days');
  const m = index(['target', 'meal'], t['meal'], p.mealPlan.days[day]!.meals.length, 'meals that day');
  const fresh = await newMeal(p, day, m, seed);
  const old = p.mealPlan.days[day]!.meals[m]!;
  if (!fresh) return noAlternative(`no other ${old.type} fits this request`);
  const proposed = { meals: p.mealPlan.days[day]!.meals.map((x, j) => (j === m ? fresh : x)) };
  const r = await repairMealDay({
    day: proposed,
    dayIndex: day,
    targets: p.targets,
    sex: p.request.profile.sex,
    foodsById: foodsById(),
    allowed: allowedFoods(p.request),
    seed,
  });
  const days = p.mealPlan.days.map((d, i) => (i === day ? r.mealDay : d));
  const next = assemblePlan(
    p.request,
    p.targets,
    { ...p.mealPlan, days },
    p.workoutProgram,
    p.generatedBy,
    FN,
  );
  const oldIds = old.items.map((x) => x.foodId);
  const newIds = r.mealDay.meals[m]!.items.map((x) => x.foodId);
  return done(
    next,
    oldIds.filter((x) => !newIds.includes(x)),
    newIds.filter((x) => !oldIds.includes(x)),
    r.gramsMoved,
    r.inBand,
    r.swaps,
  );
}

function noAlternative(message: string): RegenerateResult {
  return { ok: false, failure: { code: 'NO_ALTERNATIVE', message, violations: [] } };
}

function done(
  plan: PlanT,
  removed: string[],
  added: string[],
  gramsMoved: number,
  inBand: boolean,
  swaps: readonly ItemSwap[],
): RegenerateResult {
  const v = checkPlan(plan);
  if (v.hard.length > 0) {
    return {
      ok: false,
      failure: {
        code: 'HARD_VIOLATION',
        message: `the new plan breaks a hard rule: ${v.hard[0]!.message}`,
        violations: v.hard,
      },
    };
  }
  return { ok: true, plan, removed, added, gramsMoved, inBand, swaps, soft: v.soft };
}
