import {
  EXPERIENCE_LEVELS,
  type MovementPatternT,
  NexFitraError,
  type PreferencesT,
  type Rng,
} from '@nexfitra/core';
import { EXERCISES, type ExerciseT, exercisesFor } from '@nexfitra/core/exercises';
import { type Matcher, matches, ROLES, type Role } from './_slots';

/**
 * @internal Patterns left out of a resistance-training week: cardio and plyometrics belong to
 * conditioning, and loaded carries are prescribed by distance, which the set schema lacks.
 */
const NOT_RESISTANCE: ReadonlySet<MovementPatternT> = new Set(['cardio', 'plyometric', 'carry']);

export const FN = 'programWorkout';

/**
 * @internal The exercises this person may do: core's `exercisesFor` (equipment — bodyweight
 * always available —, injuries, level) minus excluded ids and non-resistance patterns. These
 * are the hard constraints: nothing outside the pool is ever planned.
 */
export function exercisePool(p: PreferencesT): ExerciseT[] {
  const excluded = new Set(p.excludedExerciseIds);
  return exercisesFor({ equipment: p.equipment, injuries: p.injuries, level: p.experience }).filter(
    (e) => !excluded.has(e.id) && !NOT_RESISTANCE.has(e.pattern),
  );
}

/** @internal Unknown ids in the preference lists are a caller's mistake: name the first. */
export function checkExerciseIds(p: PreferencesT): void {
  const known = new Set(EXERCISES.map((e) => e.id));
  for (const field of ['preferredExerciseIds', 'excludedExerciseIds'] as const) {
    p[field].forEach((id, i) => {
      if (!known.has(id)) {
        throw new NexFitraError({
          code: 'INVALID_ENUM',
          fn: FN,
          path: ['preferences', field, i],
          value: id,
          allowed: `an id of one of the ${EXERCISES.length} catalogue exercises (@nexfitra/core/exercises)`,
        });
      }
    });
  }
}

/**
 * @internal Throws the typed error for a required slot nothing can fill: the constraints are
 * applied one by one to the catalogue exercises of the role, and the one that leaves none is
 * named with its value and how many exercises fitted before it.
 */
export function noExerciseFits(role: Role, session: string, p: PreferencesT): never {
  const alts = ROLES[role].alternatives;
  const have = new Set<string>(p.equipment);
  const level = EXPERIENCE_LEVELS.indexOf(p.experience);
  const steps = [
    ['experience', (e: ExerciseT) => EXPERIENCE_LEVELS.indexOf(e.level) <= level],
    ['equipment', (e: ExerciseT) => e.equipment.every((q) => q === 'bodyweight' || have.has(q))],
    ['injuries', (e: ExerciseT) => !e.contraindications.some((c) => p.injuries.includes(c))],
    ['excludedExerciseIds', (e: ExerciseT) => !p.excludedExerciseIds.includes(e.id)],
  ] as const;
  let left = EXERCISES.filter((e) => !NOT_RESISTANCE.has(e.pattern) && alts.some((m) => matches(e, m)));
  for (const [field, keep] of steps) {
    const next = left.filter(keep);
    if (next.length === 0) {
      const eg = left
        .slice(0, 3)
        .map((e) => e.id)
        .join(', ');
      throw new NexFitraError({
        code: 'INCONSISTENT',
        fn: FN,
        path: ['preferences', field],
        value: p[field],
        allowed: `a choice that leaves at least one ${ROLES[role].label} exercise for "${session}": ${left.length} fit before ${field} (e.g. ${eg}) and none after`,
      });
    }
    left = next;
  }
  // Unreachable: the pool is the same filter chain, so some step must have emptied it.
  throw new NexFitraError({
    code: 'INCONSISTENT',
    fn: FN,
    path: ['preferences'],
    value: role,
    allowed: 'a fillable slot',
  });
}

/** What the picker weighs besides chance. */
export interface PickContext {
  readonly rng: Rng;
  readonly preferred: ReadonlySet<string>;
  /** Ids already in the week. */
  readonly usedInWeek: ReadonlySet<string>;
  /**
   * Score for an id already in the week: positive keeps a week to few exercises done well
   * (beginners: the same lifts on every day, as novice programmes do), negative asks for variety.
   */
  readonly reuse: number;
  /** Ids already in the session: never picked twice. */
  readonly inSession: ReadonlySet<string>;
}

/**
 * @internal Best candidate: preferred (+100), already used this week (`ctx.reuse`), plus `bonus`;
 * ties go to the seeded shuffle order, so another seed gives another valid choice.
 */
export function pick(
  candidates: readonly ExerciseT[],
  ctx: PickContext,
  bonus: (e: ExerciseT) => number = () => 0,
): ExerciseT | undefined {
  let best: ExerciseT | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const e of ctx.rng.shuffle(candidates)) {
    if (ctx.inSession.has(e.id)) continue;
    const score = (ctx.preferred.has(e.id) ? 100 : 0) + (ctx.usedInWeek.has(e.id) ? ctx.reuse : 0) + bonus(e);
    if (score > bestScore) {
      best = e;
      bestScore = score;
    }
  }
  return best;
}

/** @internal Candidates for a slot: the first alternative with any exercise not yet in the session. */
export function slotCandidates(
  pool: readonly ExerciseT[],
  role: Role,
  inSession: ReadonlySet<string>,
): ExerciseT[] {
  for (const m of ROLES[role].alternatives as readonly Matcher[]) {
    const c = pool.filter((e) => !inSession.has(e.id) && matches(e, m));
    if (c.length > 0) return c;
  }
  return [];
}
