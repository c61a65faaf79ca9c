import {
  createRng,
  deloadWeek,
  deloadWeeks,
  EXPERIENCE_LEVELS,
  estimateOneRepMax,
  MAX_SETS_PER_EXERCISE,
  MUSCLES,
  type MuscleT,
  NexFitraError,
  PlanRequest,
  type PlanRequestT,
  type PreferencesT,
  parseOrThrow,
  SCHEMA_VERSION,
  type SessionT,
  WEEKLY_SET_RANGES,
  type WorkoutProgramT,
} from '@nexfitra/core';
import { type ExerciseT, exercisesFor, getExercise } from '@nexfitra/core/exercises';
import { checkObject } from '@nexfitra/core/internal';
import { checkExerciseIds, exercisePool, FN } from './_pool';
import {
  doseFor,
  dosesOf,
  focusFor,
  HOLD_REST_SECONDS,
  HOLD_SECONDS,
  HOLD_STEP_SECONDS,
  RIR_SCHEDULE,
  rirFor,
} from './_prescription';
import { type WeekPosition, weekExercise } from './_progression';
import { balanceClass } from './_slots';
import { chooseSplit, sessionNames } from './_split';
import { EXERCISE_SETUP_SECONDS, setSeconds, warmUpMinutes } from './_time';
import { nextVariant } from './_variants';
import { buildWeek, PRIMARY_TARGETS, type SessionPlan, TARGET_MUSCLES } from './_week';
import type { WorkoutOptions, WorkoutReport } from './types';

/** A program and the report of how it was made. */
export interface WorkoutPlan {
  readonly program: WorkoutProgramT;
  readonly report: WorkoutReport;
}

function intOption(value: unknown, field: string, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new NexFitraError({
      code: typeof value === 'number' && Number.isFinite(value) ? 'OUT_OF_RANGE' : 'INVALID_TYPE',
      fn: FN,
      path: ['options', field],
      value,
      allowed: `an integer in [${min}, ${max}]`,
    });
  }
  return value;
}

/** 1-based deload weeks and, for every week, its target RIR. */
function mesocycle(weeks: number, every: number | undefined, level: PreferencesT['experience']) {
  const deloads = every === undefined ? [] : deloadWeeks({ weeks, every });
  const rir: number[] = [];
  let w = 1;
  while (w <= weeks) {
    if (deloads.includes(w)) {
      rir.push(RIR_SCHEDULE[level].start + 1);
      w++;
      continue;
    }
    let end = w;
    while (end + 1 <= weeks && !deloads.includes(end + 1)) end++;
    for (let i = w; i <= end; i++) rir.push(rirFor(level, i - w, end - w + 1));
    w = end + 1;
  }
  return { deloads, rir };
}

/**
 * A mesocycle of resistance training for a {@link PlanRequestT}, written the way the widely used
 * programmes are (docs/programmes.md): the split from the training days and experience (full
 * body 1–3 days, upper/lower 4, push/pull/legs 5–6); session templates that open with a loaded
 * compound main lift of ≥ 3 sets and cover squat, hinge, horizontal and vertical push and pull
 * every week; the staple lifts of those programmes where the equipment allows; the same
 * exercises every week of the mesocycle (≤ 15 distinct a week for beginners); weekly sets per
 * muscle inside the level's range (core `WEEKLY_SET_RANGES`, secondary sets counted 0.5) as far
 * as days × minutes allow — else `report.volumeFinding` says what would; reps, rest and effort by
 * training focus (`preferences.trainingFocus`, else from the goal); week-to-week progression
 * stated in each exercise's `progression` (double progression, kg loads from training maxes,
 * harder bodyweight variants) and a deload every 4–6 weeks. Equipment, injuries, exclusions and
 * level are hard constraints, never broken. Deterministic: the same request and seed give a
 * deep-equal program.
 *
 * The rules and their sources are in `_split.ts` (split, days), `_slots.ts` (templates),
 * `_staples.ts` (exercise preference), `_prescription.ts` (doses, RIR), `_progression.ts`
 * (week-to-week), `_variants.ts` (bodyweight progressions), `_time.ts` (minutes per set) and
 * `_week.ts` (volume).
 *
 * @param request a PlanRequest (checked against the schema)
 * @param options.seed seed (uint32); default `request.seed`, else 0
 * @param options.weeks weeks in the program, 1–52; default 4
 * @param options.deloadEvery a deload every 4–8 weeks; default one deload in the last week
 *   (4–6 weeks), every 4 weeks for longer programs, none for shorter ones
 * @returns the program (valid against core's `WorkoutProgram` schema) and a {@link WorkoutReport}
 * @throws {NexFitraError} `SCHEMA` for a request that fails the schema; `INVALID_ENUM` for an
 *   unknown preferred/excluded exercise id; `OUT_OF_RANGE`/`INVALID_TYPE` naming an option;
 *   `INCONSISTENT` naming the preference (experience, equipment, injuries or
 *   excludedExerciseIds) that left no exercise for a required movement (e.g. no upper-body pull)
 * @example programWorkout(request).program.split // 'full-body' for 3 training days
 */
