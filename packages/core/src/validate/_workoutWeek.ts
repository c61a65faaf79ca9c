import type { ExerciseT } from '../schemas/exercise';
import { type ExperienceLevelT, type MovementPatternT, MUSCLES, type MuscleT } from '../schemas/vocab';
import type { ProgramWeekT } from '../schemas/workout';
import { SECONDARY_SET_WEIGHT, type SetCountExercise, WEEKLY_SET_RANGES } from '../training/volume';
import type { ResolvedOptions } from './options';
import { type Violation, violation } from './violation';

type Path = readonly (string | number)[];

/** Movement patterns on each side of the balance checks. */
const PUSH: ReadonlySet<MovementPatternT> = new Set(['horizontal-push', 'vertical-push']);
const PULL: ReadonlySet<MovementPatternT> = new Set(['horizontal-pull', 'vertical-pull']);
const QUAD: ReadonlySet<MovementPatternT> = new Set(['squat', 'lunge', 'knee-extension']);
const HIP: ReadonlySet<MovementPatternT> = new Set(['hinge', 'knee-flexion', 'hip-isolation']);

/**
 * @internal The sides `PUSH_PULL_IMBALANCE` and `QUAD_HIP_IMBALANCE` weigh (push against pull
 * sets, quad- against hip-dominant), for the model path's repair.
 */
export const BALANCE_SIDES = Object.freeze({
  push: PUSH,
  pull: PULL,
  quad: QUAD,
  hip: HIP,
});

/**
 * @internal Sets of each balance side in a week, as `PUSH_PULL_IMBALANCE` and
 * `QUAD_HIP_IMBALANCE` count them (cardio and unknown exercises left out).
 */
export function balanceSets(
  week: Pick<ProgramWeekT, 'sessions'>,
  lookup: (id: string) => ExerciseT | undefined,
): Record<keyof typeof BALANCE_SIDES, number> {
  const sets = { push: 0, pull: 0, quad: 0, hip: 0 };
  for (const session of week.sessions)
    for (const x of session.exercises) {
      const pattern = lookup(x.exerciseId)?.pattern;
      if (pattern === undefined) continue;
      for (const side of ['push', 'pull', 'quad', 'hip'] as const)
        if (BALANCE_SIDES[side].has(pattern)) sets[side] += x.sets.length;
    }
  return sets;
}

export interface WeekBalance {
  /** Push sets / (push + pull sets); `null` when the week has neither. */
  readonly pushShare: number | null;
  /** Quad-dominant sets / (quad + hip-dominant sets); `null` when the week has neither. */
  readonly quadShare: number | null;
}

/**
 * `weeklySetsPerMuscle` (default ½ credit per secondary set) without re-checking each field:
 * sets come from a schema-valid program (1–20) and muscles from schema-valid exercises (the
 * vocabulary, none both primary and secondary), so nothing here can throw. Same sums in the
 * same order, an entry for every muscle in `MUSCLES` order.
 */
function tally(days: readonly (readonly SetCountExercise[])[]): Record<MuscleT, number> {
  const totals = Object.fromEntries(MUSCLES.map((m) => [m, 0])) as Record<MuscleT, number>;
  for (const exercises of days) {
    for (const x of exercises) {
      for (const m of new Set(x.primary)) totals[m] += x.sets;
      for (const m of new Set(x.secondary ?? [])) totals[m] += x.sets * SECONDARY_SET_WEIGHT;
    }
  }
  return totals;
}

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

/**
 * @internal Volume, frequency and balance of one (non-deload) week. Cardio exercises are not
 * resistance sets and are left out; unknown ids were reported elsewhere and are skipped.
 */
export function checkWeekLoad(
  week: ProgramWeekT,
  path: Path,
  lookup: (id: string) => ExerciseT | undefined,
  level: ExperienceLevelT,
  trainingDaysAsked: number,
  o: ResolvedOptions,
): { violations: Violation[]; setsPerMuscle: Record<MuscleT, number> } & WeekBalance {
  const violations: Violation[] = [];
  const byDay = new Map<number, SetCountExercise[]>();
  for (const session of week.sessions) {
    const list = byDay.get(session.day) ?? [];
    byDay.set(session.day, list);
    for (const x of session.exercises) {
      const ex = lookup(x.exerciseId);
      if (ex === undefined || ex.pattern === 'cardio') continue;
      const sets = x.sets.length;
      list.push({ sets, primary: ex.primaryMuscles, secondary: ex.secondaryMuscles });
    }
  }
  const { push, pull, quad, hip } = balanceSets(week, lookup);
  const days = [...byDay.values()];
  const setsPerMuscle = tally(days);
  const perDay = days.map((exercises) => tally([exercises]));
  const range = WEEKLY_SET_RANGES[level];
  for (const m of o.volumeMuscles) {
    const sets = setsPerMuscle[m];
    if (sets < range.min || sets > range.max) {
      violations.push(
        violation(
          'WEEKLY_SETS_OUT_OF_RANGE',
          path,
          `${m}: ${sets} weekly sets (fractional count) is outside ${range.min}–${range.max} for a ${level} (WEEKLY_SET_RANGES)`,
          { measured: sets, expected: range, unit: 'sets/week' },
        ),
      );
    }
    // A day counts when it gives the muscle at least one set by the fractional count. When the
    // person asked for fewer training days than the minimum, the minimum cannot be met: skipped.
    if (sets > 0 && trainingDaysAsked >= o.minMuscleFrequency) {
      const frequency = perDay.filter((d) => d[m] >= 1).length;
      if (frequency < o.minMuscleFrequency) {
        violations.push(
          violation(
            'MUSCLE_FREQUENCY_LOW',
            path,
            `${m} is trained on ${frequency} day(s) this week; at least ${o.minMuscleFrequency} is recommended (Schoenfeld, Ogborn & Krieger 2016, Sports Med 46:1689)`,
            { measured: frequency, expected: { min: o.minMuscleFrequency }, unit: 'days/week' },
          ),
        );
      }
    }
  }
  const pushShare = push + pull > 0 ? push / (push + pull) : null;
  const quadShare = quad + hip > 0 ? quad / (quad + hip) : null;
  if (pushShare !== null && (pushShare < o.pushShare.min || pushShare > o.pushShare.max)) {
    violations.push(
      violation(
        'PUSH_PULL_IMBALANCE',
        path,
        `push share ${round(pushShare)} (${push} push / ${pull} pull sets) is outside ${round(o.pushShare.min)}–${round(o.pushShare.max)}`,
        { measured: pushShare, expected: o.pushShare, unit: 'share of push + pull sets' },
      ),
    );
  }
  if (quadShare !== null && (quadShare < o.quadShare.min || quadShare > o.quadShare.max)) {
    violations.push(
      violation(
        'QUAD_HIP_IMBALANCE',
        path,
        `quad share ${round(quadShare)} (${quad} quad / ${hip} hip sets) is outside ${round(o.quadShare.min)}–${round(o.quadShare.max)}`,
        { measured: quadShare, expected: o.quadShare, unit: 'share of quad + hip sets' },
      ),
    );
  }
  return { violations, setsPerMuscle, pushShare, quadShare };
}
