import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { Goal } from '../src/schemas/goal';
import { ModelManifest } from '../src/schemas/manifest';
import { Meal, MealPlan } from '../src/schemas/meal';
import { Plan, PlanRequest, TargetsSummary } from '../src/schemas/plan';
import { Preferences } from '../src/schemas/preferences';
import { Profile } from '../src/schemas/profile';
import { ProgressLog } from '../src/schemas/progress';
import { BodyHeight, BodyWeight } from '../src/schemas/quantity';
import { SCHEMA_VERSION, SchemaVersion, Semver } from '../src/schemas/version';
import { Load, PrescribedSet, RepRange, Session, WorkoutProgram } from '../src/schemas/workout';
import type { Doc } from './schemas.fixtures';
import * as ex from './schemas.fixtures';

const { withEdit } = ex;

/** The paths of every issue, joined with dots ('' for the root); [] when the value parses. */
function issuePaths(schema: z.ZodType, value: unknown): string[] {
  const r = schema.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.path.map(String).join('.'));
}

describe('valid hand-written documents parse unchanged', () => {
  const cases: [string, z.ZodType, unknown][] = [
    ['Profile', Profile, ex.profile],
    ['Goal', Goal, ex.goal],
    ['Preferences', Preferences, ex.preferences],
    ['PlanRequest', PlanRequest, ex.planRequest],
    ['MealPlan', MealPlan, ex.mealPlan],
    ['WorkoutProgram', WorkoutProgram, ex.workoutProgram],
    ['Plan', Plan, ex.plan],
    ['ProgressLog', ProgressLog, ex.progressLog],
    ['ModelManifest', ModelManifest, ex.modelManifest],
  ];
  it.each(cases)('%s', (_name, schema, doc) => {
    // Nothing transforms or defaults, so the parsed value equals the input.
    expect(schema.parse(doc)).toEqual(doc);
  });
});

describe('version', () => {
  it('SCHEMA_VERSION is a semver string and a valid schemaVersion', () => {
    expect(Semver.safeParse(SCHEMA_VERSION).success).toBe(true);
    expect(SchemaVersion.safeParse(SCHEMA_VERSION).success).toBe(true);
  });
  it('accepts other minors of the same major, refuses another major and non-semver', () => {
    expect(SchemaVersion.safeParse('1.7.3').success).toBe(true);
    expect(SchemaVersion.safeParse('1.0.0-rc.1+build.5').success).toBe(true);
    expect(SchemaVersion.safeParse('2.0.0').success).toBe(false);
    expect(SchemaVersion.safeParse('1.0').success).toBe(false);
    expect(SchemaVersion.safeParse('01.0.0').success).toBe(false);
  });
  it('every top-level document defaults an omitted schemaVersion to SCHEMA_VERSION (issue 13)', () => {
    for (const [schema, doc] of [
      [PlanRequest, ex.planRequest],
      [Plan, ex.plan],
      [MealPlan, ex.mealPlan],
      [WorkoutProgram, ex.workoutProgram],
      [ProgressLog, ex.progressLog],
      [ModelManifest, ex.modelManifest],
    ] as const) {
      const bad = withEdit(doc, (d) => {
        delete d.schemaVersion;
      });
      expect(issuePaths(schema, bad)).toEqual([]);
      expect((schema.parse(bad) as { schemaVersion: string }).schemaVersion).toBe(SCHEMA_VERSION);
    }
  });
});

describe('quantities', () => {
  it('range depends on the unit: 2–400 kg, 4.41–881.84 lb', () => {
    // 300 lb = 136 kg is fine; 300 kg is fine; 500 kg is not; 500 lb = 227 kg is.
    expect(BodyWeight.safeParse({ value: 500, unit: 'lb' }).success).toBe(true);
    expect(issuePaths(BodyWeight, { value: 500, unit: 'kg' })).toEqual(['value']);
    // 4.40 lb = 1.996 kg, just under the 2 kg floor.
    expect(issuePaths(BodyWeight, { value: 4.4, unit: 'lb' })).toEqual(['value']);
    expect(issuePaths(BodyWeight, { value: 70, unit: 'stone' })).toEqual(['unit']);
    expect(issuePaths(BodyHeight, { value: 180, unit: 'in' })).toEqual(['value']);
    expect(BodyHeight.safeParse({ value: 180, unit: 'cm' }).success).toBe(true);
  });
  it('the lb and in bounds convert inside the kg and cm bounds', () => {
    // Hand check of the rounding: 4.41 × 0.45359237 = 2.0003 ≥ 2; 881.84 × 0.45359237 = 399.996 ≤ 400;
    // 17.72 × 2.54 = 45.0088 ≥ 45; 98.42 × 2.54 = 249.987 ≤ 250.
    expect(4.41 * 0.45359237).toBeGreaterThanOrEqual(2);
    expect(881.84 * 0.45359237).toBeLessThanOrEqual(400);
    expect(17.72 * 2.54).toBeGreaterThanOrEqual(45);
    expect(98.42 * 2.54).toBeLessThanOrEqual(250);
  });
});

