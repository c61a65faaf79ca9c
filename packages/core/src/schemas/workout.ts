import { z } from 'zod';
import { ExerciseId } from './ids';
import { SchemaVersion } from './version';

/** An inclusive repetition range such as 8–12; `min ≤ max` is part of the schema. */
export const RepRange = z
  .strictObject({ min: z.int().min(1).max(100), max: z.int().min(1).max(100) })
  .refine((r) => r.min <= r.max, { path: ['max'], message: 'max must be at least min' })
  .meta({ id: 'RepRange', description: 'Inclusive repetition range, min ≤ max.' });

export const LOAD_TYPES = ['percent-1rm', 'rpe', 'rir', 'kg'] as const;

/**
 * A load in kilograms on a 0.5 kg grid (barbell loads on 2.5 kg, dumbbells on 1 kg steps both
 * fit). The plan language spells 1–30 kg by 1, 2.5 kg steps to 300 kg (`quantizeForLanguage`).
 */
export const Kilograms = z
  .number()
  .min(0.5)
  .max(500)
  .multipleOf(0.5)
  .meta({ description: 'Kilograms, 0.5–500 in 0.5 kg steps.' });

/**
 * How heavy a set should be: a percentage of one-repetition maximum, an effort target on the
 * RPE scale (1–10) or as repetitions in reserve (0–10), both in half steps — the RIR-based RPE
 * scale of Zourdos et al. 2016 (J Strength Cond Res 30:267), where RPE 10 = 0 RIR —, or an
 * absolute load in kg (planned from the person's training maxes; for dumbbells and kettlebells
 * the weight of one implement).
 */
export const Load = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('percent-1rm'), value: z.number().min(1).max(100) }),
    z.strictObject({ type: z.literal('rpe'), value: z.number().min(1).max(10).multipleOf(0.5) }),
    z.strictObject({ type: z.literal('rir'), value: z.number().min(0).max(10).multipleOf(0.5) }),
    z.strictObject({ type: z.literal('kg'), value: Kilograms }),
  ])
  .meta({ id: 'Load', description: 'Load target: %1RM, RPE, RIR or kg.' });

/**
 * One prescribed set: either repetitions (an exact count or a range) or a duration in seconds
 * (holds, intervals), never both; an optional load target; rest after the set.
 */
export const PrescribedSet = z
  .strictObject({
    reps: z.union([z.int().min(1).max(100), RepRange]).optional(),
    seconds: z.int().min(1).max(7200).optional(),
    load: Load.optional(),
    restSeconds: z.int().min(0).max(900),
  })
  .superRefine((s, ctx) => {
    if ((s.reps === undefined) === (s.seconds === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['reps'],
        input: s.reps,
        message: 'a set has either reps or seconds (exactly one)',
      });
    }
  })
  .meta({ id: 'PrescribedSet', description: 'One set: reps or seconds, load target, rest.' });

export const PROGRESSION_SCHEMES = ['double', 'linear', 'reps'] as const;

/**
 * How an exercise progresses from week to week, so that the weeks of a program differ in a way
 * the program itself states:
 * - `double` (double progression, ACSM 2009 "2-for-2" rule cast as a rep range): the same load
 *   while the weekly rep target climbs through `reps`; once every set reaches `reps.max`, add
 *   `stepKg` and start again at `reps.min`;
 * - `linear`: the prescribed kg load rises week to week (by `stepKg` or more; loads planned
 *   from training maxes);
 * - `reps` (bodyweight or band work, no load to add): reps climb through `reps`; once every set
 *   reaches `reps.max`, move on to the harder `nextExerciseId` (when one fits the person).
 */
export const Progression = z
  .strictObject({
    scheme: z.enum(PROGRESSION_SCHEMES),
    reps: RepRange.optional(),
    stepKg: z.number().min(0.5).max(5).multipleOf(0.5).optional(),
    nextExerciseId: ExerciseId.optional(),
  })
  .superRefine((p, ctx) => {
    const need = (field: 'reps' | 'stepKg') => {
      if (p[field] === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          input: p,
          message: `${p.scheme} progression needs ${field}`,
        });
      }
    };
    if (p.scheme !== 'linear') need('reps');
    if (p.scheme !== 'reps') need('stepKg');
    if (p.scheme !== 'reps' && p.nextExerciseId !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['nextExerciseId'],
        input: p.nextExerciseId,
        message: 'only a reps progression names a next exercise',
      });
    }
  })
  .meta({ id: 'Progression', description: 'Week-to-week progression rule of one exercise.' });

export const SessionExercise = z
  .strictObject({
    exerciseId: ExerciseId,
    sets: z.array(PrescribedSet).min(1).max(20),
    progression: Progression.optional(),
  })
  .meta({ id: 'SessionExercise', description: 'One exercise of a session with its sets, in order.' });

/** One training session; `day` is the day of the week it falls on, 0 = first day (0–6). */
export const Session = z
  .strictObject({
    day: z.int().min(0).max(6),
    name: z.string().min(1).max(80),
    exercises: z.array(SessionExercise).min(1).max(20),
  })
  .meta({ id: 'Session', description: 'One training session on a day of the week (0–6).' });

export const ProgramWeek = z
  .strictObject({
    deload: z.boolean(),
    sessions: z.array(Session).max(14),
  })
  .meta({ id: 'ProgramWeek', description: 'The sessions of one week; deload marks a lighter week.' });

/**
 * A training program: a named split and its weeks. Structural only: weekly sets per muscle,
 * equipment, injuries and rest days are checked by the validators.
 */
export const WorkoutProgram = z
  .strictObject({
    schemaVersion: SchemaVersion,
    split: z.string().min(1).max(80),
    weeks: z.array(ProgramWeek).min(1).max(52),
  })
  .meta({ id: 'WorkoutProgram', description: 'A named split and its weeks of sessions.' });

export type RepRangeT = z.infer<typeof RepRange>;
export type ProgressionT = z.infer<typeof Progression>;
export type LoadT = z.infer<typeof Load>;
export type PrescribedSetT = z.infer<typeof PrescribedSet>;
export type SessionExerciseT = z.infer<typeof SessionExercise>;
export type SessionT = z.infer<typeof Session>;
export type ProgramWeekT = z.infer<typeof ProgramWeek>;
export type WorkoutProgramT = z.infer<typeof WorkoutProgram>;
