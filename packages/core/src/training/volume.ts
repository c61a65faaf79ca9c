import { checkEnum, checkNumber, checkObject } from '../_check';
import { NexFitraError } from '../errors';
import { type ExperienceLevelT, MUSCLES, type MuscleT } from '../schemas/vocab';

/** One block of identical sets: `sets` × `reps` at `load` (kg or lb; 0 for unloaded bodyweight). */
export interface VolumeEntry {
  readonly sets: number;
  readonly reps: number;
  readonly load: number;
}

function checkEntry(fn: string, path: readonly (string | number)[], entry: unknown): VolumeEntry {
  const e = checkObject(fn, path.join('.') || 'entry', entry);
  return {
    sets: checkNumber(fn, [...path, 'sets'], e['sets'], { min: 0, max: 100, integer: true }),
    reps: checkNumber(fn, [...path, 'reps'], e['reps'], { min: 0, max: 1000, integer: true }),
    load: checkNumber(fn, [...path, 'load'], e['load'], { min: 0, max: 2000, unit: '(kg or lb)' }),
  };
}

/**
 * Volume load (tonnage): sets × reps × load, in the load's unit (kg or lb).
 *
 * Reference: Ratamess NA, Alvar BA, Evetoch TK, Housh TJ, Kibler WB, Kraemer WJ, Triplett NT.
 * American College of Sports Medicine position stand. Progression models in resistance
 * training for healthy adults. Med Sci Sports Exerc. 2009;41(3):687–708 (volume: the total
 * repetitions of a session multiplied by the resistance used).
 *
 * @throws {NexFitraError} naming `sets`, `reps` or `load`
 * @example volumeLoad({ sets: 3, reps: 10, load: 100 }) // 3000
 */
export function volumeLoad(entry: VolumeEntry): number {
  const e = checkEntry('volumeLoad', [], entry);
  return e.sets * e.reps * e.load;
}

/**
 * Sum of {@link volumeLoad} over several blocks (e.g. a session's working sets).
 * @throws {NexFitraError} naming the offending entry by index, e.g. `entries.1.reps`
 * @example totalVolumeLoad([{ sets: 3, reps: 5, load: 100 }, { sets: 2, reps: 8, load: 80 }]) // 2780
 */
export function totalVolumeLoad(entries: readonly VolumeEntry[]): number {
  const fn = 'totalVolumeLoad';
  if (!Array.isArray(entries)) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['entries'],
      value: entries,
      allowed: 'an array',
    });
  }
  return entries.reduce((sum: number, entry, i) => {
    const e = checkEntry(fn, ['entries', i], entry);
    return sum + e.sets * e.reps * e.load;
  }, 0);
}

/** An exercise in a session, as far as set counting needs it. */
export interface SetCountExercise {
  /** Hard working sets (warm-ups excluded). */
  readonly sets: number;
  /** Muscles trained directly (prime movers); each gets 1 per set. */
  readonly primary: readonly MuscleT[];
  /** Muscles trained indirectly (synergists); each gets `secondaryWeight` per set. */
  readonly secondary?: readonly MuscleT[];
}

export interface SetCountSession {
  readonly exercises: readonly SetCountExercise[];
}

/** Default credit for an indirect set (Pelland et al. 2024 "fractional" method). */
export const SECONDARY_SET_WEIGHT = 0.5;

function checkArray(fn: string, path: readonly (string | number)[], value: unknown): readonly unknown[] {
  if (!Array.isArray(value)) {
    throw new NexFitraError({ code: 'INVALID_TYPE', fn, path, value, allowed: 'an array' });
  }
  return value;
}

/**
 * Weekly hard sets per muscle: each set counts 1 for every primary muscle and
 * `secondaryWeight` (default 0.5) for every secondary muscle, summed over the week's sessions.
 *
 * Reference for the fractional rule: Pelland JC, Remmert JF, Robinson ZP, Hinson SR, Zourdos MC.
 * The resistance training dose-response: meta-regressions exploring the effects of weekly
 * volume and frequency on muscle hypertrophy and strength gain. SportRxiv preprint, 2024. They
 * counted indirect sets as 1 ("total"), 0.5 ("fractional") or 0 ("direct") and found the
 * fractional count explained the outcomes best; pass `secondaryWeight` 1 or 0 for the others.
 *
 * A muscle listed as both primary and secondary in one exercise is rejected (`INCONSISTENT`)
 * rather than counted twice.
 *
 * @param sessions the week's sessions
 * @param options.secondaryWeight credit per indirect set, 0–1 (default 0.5)
 * @returns an entry for every muscle in `MUSCLES` (0 when untrained)
 * @throws {NexFitraError} naming the field, e.g. `sessions.0.exercises.2.primary.1`
 * @example weeklySetsPerMuscle([{ exercises: [{ sets: 4, primary: ['chest'], secondary: ['triceps'] }] }]).triceps // 2
 */