describe('Profile', () => {
  it.each([
    [
      'age',
      (d: Doc) => {
        d.age = 130;
      },
    ],
    [
      'age',
      (d: Doc) => {
        d.age = Number.NaN;
      },
    ],
    [
      'sex',
      (d: Doc) => {
        d.sex = 'other';
      },
    ],
    [
      'activityLevel',
      (d: Doc) => {
        d.activityLevel = 'extreme';
      },
    ],
    [
      'bodyFatPercent',
      (d: Doc) => {
        d.bodyFatPercent = 1;
      },
    ],
    [
      'weight.value',
      (d: Doc) => {
        d.weight.value = 1;
      },
    ],
    [
      // In range for a child, but an adult of this height at 5 kg has a BMI under 2: a typo.
      'weight.value',
      (d: Doc) => {
        d.weight.value = 5;
      },
    ],
    [
      'height',
      (d: Doc) => {
        d.height = 170;
      },
    ],
    [
      '',
      (d: Doc) => {
        d.weightKg = 70;
      },
    ],
    [
      'pregnant',
      (d: Doc) => {
        d.sex = 'male';
        d.pregnant = true;
      },
    ],
    [
      'lactating',
      (d: Doc) => {
        d.sex = 'male';
        d.lactating = true;
      },
    ],
  ])('rejects a bad %s', (path, edit) => {
    expect(issuePaths(Profile, withEdit(ex.profile, edit))).toEqual([path]);
  });
  it('bodyFatPercent and the flags are optional; pregnant=false is fine for males', () => {
    const p = withEdit(ex.profile, (d) => {
      delete d.bodyFatPercent;
      d.sex = 'male';
    });
    expect(Profile.safeParse(p).success).toBe(true);
  });
});

describe('Goal', () => {
  it('maintain takes no rate or a zero rate', () => {
    expect(Goal.safeParse({ type: 'maintain' }).success).toBe(true);
    expect(Goal.safeParse({ type: 'maintain', rate: { value: 0, unit: 'kg/week' } }).success).toBe(true);
    expect(issuePaths(Goal, { type: 'maintain', rate: { value: 0.5, unit: 'kg/week' } })).toEqual([
      'rate.value',
    ]);
  });
  it('lose and gain need a positive rate', () => {
    expect(issuePaths(Goal, { type: 'gain' })).toEqual(['rate']);
    expect(issuePaths(Goal, { type: 'lose', rate: { value: 0, unit: 'kg/week' } })).toEqual(['rate.value']);
    expect(issuePaths(Goal, { type: 'lose', rate: { value: 3, unit: 'kg/week' } })).toEqual(['rate.value']);
    expect(issuePaths(Goal, { type: 'lose', rate: { value: 0.5, unit: 'lb/week' } })).toEqual(['rate.unit']);
    expect(issuePaths(Goal, { type: 'cut', rate: { value: 0.5, unit: 'kg/week' } })).toEqual(['type']);
  });
});