export function programWorkout(request: PlanRequestT, options: WorkoutOptions = {}): WorkoutPlan {
  const req = parseOrThrow(PlanRequest, request, FN);
  checkObject(FN, 'options', options);
  const seed = intOption(options.seed ?? req.seed ?? 0, 'seed', 0, 2 ** 32 - 1);
  const weeks = intOption(options.weeks ?? 4, 'weeks', 1, 52);
  const every =
    options.deloadEvery !== undefined
      ? intOption(options.deloadEvery, 'deloadEvery', 4, 8)
      : weeks < 4
        ? undefined
        : weeks <= 6
          ? weeks
          : 4;
  const p = req.preferences;
  checkExerciseIds(p);
  const level = p.experience;
  const focus = focusFor(req.goal.type, p.trainingFocus);
  const hold = HOLD_SECONDS[level];
  const pool = exercisePool(p);
  const poolIds = new Set(pool.map((e) => e.id));
  const maxes = new Map((p.trainingMaxes ?? []).map((t) => [t.exerciseId, estimateOneRepMax(t.kg, t.reps)]));
  // Exercises with a training max are preferred: their loads can be planned in kg.
  const prefs: PreferencesT = {
    ...p,
    preferredExerciseIds: [
      ...p.preferredExerciseIds,
      ...[...maxes.keys()].filter((id) => poolIds.has(id) && !p.preferredExerciseIds.includes(id)),
    ],
  };
  // Seconds per set (memoised: the week builder asks for it in its inner loops).
  const secCache = new Map<string, number>();
  const setSec = (e: ExerciseT, main: boolean) => {
    const key = main ? `*${e.id}` : e.id;
    let sec = secCache.get(key);
    if (sec === undefined) {
      sec = setSeconds(e, doseFor(focus, level, e, main), hold + HOLD_STEP_SECONDS * 2, HOLD_REST_SECONDS);
      secCache.set(key, sec);
    }
    return sec;
  };
  const range = WEEKLY_SET_RANGES[level];
  const weekFor = (days: number, minutes: number) => {
    const split = chooseSplit(days, level);
    const warm = warmUpMinutes(minutes);
    return {
      split,
      warm,
      week: buildWeek({
        kinds: split.kinds,
        names: sessionNames(split.kinds),
        days: split.days,
        pool,
        prefs,
        rng: createRng(seed),
        range,
        setSeconds: setSec,
        budget: (minutes - warm) * 60,
        maxSetsPerExercise: MAX_SETS_PER_EXERCISE[level],
        reuse: REUSE[level],
        maxDistinct: MAX_DISTINCT[level],
      }),
    };
  };
  const { split, warm, week } = weekFor(p.trainingDaysPerWeek, p.sessionMinutes);
  const { deloads, rir } = mesocycle(weeks, every, level);

  const sessionsOf = (plans: readonly SessionPlan[], pos: WeekPosition): SessionT[] =>
    plans.map((s) => {
      const cut = pos.deload
        ? deloadWeek(s.items.map((i) => ({ sets: i.sets, reps: 1, load: 0 }))).map((d) => d.sets)
        : s.items.map((i) => i.sets);
      return {
        day: s.day,
        name: s.name,
        exercises: s.items.map((i, k) => {
          const e1rm = maxes.get(i.ex.id);
          return weekExercise(
            {
              ex: i.ex,
              dose: doseFor(focus, level, i.ex, i.main),
              holdSeconds: hold,
              allowed: poolIds,
              next: nextVariant,
              ...(e1rm === undefined ? {} : { e1rm }),
            },
            // A deload keeps the main lift at ≥ 2 sets so the pattern is still practised.
            i.main && pos.deload ? Math.max(cut[k]!, Math.min(2, i.sets)) : cut[k]!,
            pos,
          );
        }),
      };
    });
  // Light conditioning on asked days above the cap: one low-MET cardio bout (≤ 4.5 MET if any
  // fits, else the lowest), up to 30 min at RPE 3; kept as is in deload weeks.
  const rng = createRng((seed ^ 0x5f3759df) >>> 0);
  const excluded = new Set(p.excludedExerciseIds);
  const cardio = exercisesFor({ equipment: p.equipment, injuries: p.injuries, level }).filter(
    (e) => e.pattern === 'cardio' && e.met !== undefined && !excluded.has(e.id),
  );
  const easy = cardio.filter((e) => (e.met ?? 99) <= 4.5);
  const lightEx =
    easy.length > 0 ? rng.pick(easy) : [...cardio].sort((a, b) => (a.met ?? 0) - (b.met ?? 0))[0];
  const lightDays = lightEx === undefined ? [] : split.lightDays;
  const lightMinutes = Math.min(30, p.sessionMinutes - 5);
  const light = (day: number): SessionT => ({
    day,
    name: 'Light conditioning',
    exercises: [
      {
        exerciseId: lightEx!.id,
        sets: [{ seconds: lightMinutes * 60, load: { type: 'rpe', value: 3 }, restSeconds: 0 }],
      },
    ],
  });
  // The loading weeks (0-based) of each block; a deload closes its block.
  const blocks: number[][] = [[]];
  rir.forEach((_, i) => {
    if (deloads.includes(i + 1)) blocks.push([]);
    else blocks[blocks.length - 1]!.push(i);
  });
  let loadingIndex = 0;
  let block = 0;
  const program: WorkoutProgramT = {
    schemaVersion: SCHEMA_VERSION,
    split: split.name,
    weeks: rir.map((effort, i) => {
      const deload = deloads.includes(i + 1);
      const mine = blocks[block] ?? [];
      const pos: WeekPosition = {
        loadingIndex,
        block,
        rir: effort,
        deload,
        blockRirs: mine.map((k) => rir[k]!),
        position: deload ? 0 : mine.indexOf(i),
      };
      if (deload) block++;
      else loadingIndex++;
      const sessions = [...sessionsOf(week.sessions, pos), ...lightDays.map(light)];
      return { deload, sessions: sessions.sort((a, b) => a.day - b.day) };
    }),
  };
  const capped =
    split.capped === undefined
      ? undefined
      : lightDays.length < split.lightDays.length
        ? `${split.capped} — but no light cardio exercise fits, so those days stay rest days`
        : split.capped;

  const balance = { pushSets: 0, pullSets: 0, kneeSets: 0, hipSets: 0 };
  const usedIds = new Set<string>();
  for (const s of week.sessions) {
    for (const i of s.items) {
      usedIds.add(i.ex.id);
      const c = balanceClass(i.ex);
      if (c) balance[`${c}Sets`] += i.sets;
    }
  }
  const { finding: volumeFinding, notTime } = findVolumeTime(week.shortfalls, p, weekFor);
  const report: WorkoutReport = {
    split: split.name,
    splitRule: split.rule,
    experience: level,
    daysAsked: p.trainingDaysPerWeek,
    trainingDays: split.days,
    lightDays,
    ...(capped === undefined ? {} : { capped }),
    focus,
    doses: dosesOf(focus, level),
    holdSeconds: hold,
    seed,
    rirByWeek: rir,
    deloadWeeks: deloads,
    setRange: { min: range.min, max: range.max },
    targetMuscles: TARGET_MUSCLES,
    weeklySets: Object.fromEntries(MUSCLES.map((m) => [m, week.totals[m]])) as Record<MuscleT, number>,
    // A muscle still short with 240-minute sessions is held back by other limits, not time.
    shortfalls: week.shortfalls.map((s) =>
      notTime.includes(s.muscle) ? { ...s, reason: 'other-limits' as const } : s,
    ),
    overshoots: MUSCLES.filter((m) => week.totals[m] > range.max).map((m) => ({
      muscle: m,
      sets: week.totals[m],
      max: range.max,
    })),
    minutesAsked: p.sessionMinutes,
    sessionMinutes: week.sessions.map(
      (s) =>
        Math.round(
          (warm +
            s.items.reduce((t, i) => t + EXERCISE_SETUP_SECONDS + i.sets * setSec(i.ex, i.main), 0) / 60) *
            10,
        ) / 10,
    ),
    balance,
    poolSize: pool.length,
    preferred: {
      used: p.preferredExerciseIds.filter((id) => usedIds.has(id)),
      unused: p.preferredExerciseIds
        .filter((id) => !usedIds.has(id))
        .map((id) => ({ id, reason: whyNot(getExercise(id), p, poolIds.has(id)) })),
    },
    skippedSlots: week.skipped,
    ...(volumeFinding === undefined ? {} : { volumeFinding }),
    distinctExercises: usedIds.size,
    weekNotes: weekNotes(
      rir,
      deloads,
      [...maxes.keys()].some((id) => usedIds.has(id)),
    ),
    trainingMaxes: [...maxes].map(([exerciseId, e1rm]) => ({
      exerciseId,
      e1rmKg: Math.round(e1rm * 10) / 10,
      used: usedIds.has(exerciseId),
    })),
  };
  return { program, report };
}