export function weeklySetsPerMuscle(
  sessions: readonly SetCountSession[],
  options: { readonly secondaryWeight?: number } = {},
): Record<MuscleT, number> {
  const fn = 'weeklySetsPerMuscle';
  const o = checkObject(fn, 'options', options);
  const weight = checkNumber(
    fn,
    ['options', 'secondaryWeight'],
    o['secondaryWeight'] ?? SECONDARY_SET_WEIGHT,
    {
      min: 0,
      max: 1,
    },
  );
  const totals = Object.fromEntries(MUSCLES.map((m) => [m, 0])) as Record<MuscleT, number>;
  checkArray(fn, ['sessions'], sessions).forEach((session, s) => {
    const sessionObj = checkObject(fn, `sessions.${s}`, session);
    checkArray(fn, ['sessions', s, 'exercises'], sessionObj['exercises']).forEach((exercise, x) => {
      const at = ['sessions', s, 'exercises', x] as const;
      const ex = checkObject(fn, at.join('.'), exercise);
      const sets = checkNumber(fn, [...at, 'sets'], ex['sets'], { min: 0, max: 100, integer: true });
      const primary = checkArray(fn, [...at, 'primary'], ex['primary']).map((m, i) =>
        checkEnum(fn, [...at, 'primary', i], m, MUSCLES),
      );
      const secondary = checkArray(fn, [...at, 'secondary'], ex['secondary'] ?? []).map((m, i) =>
        checkEnum(fn, [...at, 'secondary', i], m, MUSCLES),
      );
      secondary.forEach((m, i) => {
        if (primary.includes(m)) {
          throw new NexFitraError({
            code: 'INCONSISTENT',
            fn,
            path: [...at, 'secondary', i],
            value: m,
            allowed: 'a muscle not already listed as primary for the same exercise',
          });
        }
      });
      for (const m of new Set(primary)) totals[m] += sets;
      for (const m of new Set(secondary)) totals[m] += sets * weight;
    });
  });
  return totals;
}

/**
 * Evidence-informed ranges of weekly hard sets per muscle by training level, for the plan
 * validators. Inclusive bounds.
 *
 * - Schoenfeld BJ, Ogborn D, Krieger JW. Dose-response relationship between weekly resistance
 *   training volume and increases in muscle mass: a systematic review and meta-analysis.
 *   J Sports Sci. 2017;35(11):1073–1082. Graded dose-response; 10+ weekly sets per muscle
 *   trended to larger gains than < 5 and 5–9.
 * - Baz-Valle E, Balsalobre-Fernández C, Alix-Fages C, Santos-Concejero J. A systematic review of
 *   the effects of different resistance training volumes on muscle hypertrophy. J Hum Kinet.
 *   2022;81:199–210. In trained men (≥ 1 year), 12–20 weekly sets per muscle group is proposed
 *   as the standard recommendation; > 20 gave no clear extra benefit except for triceps.
 *
 * - Pelland JC, Remmert JF, Robinson ZP, et al. The resistance training dose response:
 *   meta-regressions exploring the effects of weekly volume and frequency on muscle hypertrophy
 *   and strength gain. SportRxiv preprint, 2024. Gains keep rising with fractional weekly sets
 *   well past 10, with diminishing returns; the fractional count (secondary sets ½) is theirs.
 *
 * The bands are the product's setting (NexFitra issue 8), read from those sources: `beginner`
 * 8–12 (the 5–9 → 10+ step of Schoenfeld 2017, where most novice programmes sit), `intermediate`
 * 10–20 (Schoenfeld's 10+ category up to Baz-Valle's upper end), `advanced` 12–22 (Baz-Valle's
 * 12–20 with a two-set margin for the diminishing but positive returns of Pelland 2024).
 */
export const WEEKLY_SET_RANGES = {
  beginner: { min: 8, max: 12 },
  intermediate: { min: 10, max: 20 },
  advanced: { min: 12, max: 22 },
} as const satisfies Record<ExperienceLevelT, { min: number; max: number }>;

/**
 * Most exercises in one session: the widely used programmes set next to ours in
 * docs/programmes.md write 3–7 (Starting Strength and GZCLP 3, PHUL 5–7), and the issue that
 * shaped the templates asks 4–8 where time allows. The rule planner builds with it and the plan
 * grammar holds a model's week 1 to it.
 */
export const MAX_EXERCISES_PER_SESSION = 8;

/**
 * Most sets of one exercise in one session: more add fatigue rather than stimulus, and more
 * weekly volume goes to another exercise or another day. The product's setting, the one the rule
 * planner builds with, the plan grammar holds a model's week 1 to and the model repair keeps.
 */
export const MAX_SETS_PER_EXERCISE = {
  beginner: 4,
  intermediate: 5,
  advanced: 5,
} as const satisfies Record<ExperienceLevelT, number>;
