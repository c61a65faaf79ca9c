/**
 * The profile file the CLI reads: a full `PlanRequest` (core schema), or a flatter, friendlier
 * form for people writing one by hand (see `docs/profile-file.md` in this package's README).
 */
import {
  ACTIVITY_LEVELS,
  ALLERGENS,
  DIET_TYPES,
  EQUIPMENT,
  EQUIPMENT_SETS,
  EXPERIENCE_LEVELS,
  GOAL_TYPES,
  INJURY_SITES,
  MAX_PLAN_DAYS,
  PlanRequest,
  type PlanRequestT,
  SCHEMA_VERSION,
  SEXES,
} from '@nexfitra/core';
import { z } from 'zod';

const setNames = Object.keys(EQUIPMENT_SETS) as [
  keyof typeof EQUIPMENT_SETS,
  ...(keyof typeof EQUIPMENT_SETS)[],
];

/**
 * The friendly profile. Body measures in kg/cm or lb/in (exactly one of each pair); `equipment`
 * is a named set (`full-gym`, `home-dumbbells`, `home-bands`, `bodyweight-only`) or a list;
 * `rateKgPerWeek` for lose/gain; lists default to none; `days` defaults to 7, `mealsPerDay` to 3.
 */
export const ProfileFile = z
  .strictObject({
    name: z.string().min(1).max(80).optional(),
    age: z.number(),
    sex: z.enum(SEXES),
    weightKg: z.number().optional(),
    weightLb: z.number().optional(),
    heightCm: z.number().optional(),
    heightIn: z.number().optional(),
    bodyFatPercent: z.number().optional(),
    activity: z.enum(ACTIVITY_LEVELS),
    pregnant: z.boolean().optional(),
    lactating: z.boolean().optional(),
    goal: z.enum(GOAL_TYPES),
    rateKgPerWeek: z.number().optional(),
    targetWeightKg: z.number().optional(),
    diet: z.enum(DIET_TYPES),
    allergies: z.array(z.enum(ALLERGENS)).default([]),
    dislikedFoodIds: z.array(z.string()).default([]),
    cuisines: z.array(z.string()).default([]),
    mealsPerDay: z.int().default(3),
    trainingDays: z.int(),
    sessionMinutes: z.int(),
    equipment: z.union([z.enum(setNames), z.array(z.enum(EQUIPMENT))]),
    injuries: z.array(z.enum(INJURY_SITES)).default([]),
    experience: z.enum(EXPERIENCE_LEVELS),
    preferredExerciseIds: z.array(z.string()).default([]),
    excludedExerciseIds: z.array(z.string()).default([]),
    days: z.int().min(1).max(MAX_PLAN_DAYS).default(7),
    seed: z
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .optional(),
  })
  .superRefine((p, ctx) => {
    for (const [a, b] of [
      ['weightKg', 'weightLb'],
      ['heightCm', 'heightIn'],
    ] as const) {
      if ((p[a] === undefined) === (p[b] === undefined)) {
        ctx.addIssue({ code: 'custom', path: [a], input: p[a], message: `exactly one of "${a}" and "${b}"` });
      }
    }
    if (p.goal !== 'maintain' && p.rateKgPerWeek === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['rateKgPerWeek'],
        input: undefined,
        message: `a number of kg per week above 0 for goal "${p.goal}" (0.25–1 is usual)`,
      });
    }
  });

export type ProfileFileT = z.infer<typeof ProfileFile>;

/** Where a PlanRequest field lives in the friendly form (for error paths), when it differs. */
export const FRIENDLY_PATH: Readonly<Record<string, string>> = {
  'profile.age': 'age',
  'profile.sex': 'sex',
  'profile.weight.value': 'weightKg',
  'profile.height.value': 'heightCm',
  'profile.bodyFatPercent': 'bodyFatPercent',
  'profile.activityLevel': 'activity',
  'goal.type': 'goal',
  'goal.rate.value': 'rateKgPerWeek',
  'goal.targetWeight.value': 'targetWeightKg',
  'preferences.allergens': 'allergies',
  'preferences.mealsPerDay': 'mealsPerDay',
  'preferences.trainingDaysPerWeek': 'trainingDays',
  'preferences.sessionMinutes': 'sessionMinutes',
  'preferences.dislikedFoodIds': 'dislikedFoodIds',
  'preferences.preferredExerciseIds': 'preferredExerciseIds',
  'preferences.excludedExerciseIds': 'excludedExerciseIds',
  'preferences.injuries': 'injuries',
};

