/** Training-science metrics of the workout programme, from core's validator metrics and the catalogue. */
import {
  DEFAULT_VALIDATION_OPTIONS,
  DEFAULT_VOLUME_MUSCLES,
  type MovementPatternT,
  type PrescribedSetT,
  type ProgramWeekT,
  WEEKLY_SET_RANGES,
} from '@nexfitra/core';
import type { MetricInput } from './_input';
import type { MetricFamily, RequestMetric } from './types';

/**
 * The six fundamental pattern groups a balanced programme covers each week: knee-dominant (squat
 * or lunge), hinge, horizontal and vertical push, horizontal and vertical pull — the usual
 * strength-coaching classification (e.g. NSCA. Essentials of Strength Training and Conditioning,
 * 4th ed., exercise selection). A house choice of grouping.
 */
export const PATTERN_GROUPS: readonly (readonly MovementPatternT[])[] = [
  ['squat', 'lunge'],
  ['hinge'],
  ['horizontal-push'],
  ['vertical-push'],
  ['horizontal-pull'],
  ['vertical-pull'],
];

const loadingWeeks = (x: MetricInput) => x.plan?.workoutProgram.weeks.filter((w) => !w.deload) ?? [];
const weekMetrics = (x: MetricInput) =>
  x.validation?.metrics?.workoutProgram.weeks.filter((w) => w.setsPerMuscle !== null) ?? [];

/** Work of one exercise in a week: sets, the hardest set's reps (top of a range) or seconds, and top %1RM. */
function work(week: ProgramWeekT): Map<string, { sets: number; reps: number; pct: number }> {
  const out = new Map<string, { sets: number; reps: number; pct: number }>();
  const reps = (s: PrescribedSetT) => (typeof s.reps === 'number' ? s.reps : (s.reps?.max ?? s.seconds ?? 0));
  for (const session of week.sessions) {
    for (const e of session.exercises) {
      const w = out.get(e.exerciseId) ?? { sets: 0, reps: 0, pct: 0 };
      w.sets += e.sets.length;
      for (const s of e.sets) {
        w.reps = Math.max(w.reps, reps(s));
        if (s.load?.type === 'percent-1rm') w.pct = Math.max(w.pct, s.load.value);
      }
      out.set(e.exerciseId, w);
    }
  }
  return out;
}

export const TRAINING_METRICS: readonly RequestMetric[] = [
  {
    key: 'weeklySetsInRangeShare',
    unit: 'share',
    better: 'higher',
    group: 'training',
    doc: "Share of (loading week, muscle) pairs whose weekly sets (core's fractional count) lie in the evidence range for the person's level (core WEEKLY_SET_RANGES), over core's default volume muscles.",
    compute: (x) => {
      const range = WEEKLY_SET_RANGES[x.request.preferences.experience];
      const pairs = weekMetrics(x).flatMap((w) =>
        DEFAULT_VOLUME_MUSCLES.map((m) => w.setsPerMuscle?.[m] ?? 0),
      );
      return pairs.length === 0
        ? null
        : pairs.filter((s) => s >= range.min && s <= range.max).length / pairs.length;
    },
  },
  {
    key: 'patternCoverage',
    unit: 'share',
    better: 'higher',
    group: 'training',
    doc: 'Mean over loading weeks of the share of the six pattern groups (knee-dominant, hinge, horizontal/vertical push, horizontal/vertical pull) with at least one exercise.',
    compute: (x) => {
      const weeks = loadingWeeks(x);
      if (weeks.length === 0) return null;
      const shares = weeks.map((w) => {
        const patterns = new Set(
          w.sessions.flatMap((s) => s.exercises.map((e) => x.exercises(e.exerciseId)?.pattern)),
        );
        return PATTERN_GROUPS.filter((g) => g.some((p) => patterns.has(p))).length / PATTERN_GROUPS.length;
      });
      return shares.reduce((s, v) => s + v, 0) / shares.length;
    },
  },
  {
    key: 'progressionShare',
    unit: 'share',
    better: 'higher',
    group: 'training',
    doc: 'Over consecutive loading weeks, the mean share of exercises (present in both weeks) whose prescription gets harder: more sets, more reps (top of range) or seconds, or a higher %1RM. RPE/RIR-only changes do not count. 0 = a programme that never progresses; null with fewer than two loading weeks.',
    compute: (x) => {
      const weeks = loadingWeeks(x);
      const shares: number[] = [];
      for (let i = 1; i < weeks.length; i++) {
        const a = work(weeks[i - 1] as ProgramWeekT);
        const b = work(weeks[i] as ProgramWeekT);
        const both = [...a.keys()].filter((k) => b.has(k));
        if (both.length === 0) continue;
        const harder = both.filter((k) => {
          const p = a.get(k) as { sets: number; reps: number; pct: number };
          const q = b.get(k) as { sets: number; reps: number; pct: number };
          return q.sets > p.sets || q.reps > p.reps || q.pct > p.pct;
        });
        shares.push(harder.length / both.length);
      }
      return shares.length === 0 ? null : shares.reduce((s, v) => s + v, 0) / shares.length;
    },
  },
  {
    key: 'sessionFitShare',
    unit: 'share',
    better: 'higher',
    group: 'training',
    doc: "Share of sessions whose estimated length (core's session-length model) is within the time asked + the validators' 10 % tolerance.",
    compute: (x) => {
      const mins =
        weekMetrics(x).length === 0
          ? []
          : (x.validation?.metrics?.workoutProgram.weeks.flatMap((w) => w.sessionMinutes) ?? []);
      const limit =
        x.request.preferences.sessionMinutes * (1 + DEFAULT_VALIDATION_OPTIONS.sessionTolerancePercent / 100);
      return mins.length === 0 ? null : mins.filter((m) => m <= limit).length / mins.length;
    },
  },
  {
    key: 'sessionOverrunPct',
    unit: '%',
    better: 'lower',
    group: 'training',
    doc: 'Mean over sessions of max(0, estimated minutes / minutes asked − 1) × 100.',
    compute: (x) => {
      const mins = x.validation?.metrics?.workoutProgram.weeks.flatMap((w) => w.sessionMinutes) ?? [];
      const asked = x.request.preferences.sessionMinutes;
      return mins.length === 0
        ? null
        : mins.reduce((s, m) => s + Math.max(0, m / asked - 1) * 100, 0) / mins.length;
    },
  },
  {
    key: 'exercisesPerWeek',
    unit: 'exercises',
    better: 'neutral',
    group: 'training',
    doc: 'Distinct exercises in a loading week, mean over loading weeks (too many means no practice of any one lift).',
    compute: (x) => {
      const weeks = loadingWeeks(x);
      return weeks.length === 0
        ? null
        : weeks.reduce(
            (s, w) => s + new Set(w.sessions.flatMap((ss) => ss.exercises.map((e) => e.exerciseId))).size,
            0,
          ) / weeks.length;
    },
  },
];

export const TRAINING_FAMILIES: readonly MetricFamily[] = [
  {
    prefix: 'sets',
    unit: 'sets/week',
    better: 'neutral',
    group: 'training',
    doc: "Weekly sets of one muscle (core's fractional count: secondary muscles count half), mean over loading weeks.",
    members: () => DEFAULT_VOLUME_MUSCLES,
    compute: (x) => {
      const weeks = weekMetrics(x);
      if (weeks.length === 0) return {};
      return Object.fromEntries(
        DEFAULT_VOLUME_MUSCLES.map((m) => [
          m,
          weeks.reduce((s, w) => s + (w.setsPerMuscle?.[m] ?? 0), 0) / weeks.length,
        ]),
      );
    },
  },
];
