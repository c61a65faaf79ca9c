import { parseOrThrow } from '../schemas/parse';
import type { PrescribedSetT } from '../schemas/workout';
import { PlanBody, type PlanBodyT } from './_body';
import { GRAM_VALUES, KG_VALUES, nearest, REST_VALUES, SECOND_VALUES } from './_numbers';

/** One value `quantizeForLanguage` changed. */
export interface QuantizeChange {
  /** Path from the plan root, e.g. `['mealPlan', 'days', 0, 'meals', 1, 'items', 2, 'grams']`. */
  readonly path: readonly (string | number)[];
  readonly from: number;
  readonly to: number;
}

export interface QuantizeResult<P extends PlanBodyT> {
  /** A copy of the plan with every changed value snapped (the input is not modified). */
  readonly plan: P;
  /** Every value that changed, in document order; empty when the plan was already representable. */
  readonly changes: readonly QuantizeChange[];
}

/**
 * Snaps the numbers of a plan that have a natural grid to the plan language's steps, and says
 * what changed: meal-item grams to the nearest grams token (5 g steps to 100 g, 10 g to 500 g,
 * 25 g beyond; a tie goes up, 1–2 g become 5 g), rest to the nearest 15 s, timed-set seconds to
 * the nearest step of their vocabulary, kg loads to the nearest kg token (0.5 kg to 60 kg,
 * 2.5 kg beyond). Reps, RPE, RIR and %1RM are left as they are: a rep count
 * above 30 or a %1RM below 20 has no near neighbour that means the same thing, so `formatPlan`
 * refuses those instead.
 *
 * @throws {NexFitraError} `SCHEMA` for an invalid plan body
 * @example quantizeForLanguage(plan).changes // [{ path: ['mealPlan', 'days', 0, 'meals', 0, 'items', 0, 'grams'], from: 83, to: 85 }]
 */
export function quantizeForLanguage<P extends PlanBodyT>(plan: P): QuantizeResult<P> {
  parseOrThrow(PlanBody, plan, 'quantizeForLanguage');
  const changes: QuantizeChange[] = [];
  const snap = (values: readonly number[], x: number, path: readonly (string | number)[]) => {
    const to = nearest(values, x);
    if (to !== x) changes.push({ path, from: x, to });
    return to;
  };
  const snapSet = (set: PrescribedSetT, path: readonly (string | number)[]): PrescribedSetT => {
    const out = { ...set, restSeconds: snap(REST_VALUES, set.restSeconds, [...path, 'restSeconds']) };
    if (set.seconds !== undefined) out.seconds = snap(SECOND_VALUES, set.seconds, [...path, 'seconds']);
    if (set.load?.type === 'kg') {
      out.load = { type: 'kg', value: snap(KG_VALUES, set.load.value, [...path, 'load', 'value']) };
    }
    return out;
  };
  const wp = plan.workoutProgram;
  const workoutProgram = {
    ...wp,
    weeks: wp.weeks.map((week, w) => ({
      ...week,
      sessions: week.sessions.map((session, s) => ({
        ...session,
        exercises: session.exercises.map((ex, e) => ({
          ...ex,
          sets: ex.sets.map((set, k) =>
            snapSet(set, ['workoutProgram', 'weeks', w, 'sessions', s, 'exercises', e, 'sets', k]),
          ),
        })),
      })),
    })),
  };
  const mp = plan.mealPlan;
  const mealPlan = {
    ...mp,
    days: mp.days.map((day, d) => ({
      ...day,
      meals: day.meals.map((meal, m) => ({
        ...meal,
        items: meal.items.map((item, i) => ({
          ...item,
          grams: snap(GRAM_VALUES, item.grams, ['mealPlan', 'days', d, 'meals', m, 'items', i, 'grams']),
        })),
      })),
    })),
  };
  // Document order: workout first, as formatPlan writes it.
  return { plan: { ...plan, workoutProgram, mealPlan }, changes };
}
