import {
  createRng,
  deloadWeek,
  deloadWeeks,
  EXPERIENCE_LEVELS,
  MUSCLES,
  type MuscleT,
  NexFitraError,
  PlanRequest,
  type PlanRequestT,
  type PreferencesT,
  type PrescribedSetT,
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
  dosesFor,
  emphasisFor,
  HOLD_REST_SECONDS,
  HOLD_SECONDS,
  isHold,
  RIR_SCHEDULE,
  rirFor,
} from './_prescription';
import { balanceClass } from './_slots';
import { chooseSplit, sessionNames } from './_split';
import { EXERCISE_SETUP_SECONDS, setSeconds, warmUpMinutes } from './_time';
import { buildWeek, type SessionPlan, TARGET_MUSCLES } from './_week';
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
 * A mesocycle of resistance training for a {@link PlanRequestT}: the split from the training
 * days and experience, exercises from the catalogue that fit the equipment and avoid every
 * contraindication of the stated injuries (hard constraints, never broken), ordered compound
 * before isolation, sets/reps/RIR/rest by goal, weekly sets per muscle inside the level's range
 * (core `WEEKLY_SET_RANGES`, secondary sets counted 0.5) as far as the session length allows,
 * RIR falling across the loading weeks and a deload (core `deloadWeek`) at the end.
 * Deterministic: the same request and seed give a deep-equal program.
 *
 * The rules and their sources are in `_split.ts` (split, days), `_prescription.ts` (doses,
 * RIR), `_time.ts` (minutes per set), `_slots.ts` (movement slots) and `_week.ts` (volume).
 *
 * @param request a PlanRequest (checked against the schema)
 * @param options.seed seed (uint32); default `request.seed`, else 0
 * @param options.weeks weeks in the program, 1–52; default 4
 * @param options.deloadEvery a deload every 4–8 weeks; default one deload in the last week
 *   (4–8 weeks), every 4 weeks for longer programs, none for shorter ones
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
        : weeks <= 8
          ? weeks
          : 4;
  const p = req.preferences;
  checkExerciseIds(p);
  const level = p.experience;
  const split = chooseSplit(p.trainingDaysPerWeek, level);
  const emphasis = emphasisFor(req.goal.type);
  const [compound, isolation] = dosesFor(emphasis, level);
  const hold = HOLD_SECONDS[level];
  const doseOf = (e: ExerciseT) => (e.mechanics === 'compound' ? compound : isolation);
  const setSec = (e: ExerciseT) => setSeconds(e, doseOf(e), hold, HOLD_REST_SECONDS);
  const warm = warmUpMinutes(p.sessionMinutes);
  const pool = exercisePool(p);
  const range = WEEKLY_SET_RANGES[level];
  const rng = createRng(seed);
  const week = buildWeek({
    kinds: split.kinds,
    names: sessionNames(split.kinds),
    days: split.days,
    pool,
    prefs: p,
    rng,
    range,
    setSeconds: setSec,
    budget: (p.sessionMinutes - warm) * 60,
    maxSetsPerExercise: level === 'beginner' ? 4 : 5,
  });
  const { deloads, rir } = mesocycle(weeks, every, level);

  const setsFor = (e: ExerciseT, n: number, effort: number): PrescribedSetT[] =>
    Array.from({ length: n }, () =>
      isHold(e)
        ? { seconds: hold, load: { type: 'rpe', value: 10 - effort }, restSeconds: HOLD_REST_SECONDS }
        : {
            reps: { min: doseOf(e).reps.min, max: doseOf(e).reps.max },
            load: { type: 'rir', value: effort },
            restSeconds: doseOf(e).restSeconds,
          },
    );
  const sessionsOf = (plans: readonly SessionPlan[], effort: number, deload: boolean): SessionT[] =>
    plans.map((s) => {
      const cut = deload
        ? deloadWeek(s.items.map((i) => ({ sets: i.sets, reps: 1, load: 0 }))).map((d) => d.sets)
        : s.items.map((i) => i.sets);
      return {
        day: s.day,
        name: s.name,
        exercises: s.items.map((i, k) => ({ exerciseId: i.ex.id, sets: setsFor(i.ex, cut[k]!, effort) })),
      };
    });
  // Light conditioning on asked days above the cap: one low-MET cardio bout (≤ 4.5 MET if any
  // fits, else the lowest), up to 30 min at RPE 3; kept as is in deload weeks.
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
  const program: WorkoutProgramT = {
    schemaVersion: SCHEMA_VERSION,
    split: split.name,
    weeks: rir.map((effort, i) => {
      const deload = deloads.includes(i + 1);
      const sessions = [...sessionsOf(week.sessions, effort, deload), ...lightDays.map(light)];
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
  const poolIds = new Set(pool.map((e) => e.id));
  const report: WorkoutReport = {
    split: split.name,
    splitRule: split.rule,
    experience: level,
    daysAsked: p.trainingDaysPerWeek,
    trainingDays: split.days,
    lightDays,
    ...(capped === undefined ? {} : { capped }),
    emphasis,
    compound,
    isolation,
    holdSeconds: hold,
    seed,
    rirByWeek: rir,
    deloadWeeks: deloads,
    setRange: { min: range.min, max: range.max },
    targetMuscles: TARGET_MUSCLES,
    weeklySets: Object.fromEntries(MUSCLES.map((m) => [m, week.totals[m]])) as Record<MuscleT, number>,
    shortfalls: week.shortfalls,
    overshoots: MUSCLES.filter((m) => week.totals[m] > range.max).map((m) => ({
      muscle: m,
      sets: week.totals[m],
      max: range.max,
    })),
    minutesAsked: p.sessionMinutes,
    sessionMinutes: week.sessions.map(
      (s) =>
        Math.round(
          (warm + s.items.reduce((t, i) => t + EXERCISE_SETUP_SECONDS + i.sets * setSec(i.ex), 0) / 60) * 10,
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
  };
  return { program, report };
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
