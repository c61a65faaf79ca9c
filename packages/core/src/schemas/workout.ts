import { z } from 'zod';
import { ExerciseId } from './ids';
import { SchemaVersion } from './version';

/** An inclusive repetition range such as 8–12; `min ≤ max` is part of the schema. */
export const RepRange = z
  .strictObject({ min: z.int().min(1).max(100), max: z.int().min(1).max(100) })
  .refine((r) => r.min <= r.max, { path: ['max'], message: 'max must be at least min' })
  .meta({ id: 'RepRange', description: 'Inclusive repetition range, min ≤ max.' });

export const LOAD_TYPES = ['percent-1rm', 'rpe', 'rir'] as const;

/**
 * How heavy a set should be: a percentage of one-repetition maximum, or an effort target on the
 * RPE scale (1–10) or as repetitions in reserve (0–10), both in half steps — the RIR-based RPE
 * scale of Zourdos et al. 2016 (J Strength Cond Res 30:267), where RPE 10 = 0 RIR.
 */
export const Load = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('percent-1rm'), value: z.number().min(1).max(100) }),
    z.strictObject({ type: z.literal('rpe'), value: z.number().min(1).max(10).multipleOf(0.5) }),
    z.strictObject({ type: z.literal('rir'), value: z.number().min(0).max(10).multipleOf(0.5) }),
  ])
  .meta({ id: 'Load', description: 'Load target: %1RM, RPE or RIR.' });

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

export const SessionExercise = z
  .strictObject({
    exerciseId: ExerciseId,
    sets: z.array(PrescribedSet).min(1).max(20),
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
export type LoadT = z.infer<typeof Load>;
export type PrescribedSetT = z.infer<typeof PrescribedSet>;
export type SessionExerciseT = z.infer<typeof SessionExercise>;
export type SessionT = z.infer<typeof Session>;
export type ProgramWeekT = z.infer<typeof ProgramWeek>;
export type WorkoutProgramT = z.infer<typeof WorkoutProgram>;
