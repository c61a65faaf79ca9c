import { z } from 'zod';
import { NexFitraError } from '../errors';
import { TargetsSummary } from '../schemas/plan';
import { WorkoutProgram } from '../schemas/workout';
import { dateOf, dayNumber } from './_dates';
import { readDaysWithWorkouts as readDays } from './_workouts';
import type { LogDay } from './checkLog';

/** What adherence needs of a Plan (a full `Plan` document has both). */
const PlanPart = z.object({ targets: TargetsSummary, workoutProgram: WorkoutProgram });
export type AdherencePlan = z.input<typeof PlanPart>;

/** Planned vs done; `percent` is done ÷ planned × 100, null when nothing was planned. */
export interface PlannedDone {
  readonly planned: number | null;
  readonly done: number;
  readonly percent: number | null;
}

/** Target vs the mean of the days that logged it; null mean (and percent) when none did, null percent for a zero target. */
export interface TargetLogged {
  readonly target: number;
  readonly meanLogged: number | null;
  readonly daysLogged: number;
  readonly percent: number | null;
}

export interface WeekAdherence {
  readonly week: number;
  readonly weekStart: string;
  /** False for weeks past the end of the program (planned counts are then null). */
  readonly inProgram: boolean;
  readonly sessions: PlannedDone;
  readonly sets: PlannedDone;
  readonly kcal: TargetLogged;
  readonly proteinG: TargetLogged;
  readonly fatG: TargetLogged;
  readonly carbsG: TargetLogged;
}

const pct = (done: number, planned: number | null) => (planned ? (100 * done) / planned : null);

function logged(target: number, values: readonly number[]): TargetLogged {
  const mean = values.length ? values.reduce((s, v) => s + v, 0) / values.length : null;
  return {
    target,
    meanLogged: mean,
    daysLogged: values.length,
    // A zero (or vanishing) target has no meaningful percentage: null, not Infinity.
    percent: mean === null || !Number.isFinite((100 * mean) / target) ? null : (100 * mean) / target,
  };
}

/**
 * Planned vs done, week by week, from a Plan and the log: sessions and sets of the workout
 * program's week against the workouts and sets logged, and the calorie and macro targets
 * against the mean of the days that logged them (complete intake days only for calories; how
 * many days each mean rests on is in `daysLogged`). Week 1 starts on `start` (default: the first
 * logged day); program week k is compared with log week k.
 *
 * @param plan a Plan (only `targets` and `workoutProgram` are read)
 * @param days `checkProgressLog(entries).days`
 * @throws {NexFitraError} `SCHEMA` naming the field for a bad plan; others naming the field
 */
export function weeklyAdherence(
  plan: AdherencePlan,
  days: readonly LogDay[],
  options: { readonly start?: string } = {},
): WeekAdherence[] {
  const fn = 'weeklyAdherence';
  const parsed = PlanPart.safeParse(plan);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new NexFitraError({
      code: 'SCHEMA',
      fn,
      path: ['plan', ...issue.path.filter((k): k is string | number => typeof k !== 'symbol')],
      value: plan,
      allowed: `a Plan (${issue.message})`,
    });
  }
  const { targets, workoutProgram } = parsed.data;
  const list = readDays(fn, days);
  if (typeof options !== 'object' || options === null) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['options'],
      value: options,
      allowed: 'an object',
    });
  }
  if (list.length === 0) return [];
  const start =
    options.start === undefined ? list[0]!.day : dayNumber(fn, ['options', 'start'], options.start);
  const last = list[list.length - 1]!.day;
  if (last < start) return [];
  const out: WeekAdherence[] = [];
  for (let k = 0; k * 7 + start <= last; k++) {
    const inWeek = list.filter((d) => d.day >= start + 7 * k && d.day < start + 7 * (k + 1));
    const pw = workoutProgram.weeks[k];
    const plannedSessions = pw ? pw.sessions.length : null;
    const plannedSets = pw
      ? pw.sessions.reduce((s, x) => s + x.exercises.reduce((t, e) => t + e.sets.length, 0), 0)
      : null;
    const workouts = inWeek.flatMap((d) => d.workouts ?? []);
    const setsDone = workouts.reduce((s, w) => s + w.exercises.reduce((t, e) => t + e.sets.length, 0), 0);
    const withMacros = inWeek.flatMap((d) => (d.macros ? [d.macros] : []));
    out.push({
      week: k + 1,
      weekStart: dateOf(start + 7 * k),
      inProgram: pw !== undefined,
      sessions: {
        planned: plannedSessions,
        done: workouts.length,
        percent: pct(workouts.length, plannedSessions),
      },
      sets: { planned: plannedSets, done: setsDone, percent: pct(setsDone, plannedSets) },
      kcal: logged(
        targets.kcal,
        inWeek.flatMap((d) => (d.intakeKcal !== undefined && d.intakeComplete ? [d.intakeKcal] : [])),
      ),
      proteinG: logged(
        targets.proteinG,
        withMacros.map((m) => m.proteinG),
      ),
      fatG: logged(
        targets.fatG,
        withMacros.map((m) => m.fatG),
      ),
      carbsG: logged(
        targets.carbsG,
        withMacros.map((m) => m.carbsG),
      ),
    });
  }
  return out;
}