/** Reuse score by level (`PickContext.reuse`): beginners repeat their lifts, others vary a little. */
const REUSE: Record<PreferencesT['experience'], number> = { beginner: 10, intermediate: 3, advanced: -2 };
/** Distinct exercises a week: ≤ 15 for beginners (issue 8); wider for trained lifters. */
const MAX_DISTINCT: Record<PreferencesT['experience'], number> = {
  beginner: 15,
  intermediate: 20,
  advanced: 24,
};

/** One line per week: what changes from the week before. */
function weekNotes(rir: readonly number[], deloads: readonly number[], kgLoads: boolean): string[] {
  let loading = 0;
  return rir.map((r, i) => {
    if (deloads.includes(i + 1)) {
      loading = 0;
      return `Deload: about 40 % fewer sets, week-1 reps, RIR ${r}, kg loads ~90 % of week 1 (every 4–6 weeks: Bell et al. 2022).`;
    }
    loading++;
    if (loading === 1) {
      return i === 0
        ? `Week 1: reps at the bottom of each range, RIR ${r}; pick loads you could lift ${r} more times.`
        : `New block: reps continue the climb (or restart at the bottom with the stated kg step), RIR ${r}.`;
    }
    return `Same loads as last week, one more rep per set (two for wide ranges), RIR ${r}; bodyweight work moves to its harder variant at the top of its range${kgLoads ? '; loads given in kg rise as written' : ''}.`;
  });
}

