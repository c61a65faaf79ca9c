import { z } from 'zod';
import { ExerciseId } from './ids';
import { BodyWeight, LiftLoad } from './quantity';
import { SchemaVersion } from './version';

/** One set as performed: reps or seconds (at least one), optional load and RPE. */
export const CompletedSet = z
  .strictObject({
    reps: z.int().min(0).max(100).optional(),
    seconds: z.int().min(0).max(7200).optional(),
    load: LiftLoad.optional(),
    rpe: z.number().min(1).max(10).multipleOf(0.5).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.reps === undefined && s.seconds === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['reps'],
        input: s.reps,
        message: 'a set records reps or seconds',
      });
    }
  })
  .meta({ id: 'CompletedSet', description: 'One set as performed.' });

/**
 * A workout as performed. `durationMinutes` and `sessionRpe` (the CR-10 rating of the whole
 * session, asked about 30 minutes after it) give the session-RPE training load of Foster et al.
 * 2001 (J Strength Cond Res 15:109): load = sessionRpe × durationMinutes.
 */
export const CompletedWorkout = z
  .strictObject({
    name: z.string().min(1).max(80).optional(),
    durationMinutes: z.number().min(0).max(1440).optional(),
    sessionRpe: z.number().min(0).max(10).optional(),
    exercises: z
      .array(z.strictObject({ exerciseId: ExerciseId, sets: z.array(CompletedSet).min(1).max(50) }))
      .min(1)
      .max(40),
  })
  .meta({ id: 'CompletedWorkout', description: 'A workout as performed.' });

/** Logged macronutrients of a day, grams. */
export const IntakeMacros = z
  .strictObject({
    proteinG: z.number().min(0).max(2000),
    fatG: z.number().min(0).max(2000),
    carbsG: z.number().min(0).max(3000),
  })
  .meta({ id: 'IntakeMacros', description: 'Logged protein, fat and carbohydrate of a day, grams.' });

/**
 * One day of the log. Weight and intake are each optional because real logs have gaps (the
 * trend and expenditure estimators work around them), but an entry records something.
 * `intakeComplete: false` marks a day whose food log is known to be partial: it is kept and
 * reported, but the expenditure estimate does not average it in.
 */
export const ProgressEntry = z
  .strictObject({
    date: z.iso.date().meta({ description: 'Calendar date, YYYY-MM-DD.' }),
    weight: BodyWeight.optional(),
    intakeKcal: z.number().min(0).max(20000).optional(),
    intakeComplete: z.boolean().optional(),
    macros: IntakeMacros.optional(),
    workouts: z.array(CompletedWorkout).max(10).optional(),
  })
  .superRefine((e, ctx) => {
    if (e.weight === undefined && e.intakeKcal === undefined && e.workouts === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['weight'],
        input: undefined,
        message: 'an entry records weight, intakeKcal or workouts',
      });
    }
  })
  .meta({ id: 'ProgressEntry', description: 'One day of weight, intake and workouts.' });

/** A day-by-day log; dates strictly increase, so each day appears once and in order. */
export const ProgressLog = z
  .strictObject({
    schemaVersion: SchemaVersion,
    entries: z.array(ProgressEntry),
  })
  .superRefine((log, ctx) => {
    // ISO dates compare correctly as strings.
    for (let i = 1; i < log.entries.length; i++) {
      const prev = log.entries[i - 1]!.date;
      const cur = log.entries[i]!.date;
      if (cur <= prev) {
        ctx.addIssue({
          code: 'custom',
          path: ['entries', i, 'date'],
          input: cur,
          message: `dates must strictly increase (after ${prev})`,
        });
      }
    }
  })
  .meta({ id: 'ProgressLog', description: 'Day-by-day weight, intake and workouts.' });

export type CompletedSetT = z.infer<typeof CompletedSet>;
export type CompletedWorkoutT = z.infer<typeof CompletedWorkout>;
export type IntakeMacrosT = z.infer<typeof IntakeMacros>;
export type ProgressEntryT = z.infer<typeof ProgressEntry>;
export type ProgressLogT = z.infer<typeof ProgressLog>;