/** The request a friendly profile stands for (not yet checked against `PlanRequest`). */
export function requestFromProfile(p: ProfileFileT): unknown {
  const maintain = p.goal === 'maintain';
  return {
    schemaVersion: SCHEMA_VERSION,
    profile: {
      age: p.age,
      sex: p.sex,
      weight:
        p.weightKg !== undefined ? { value: p.weightKg, unit: 'kg' } : { value: p.weightLb, unit: 'lb' },
      height:
        p.heightCm !== undefined ? { value: p.heightCm, unit: 'cm' } : { value: p.heightIn, unit: 'in' },
      ...(p.bodyFatPercent !== undefined ? { bodyFatPercent: p.bodyFatPercent } : {}),
      activityLevel: p.activity,
      ...(p.pregnant !== undefined ? { pregnant: p.pregnant } : {}),
      ...(p.lactating !== undefined ? { lactating: p.lactating } : {}),
    },
    goal: {
      type: p.goal,
      ...(!maintain && p.rateKgPerWeek !== undefined
        ? { rate: { value: p.rateKgPerWeek, unit: 'kg/week' } }
        : {}),
      ...(p.targetWeightKg !== undefined ? { targetWeight: { value: p.targetWeightKg, unit: 'kg' } } : {}),
    },
    preferences: {
      diet: p.diet,
      allergens: p.allergies,
      dislikedFoodIds: p.dislikedFoodIds,
      cuisines: p.cuisines,
      mealsPerDay: p.mealsPerDay,
      trainingDaysPerWeek: p.trainingDays,
      sessionMinutes: p.sessionMinutes,
      equipment: typeof p.equipment === 'string' ? [...EQUIPMENT_SETS[p.equipment]] : p.equipment,
      injuries: p.injuries,
      experience: p.experience,
      preferredExerciseIds: p.preferredExerciseIds,
      excludedExerciseIds: p.excludedExerciseIds,
    },
    days: p.days,
    ...(p.seed !== undefined ? { seed: p.seed } : {}),
  };
}

/** One field-level problem in a profile file. */
export interface FieldError {
  /** Dotted path in the file, e.g. `weightKg` or `preferences.allergens.0`. */
  readonly path: string;
  readonly value: unknown;
  /** What is allowed there, in words. */
  readonly allowed: string;
}

export type ProfileParse =
  | {
      readonly ok: true;
      readonly request: PlanRequestT;
      readonly name: string | undefined;
      readonly form: 'request' | 'profile';
    }
  | { readonly ok: false; readonly errors: readonly FieldError[]; readonly form: 'request' | 'profile' };

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

function list(xs: readonly unknown[]): string {
  return xs.map((x) => JSON.stringify(x)).join(', ');
}

/** What a zod issue allows, in words. */
function allowed(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return `a ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'array' ? `at least ${issue.minimum} item(s)` : `a number ≥ ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `at most ${issue.maximum} item(s)` : `a number ≤ ${issue.maximum}`;
    case 'invalid_value':
      return `one of ${list(issue.values)}`;
    case 'unrecognized_keys':
      return `no such key (unknown: ${list(issue.keys)}; check the spelling)`;
    case 'invalid_union': {
      const u = issue as { options?: readonly unknown[] };
      return u.options ? `one of ${list(u.options)}` : issue.message;
    }
    default:
      return issue.message;
  }
}

function errorsOf(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  rename: (p: string) => string,
): FieldError[] {
  return issues.map((issue) => {
    const at = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    return {
      path: rename(at.map(String).join('.')) || '(file)',
      value: valueAt(input, at),
      allowed: allowed(issue),
    };
  });
}

/**
 * Reads a parsed JSON document as a request: a full `PlanRequest` when it has a `profile` key
 * (`schemaVersion` may be left out), else the friendly form. Never throws on bad input: every
 * problem comes back as a field error naming the path in the file, the value and what is allowed.
 */
export function parseProfileFile(json: unknown): ProfileParse {
  const isRequest = json !== null && typeof json === 'object' && !Array.isArray(json) && 'profile' in json;
  if (isRequest) {
    const doc = { schemaVersion: SCHEMA_VERSION, ...(json as object) };
    const r = PlanRequest.safeParse(doc);
    return r.success
      ? { ok: true, request: r.data, name: undefined, form: 'request' }
      : { ok: false, errors: errorsOf(r.error.issues, doc, (p) => p), form: 'request' };
  }
  const f = ProfileFile.safeParse(json);
  if (!f.success) return { ok: false, errors: errorsOf(f.error.issues, json, (p) => p), form: 'profile' };
  const doc = requestFromProfile(f.data);
  const r = PlanRequest.safeParse(doc);
  if (!r.success) {
    const lb = f.data.weightLb !== undefined;
    const inch = f.data.heightIn !== undefined;
    const rename = (p: string) => {
      if (p === 'profile.weight.value' && lb) return 'weightLb';
      if (p === 'profile.height.value' && inch) return 'heightIn';
      const key = Object.keys(FRIENDLY_PATH).find((k) => p === k || p.startsWith(`${k}.`));
      if (key) return FRIENDLY_PATH[key]! + p.slice(key.length);
      return p.replace(/^preferences\./, '').replace(/^profile\./, '');
    };
    return { ok: false, errors: errorsOf(r.error.issues, doc, rename), form: 'profile' };
  }
  return { ok: true, request: r.data, name: f.data.name, form: 'profile' };
}