type WeekFor = (
  days: number,
  minutes: number,
) => { week: { shortfalls: readonly { muscle: MuscleT; reason: string }[] } };

/**
 * When a large target muscle (`PRIMARY_TARGETS`: the ones the validators count) stays under the
 * range for lack of time, plan the same week again with more minutes (5-minute steps to 90,
 * 15-minute steps to 240; binary search, taking more time as never worse) and, when that needs
 * more than 90 minutes, with more days (up to 6) at the minutes asked; report what reaches it.
 */
function findVolumeTime(
  shortfalls: readonly { muscle: MuscleT; reason: string }[],
  p: PreferencesT,
  weekFor: WeekFor,
): { finding?: WorkoutReport['volumeFinding']; notTime: readonly MuscleT[] } {
  const timeShort = shortfalls
    .filter((s) => s.reason === 'time' && PRIMARY_TARGETS.includes(s.muscle))
    .map((s) => s.muscle);
  if (timeShort.length === 0) return { notTime: [] };
  // Muscles still short with 240-minute sessions are not held back by time.
  const longest = weekFor(p.trainingDaysPerWeek, 240).week.shortfalls.map((s) => s.muscle);
  const notTime = timeShort.filter((m) => longest.includes(m));
  const short = timeShort.filter((m) => !longest.includes(m));
  if (short.length === 0) return { notTime };
  const fixed = (r: ReturnType<WeekFor>) => !r.week.shortfalls.some((s) => short.includes(s.muscle));
  const steps: number[] = [];
  for (let m = Math.ceil((p.sessionMinutes + 1) / 5) * 5; m <= 240; m += m < 90 ? 5 : 15) steps.push(m);
  let lo = 0;
  let hi = steps.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (fixed(weekFor(p.trainingDaysPerWeek, steps[mid]!))) hi = mid;
    else lo = mid + 1;
  }
  const minutesNeeded = steps[lo];
  // More days only when more minutes alone would not do within 90 (each try is a whole week
  // planned again: the search is most of the time a short request costs).
  let daysNeeded: number | undefined;
  const tryDays = minutesNeeded === undefined || minutesNeeded > 90;
  for (let d = p.trainingDaysPerWeek + 1; tryDays && d <= 6; d++) {
    if (fixed(weekFor(d, p.sessionMinutes))) {
      daysNeeded = d;
      break;
    }
  }
  const ways = [
    minutesNeeded === undefined ? undefined : `${minutesNeeded}-minute sessions`,
    daysNeeded === undefined ? undefined : `${daysNeeded} training days at ${p.sessionMinutes} minutes`,
  ].filter((x) => x !== undefined);
  const message =
    `${short.join(', ')} stay under the weekly set range for lack of time at ${p.trainingDaysPerWeek} × ${p.sessionMinutes} min` +
    (ways.length
      ? `; ${ways.join(' or ')} would reach it`
      : '; no session length up to 240 min or 6 days reaches it');
  return {
    notTime,
    finding: {
      code: 'VOLUME_NEEDS_TIME',
      muscles: short,
      ...(minutesNeeded === undefined ? {} : { minutesNeeded }),
      ...(daysNeeded === undefined ? {} : { daysNeeded }),
      message,
    },
  };
}

function whyNot(e: ExerciseT, p: PreferencesT, inPool: boolean): string {
  if (inPool) return 'fits, but no slot or session time was left for it';
  if (EXPERIENCE_LEVELS.indexOf(e.level) > EXPERIENCE_LEVELS.indexOf(p.experience)) {
    return `needs experience "${e.level}"`;
  }
  const missing = e.equipment.filter((q) => q !== 'bodyweight' && !p.equipment.includes(q));
  if (missing.length) return `needs equipment not available: ${missing.join(', ')}`;
  const hurt = e.contraindications.filter((c) => p.injuries.includes(c));
  if (hurt.length) return `contraindicated for the injury: ${hurt.join(', ')}`;
  return `pattern "${e.pattern}" is not part of a resistance-training week`;
}
