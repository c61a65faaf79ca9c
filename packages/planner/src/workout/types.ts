import type { ExperienceLevelT, MuscleT } from '@nexfitra/core';

/** Options of {@link programWorkout}. */
export interface WorkoutOptions {
  /** Seed (uint32) for the exercise choices; default the request's `seed`, else 0. */
  readonly seed?: number;
  /** Length of the mesocycle in weeks, 1–52; default 4. */
  readonly weeks?: number;
  /**
   * A deload every this many weeks, 4–8 (core `deloadWeeks`); default: one deload in the last
   * week when `weeks` is 4–6, every 4 weeks when it is longer (coaches deload every 4–6 weeks:
   * Bell et al. 2022), none when it is shorter than 4.
   */
  readonly deloadEvery?: number;
}

/** Split names a program can carry in `WorkoutProgram.split`. */
export type SplitName =
  | 'full-body'
  | 'upper-lower'
  | 'upper-lower-full'
  | 'push-pull-legs-upper-lower'
  | 'push-pull-legs';

/** Kind of one session of a split: which muscles it trains and which movement slots it has. */
export type SessionKind = 'full' | 'upper' | 'lower' | 'push' | 'pull' | 'legs';

/** Training focus: the person's `trainingFocus`, else from the goal type (see `_prescription.ts`). */
export type Focus = 'strength' | 'hypertrophy' | 'general';

/** Kind of exercise for dosing: the loaded compound opening a session, other compounds, isolation. */
export type DoseKind = 'main' | 'compound' | 'isolation';

/** Repetitions (or seconds for holds) and rest for one kind of exercise. */
export interface Dose {
  readonly reps: { readonly min: number; readonly max: number };
  readonly restSeconds: number;
}

/** Why a target muscle stayed below the low end of its weekly range. */
export type ShortfallReason =
  /** No exercise left after equipment, injuries, level and exclusions trains it as a prime mover. */
  | 'no-exercise'
  /** Exercises exist but the session length asked leaves no room for more sets. */
  | 'time'
  /** More sets would push another muscle above its range (or break push/pull or quad/hip balance). */
  | 'other-limits';

/** What the programmer chose and why, with the figures a reviewer needs to check it. */
export interface WorkoutReport {
  readonly split: SplitName;
  /** The split rule that fired, in words, with its source. */
  readonly splitRule: string;
  readonly experience: ExperienceLevelT;
  readonly daysAsked: number;
  /** Days of the week (0–6) that carry a resistance session. */
  readonly trainingDays: readonly number[];
  /** Days (0–6) of light conditioning sessions (asked days above the resistance-session cap). */
  readonly lightDays: readonly number[];
  /** Set when fewer resistance sessions than days asked were planned, with the reason. */
  readonly capped?: string;
  readonly focus: Focus;
  /** Doses of loaded exercises (unloaded work: compounds 8–15, isolation 12–20 reps). */
  readonly doses: Readonly<Record<DoseKind, Dose>>;
  /** Hold length in seconds for timed exercises in the first week (+5 s a loading week). */
  readonly holdSeconds: number;
  readonly seed: number;
  /** Target RIR of each week, 1-based order; deload weeks included. */
  readonly rirByWeek: readonly number[];
  /** 1-based deload weeks. */
  readonly deloadWeeks: readonly number[];
  /** The evidence range of weekly hard sets per muscle for the level (core `WEEKLY_SET_RANGES`). */
  readonly setRange: { readonly min: number; readonly max: number };
  /** Muscles planned to reach `setRange.min`; the others are counted and kept ≤ max only. */
  readonly targetMuscles: readonly MuscleT[];
  /** Fractional weekly sets per muscle of a loading week (secondary sets count 0.5). */
  readonly weeklySets: Readonly<Record<MuscleT, number>>;
  readonly shortfalls: readonly {
    readonly muscle: MuscleT;
    readonly sets: number;
    readonly min: number;
    readonly reason: ShortfallReason;
  }[];
  /**
   * Muscles above `setRange.max`: the glutes may be (by up to 4 sets, so hamstrings and quads
   * can reach their range: the catalogue counts the glutes in every squat, lunge and hinge).
   */
  readonly overshoots: readonly { readonly muscle: MuscleT; readonly sets: number; readonly max: number }[];
  readonly minutesAsked: number;
  /** Estimated minutes of each resistance session of a loading week, warm-up included (`_time.ts`). */
  readonly sessionMinutes: readonly number[];
  /** Weekly sets of push vs pull patterns and knee- vs hip-dominant lower-body patterns. */
  readonly balance: {
    readonly pushSets: number;
    readonly pullSets: number;
    readonly kneeSets: number;
    readonly hipSets: number;
  };
  /** Exercises the catalogue offers this person after equipment, injuries, level and exclusions. */
  readonly poolSize: number;
  readonly preferred: {
    readonly used: readonly string[];
    readonly unused: readonly { readonly id: string; readonly reason: string }[];
  };
  /**
   * Set when the weekly sets of a target muscle stay under the level's range for lack of time:
   * the session length (and, if more minutes alone would not do, the training days) that would
   * reach it, found by planning the same week again with more time.
   */
  readonly volumeFinding?: {
    readonly code: 'VOLUME_NEEDS_TIME';
    readonly muscles: readonly MuscleT[];
    /** Minutes per session that would reach the range (≤ 240), if any. */
    readonly minutesNeeded?: number;
    /**
     * Training days per week that would reach it at the minutes asked — looked for only when
     * more minutes alone would need over 90 (or none up to 240 would do).
     */
    readonly daysNeeded?: number;
    readonly message: string;
  };
  /** Distinct exercises in a loading week. */
  readonly distinctExercises: number;
  /** One line per week saying how it differs from the week before (for the app). */
  readonly weekNotes: readonly string[];
  /** Estimated 1RM (kg, Epley 1985) of each exercise the person gave a training max for. */
  readonly trainingMaxes: readonly {
    readonly exerciseId: string;
    readonly e1rmKg: number;
    readonly used: boolean;
  }[];
  /** Template slots left out, with the reason. */
  readonly skippedSlots: readonly {
    readonly session: string;
    readonly slot: string;
    readonly reason: 'time' | 'no-exercise';
  }[];
}