describe('Preferences', () => {
  it.each([
    [
      'mealsPerDay',
      (d: Doc) => {
        d.mealsPerDay = 7;
      },
    ],
    [
      'mealsPerDay',
      (d: Doc) => {
        d.mealsPerDay = 2.5;
      },
    ],
    [
      'trainingDaysPerWeek',
      (d: Doc) => {
        d.trainingDaysPerWeek = 0;
      },
    ],
    [
      'sessionMinutes',
      (d: Doc) => {
        d.sessionMinutes = 5;
      },
    ],
    [
      'diet',
      (d: Doc) => {
        d.diet = 'carnivore';
      },
    ],
    [
      'allergens.0',
      (d: Doc) => {
        d.allergens = ['peanut'];
      },
    ],
    [
      'allergens',
      (d: Doc) => {
        d.allergens = ['milk', 'milk'];
      },
    ],
    [
      'equipment.1',
      (d: Doc) => {
        d.equipment = ['barbell', 'smith-machine'];
      },
    ],
    [
      'injuries.0',
      (d: Doc) => {
        d.injuries = ['toe'];
      },
    ],
    [
      'experience',
      (d: Doc) => {
        d.experience = 'expert';
      },
    ],
    [
      'excludedExerciseIds.0',
      (d: Doc) => {
        d.excludedExerciseIds = ['Back Squat'];
      },
    ],
    [
      'allergens',
      (d: Doc) => {
        delete d.allergens;
      },
    ],
    [
      'preferredExerciseIds.0',
      (d: Doc) => {
        d.excludedExerciseIds = ['goblet-squat'];
      },
    ],
  ])('rejects a bad %s', (path, edit) => {
    expect(issuePaths(Preferences, withEdit(ex.preferences, edit))).toEqual([path]);
  });
});

describe('meals', () => {
  it('rejects an empty meal, zero grams, a bad meal type and an empty plan', () => {
    expect(issuePaths(Meal, { type: 'lunch', items: [] })).toEqual(['items']);
    expect(issuePaths(Meal, { type: 'lunch', items: [{ foodId: '09003', grams: 0 }] })).toEqual([
      'items.0.grams',
    ]);
    expect(issuePaths(Meal, { type: 'brunch', items: [{ foodId: '09003', grams: 100 }] })).toEqual(['type']);
    expect(issuePaths(MealPlan, { schemaVersion: '1.0.0', days: [] })).toEqual(['days']);
  });
  it('a meal count different from mealsPerDay is not a schema error (validator concern)', () => {
    const twoMeals = withEdit(ex.mealPlan, (d: Doc) => {
      d.days[0].meals.pop();
    });
    expect(MealPlan.safeParse(twoMeals).success).toBe(true);
  });
});

describe('training', () => {
  it('rep range needs min ≤ max', () => {
    expect(RepRange.safeParse({ min: 8, max: 8 }).success).toBe(true);
    expect(issuePaths(RepRange, { min: 12, max: 8 })).toEqual(['max']);
    expect(issuePaths(PrescribedSet, { reps: { min: 12, max: 8 }, restSeconds: 60 })).toEqual(['reps.max']);
  });
  it('a set has reps or seconds, exactly one', () => {
    expect(issuePaths(PrescribedSet, { restSeconds: 60 })).toEqual(['reps']);
    expect(issuePaths(PrescribedSet, { reps: 5, seconds: 30, restSeconds: 60 })).toEqual(['reps']);
    expect(issuePaths(PrescribedSet, { reps: 0, restSeconds: 60 })).toEqual(['reps']);
  });
  it('load targets: %1RM 1–100, RPE 1–10 and RIR 0–10 in half steps, kg on a 0.5 kg grid', () => {
    expect(Load.safeParse({ type: 'percent-1rm', value: 72.5 }).success).toBe(true);
    expect(issuePaths(Load, { type: 'percent-1rm', value: 105 })).toEqual(['value']);
    expect(issuePaths(Load, { type: 'rpe', value: 8.25 })).toEqual(['value']);
    expect(issuePaths(Load, { type: 'rir', value: -1 })).toEqual(['value']);
    expect(Load.safeParse({ type: 'kg', value: 102.5 }).success).toBe(true);
    expect(issuePaths(Load, { type: 'kg', value: 100.25 })).toEqual(['value']);
    expect(issuePaths(Load, { type: 'lb', value: 100 })).toEqual(['type']);
  });
  it('session day is 0–6 and a session has exercises', () => {
    const s = ex.workoutProgram.weeks[0]!.sessions[0]!;
    expect(issuePaths(Session, { ...s, day: 7 })).toEqual(['day']);
    expect(issuePaths(Session, { ...s, exercises: [] })).toEqual(['exercises']);
    expect(
      issuePaths(
        WorkoutProgram,
        withEdit(ex.workoutProgram, (d: Doc) => {
          d.weeks[1].deload = 'yes';
        }),
      ),
    ).toEqual(['weeks.1.deload']);
  });
});

describe('Plan and PlanRequest', () => {
  it('paths point into the nested documents', () => {
    const bad = withEdit(ex.plan, (d) => {
      d.request.preferences.allergens.push('shellfish');
      d.mealPlan.days[1].meals[2].items[0].grams = -5;
      d.workoutProgram.weeks[0].sessions[1].exercises[0].sets[0].restSeconds = 1000;
      d.targets.kcal = 0;
    });
    expect(issuePaths(Plan, bad).sort()).toEqual(
      [
        'request.preferences.allergens.2',
        'mealPlan.days.1.meals.2.items.0.grams',
        'workoutProgram.weeks.0.sessions.1.exercises.0.sets.0.restSeconds',
        'targets.kcal',
      ].sort(),
    );
  });
  it('days 1–31, seed a uint32', () => {
    expect(issuePaths(PlanRequest, { ...ex.planRequest, days: 0 })).toEqual(['days']);
    expect(issuePaths(PlanRequest, { ...ex.planRequest, seed: 2 ** 32 })).toEqual(['seed']);
    expect(issuePaths(PlanRequest, { ...ex.planRequest, seed: -1 })).toEqual(['seed']);
  });
  it('targets: negative grams are rejected', () => {
    expect(issuePaths(TargetsSummary, { kcal: 2000, proteinG: -1, fatG: 60, carbsG: 200 })).toEqual([
      'proteinG',
    ]);
  });
});

describe('ProgressLog', () => {
  it('dates must be real ISO dates (2024-02-29 is, 2024-02-30 is not) and strictly increase', () => {
    const bad = withEdit(ex.progressLog, (d: Doc) => {
      d.entries[1].date = '2024-02-30';
    });
    expect(issuePaths(ProgressLog, bad)).toEqual(['entries.1.date']);
    const dup = withEdit(ex.progressLog, (d: Doc) => {
      d.entries[2].date = '2024-02-29';
    });
    expect(issuePaths(ProgressLog, dup)).toEqual(['entries.2.date']);
  });
  it('an entry records something; a set records reps or seconds', () => {
    const empty = withEdit(ex.progressLog, (d: Doc) => {
      d.entries.push({ date: '2024-03-02' });
    });
    expect(issuePaths(ProgressLog, empty)).toEqual(['entries.3.weight']);
    const noReps = withEdit(ex.progressLog, (d: Doc) => {
      delete d.entries[2].workouts[0].exercises[0].sets[0].reps;
    });
    expect(issuePaths(ProgressLog, noReps)).toEqual(['entries.2.workouts.0.exercises.0.sets.0.reps']);
  });
});

describe('ModelManifest', () => {
  it.each([
    [
      'files.1.sha256',
      (d: Doc) => {
        d.files[1].sha256 = 'A'.repeat(64);
      },
    ],
    [
      'files.1.sha256',
      (d: Doc) => {
        d.files[1].sha256 = 'a'.repeat(63);
      },
    ],
    [
      'files.0.path',
      (d: Doc) => {
        d.files[0].path = '../etc/passwd';
      },
    ],
    [
      'files.0.path',
      (d: Doc) => {
        d.files[0].path = '/abs/model.onnx';
      },
    ],
    [
      'files.1.path',
      (d: Doc) => {
        d.files[1].path = 'config.json';
      },
    ],
    [
      'dtypes.0',
      (d: Doc) => {
        d.dtypes = ['int8'];
      },
    ],
    [
      'dtypes',
      (d: Doc) => {
        d.dtypes = ['q8', 'q8'];
      },
    ],
    [
      'dtypes',
      (d: Doc) => {
        d.dtypes = [];
      },
    ],
    [
      'architecture',
      (d: Doc) => {
        d.architecture = 'bert';
      },
    ],
    [
      'version',
      (d: Doc) => {
        d.version = 'v1';
      },
    ],
    [
      'files',
      (d: Doc) => {
        d.files = [];
      },
    ],
  ])('rejects a bad %s', (path, edit) => {
    expect(issuePaths(ModelManifest, withEdit(ex.modelManifest, edit))).toEqual([path]);
  });
});
