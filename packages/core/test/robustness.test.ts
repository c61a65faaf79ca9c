/**
 * Robustness of the whole public surface (issue 2, "Bad input"): every exported function of
 * `@nexfitra/core` and of its subpaths `./foods`, `./exercises`, `./met` and `./language`, called
 * with junk, either returns a value with no NaN or ±Infinity anywhere in it, or throws a
 * {@link NexFitraError} that names `fn`, the field `path`, the value and what is `allowed`.
 * Any other outcome (TypeError, RangeError, a ZodError, a non-finite number) is a failure.
 *
 * The functions are found by enumerating the modules' exports, so a function added later is
 * covered without editing this file. Three layers:
 *  1. fixed junk (the values the issue lists) in every argument position, deterministically;
 *  2. fast-check junk trees whose keys are real field names (so validation is reached past the
 *     first `typeof` check) and whose leaves mix junk with plausible values;
 *  3. a valid call per function (hand-written from the docs and tests) with one node of its
 *     arguments replaced by junk, which reaches the checks deep inside nested documents.
 * Then, for the formula functions, valid-shaped but out-of-range values (age 200, height 20 cm,
 * weight 0, reps 0, body fat 90 %) must throw `OUT_OF_RANGE` naming that field in `path`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as exercisesEntry from '../src/exercises/index';
import * as foodsEntry from '../src/foods/index';
import * as core from '../src/index';
import * as languageEntry from '../src/language/index';
import * as metEntry from '../src/met/index';
import { plan as fixturePlan, planRequest } from './schemas.fixtures';
import { cleanPlan, context } from './validate.fixtures';

type AnyFn = (...args: unknown[]) => unknown;
const { NexFitraError } = core;

// ---------------------------------------------------------------------------------------------
// The surface
// ---------------------------------------------------------------------------------------------

const ENTRIES: Record<string, Record<string, unknown>> = {
  '': core,
  'foods/': foodsEntry,
  'exercises/': exercisesEntry,
  'met/': metEntry,
  'language/': languageEntry,
};

/**
 * Type guards and predicates accept any value by contract and answer a boolean; they are not
 * fed to the throw-or-finite property but checked to return a boolean for every junk value.
 */
const PREDICATES = new Set(['isNexFitraError', 'foods/hasFood']);

const isClass = (f: unknown) =>
  typeof f === 'function' && /^class\b/.test(Function.prototype.toString.call(f));

/** Every exported function once (a re-export keeps the first name), classes and schemas left out. */
const SURFACE: ReadonlyMap<string, AnyFn> = (() => {
  const seen = new Set<unknown>();
  const out = new Map<string, AnyFn>();
  for (const [prefix, mod] of Object.entries(ENTRIES)) {
    for (const [name, value] of Object.entries(mod)) {
      // zod schemas are objects (with .parse), constants are not functions: both fall out here.
      if (typeof value !== 'function' || isClass(value) || seen.has(value)) continue;
      seen.add(value);
      out.set(prefix + name, value as AnyFn);
    }
  }
  return out;
})();

/**
 * Functions a public function hands back are public surface too: their methods get the same
 * treatment. Each entry builds a fresh instance from a valid call.
 */
const RETURNED: Record<string, () => AnyFn> = {
  'createRng().next': () => core.createRng(42).next as AnyFn,
  'createRng().int': () => core.createRng(42).int as AnyFn,
  'createRng().pick': () => core.createRng(42).pick as AnyFn,
  'createRng().shuffle': () => core.createRng(42).shuffle as AnyFn,
  'createRng().fork': () => core.createRng(42).fork as AnyFn,
  'byIdLookup()': () => core.byIdLookup([{ id: 'a' }]) as AnyFn,
  'language/createGrammar().allowedNext': () => {
    const g = languageEntry.createGrammar(planRequest as never);
    return g.allowedNext.bind(g) as AnyFn;
  },
  'language/createGrammar().advance': () => {
    const g = languageEntry.createGrammar(planRequest as never);
    return g.advance.bind(g) as AnyFn;
  },
  'language/createGrammar().isComplete': () => {
    const g = languageEntry.createGrammar(planRequest as never);
    return g.isComplete.bind(g) as AnyFn;
  },
};

/**
 * Functions whose contract legitimately returns a non-finite number. No formula is among them:
 * nothing in the science of this package is infinite or undefined. These hand back the caller's
 * own value untouched: `pick`/`shuffle` its elements (`pick([NaN])` is `NaN`), `checkObject`
 * the object it was asked to check for object-ness (its fields are the caller's to check).
 */
const NON_FINITE_ALLOWED = new Set<string>(['createRng().pick', 'createRng().shuffle', 'checkObject']);

// ---------------------------------------------------------------------------------------------
// The contract
// ---------------------------------------------------------------------------------------------

const CODES = new Set([
  'INVALID_TYPE',
  'OUT_OF_RANGE',
  'INVALID_ENUM',
  'SCHEMA',
  'INCONSISTENT',
  'REFUSED',
  'BAD_DATA',
]);

/** Catalogue rows are scanned once in their own test; results that share them skip the rescan. */
const CLEAN = new WeakSet<object>();

/** Path to the first non-finite number inside `v` (objects, arrays, Maps, Sets), or null. */
function nonFinite(v: unknown, at: string = '$', seen = new Set<object>()): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : `${at} = ${v}`;
  if (typeof v !== 'object' || v === null || seen.has(v) || CLEAN.has(v)) return null;
  seen.add(v);
  const items: [string, unknown][] =
    v instanceof Map
      ? [...v.entries()].map(([k, x]) => [String(k), x])
      : v instanceof Set
        ? [...v].map((x, i) => [String(i), x])
        : Object.entries(v);
  for (const [k, x] of items) {
    const r = nonFinite(x, `${at}.${k}`, seen);
    if (r) return r;
  }
  return null;
}

/** JSON-ish rendering of junk for failure messages (NaN, undefined, symbols, cycles shown). */
function show(v: unknown): string {
  const seen = new Set<unknown>();
  try {
    return JSON.stringify(v, (_, x) => {
      if (typeof x === 'number' && !Number.isFinite(x)) return `<${x}>`;
      if (x === undefined) return '<undefined>';
      if (typeof x === 'bigint') return `<${x}n>`;
      if (typeof x === 'symbol' || typeof x === 'function') return `<${typeof x}>`;
      if (typeof x === 'object' && x !== null) {
        if (seen.has(x)) return '<cycle>';
        seen.add(x);
      }
      return x;
    }).slice(0, 400);
  } catch {
    return '<unprintable>';
  }
}

/**
 * Calls `f(...args)`; returns null when the contract holds, else what went wrong. A caught
 * NexFitraError must carry a known code, a non-empty `fn` and `allowed`, and a path of strings
 * and numbers; reading its message must not throw.
 */
function violation(name: string, f: AnyFn, args: unknown[]): string | null {
  let result: unknown;
  try {
    result = f(...args);
  } catch (e) {
    if (!(e instanceof NexFitraError)) {
      const kind = (e as { constructor?: { name?: string } } | null)?.constructor?.name ?? typeof e;
      return `threw ${kind}: ${String((e as Error)?.message ?? e).slice(0, 160)}`;
    }
    if (!CODES.has(e.code)) return `NexFitraError with unknown code ${show(e.code)}`;
    if (typeof e.fn !== 'string' || e.fn === '') return `NexFitraError without fn (${show(e.fn)})`;
    if (typeof e.allowed !== 'string' || e.allowed === '') return `NexFitraError without allowed (${e.fn})`;
    if (!Array.isArray(e.path) || !e.path.every((k) => typeof k === 'string' || typeof k === 'number')) {
      return `NexFitraError with a path that is not (string | number)[]: ${show(e.path)}`;
    }
    if (typeof e.message !== 'string' || e.message === '') return 'NexFitraError without a message';
    return null;
  }
  if (!NON_FINITE_ALLOWED.has(name)) {
    const bad = nonFinite(result);
    if (bad) return `returned a non-finite number: ${bad}`;
  }
  return null;
}

function expectContract(name: string, f: AnyFn, args: unknown[]): void {
  const v = violation(name, f, args);
  if (v) expect.fail(`${name}(${show(args).slice(1, -1)}) ${v}`);
}

// ---------------------------------------------------------------------------------------------
// Junk
// ---------------------------------------------------------------------------------------------

const cyclic: Record<string, unknown> = { weightKg: 70 };
cyclic['self'] = cyclic;

/** The list and friends: wrong types, non-finite and extreme numbers, odd objects. */
const FIXED_JUNK: readonly unknown[] = [
  undefined,
  null,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -1,
  0,
  -0,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  2 ** 53,
  '',
  'abc',
  '70',
  'NaN',
  true,
  {},
  [],
  [Number.NaN],
  { value: Number.NaN, unit: 'kg' },
  Object.create(null),
  Symbol('junk'),
  10n,
  () => 1,
  new Date(Number.NaN),
  new Map([['weightKg', 70]]),
  cyclic,
];

/** Field names used by the public functions, so random objects get past the first checks. */
const KEYS = (
  'activityLevel age ageYears alcohol allergens bmrKcal bodyFatPercent carbohydrateG carbs carbsG ' +
  'clinicianOverride code days diet energyKcal equipment every excludeAllergens experience fat fatG ' +
  'fatPercent fiber fiberG foodGroup formula goal grams height heightCm heightIn hipCm hipIn id ' +
  'increment injuries intakeKcal items kcal lactating leanMassKg level load meals mealType mealsPerDay ' +
  'met micronutrients minReps maxReps minutes neckCm neckIn ok oneRepMax pal per100g population ' +
  'pregnant preferences primary profile protein proteinG rate refusal reasons reps repsCompleted rpe ' +
  'schemaVersion secondary secondaryWeight sessions sets sex success targetKcal targetReps targetRpe ' +
  'tdeeKcal type unit value waistCm waistIn week weeks weight weightKg weights'
).split(' ');

/** Vocabulary strings (valid somewhere), so enum checks pass now and then. */
const WORDS = [
  'male',
  'female',
  'lose',
  'maintain',
  'gain',
  'kg/week',
  '%bw/week',
  '%/week',
  'epley',
  'brzycki',
  'kg',
  'lb',
  'cm',
  'in',
  'kcal',
  'kJ',
  'moderate',
  'breakfast',
  'vegan',
  'soy',
  'beginner',
  'knee',
  'bodyweight-only',
  'nearest',
  'up',
  '1.0.0',
  '09003',
  'push-up',
  '02054',
  'chest',
  'quads',
  '<plan>',
];

const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...FIXED_JUNK),
  fc.constantFrom(0.5, 1, 2, 3, 5, 8, 10, 12, 30, 65, 70, 100, 175, 2000),
  fc.double(),
  fc.integer({ min: -5, max: 300 }),
  fc.constantFrom(...WORDS),
  fc.string({ maxLength: 4 }),
);

const { tree: junkTree } = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small' },
    leaf,
    leaf,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('tree'), { maxKeys: 6 }),
  ),
}));

/** Argument lists: up to one more argument than the function declares (defaults hide some). */
const argsFor = (f: AnyFn) => fc.array(junkTree, { maxLength: Math.max(f.length, 1) + 1 });

// ---------------------------------------------------------------------------------------------
// Valid calls (hand-written from each function's @example or its tests)
// ---------------------------------------------------------------------------------------------

const APPLE = { kcal: 52, protein: 0.26, fat: 0.17, carbs: 13.81, fiber: 2.4, sugars: 10.39, alcohol: 0 };
const EGG = { kcal: 143, protein: 12.56, fat: 9.51, carbs: 0.72, fiber: 0, sugars: 0.37, alcohol: 0 };
const ADULT = { ageYears: 30, sex: 'female', weightKg: 65, heightCm: 168, goal: 'lose' };
const MAN = { sex: 'male', ageYears: 30, weightKg: 80, heightCm: 180, activityLevel: 'moderate' };
const BMR = { weightKg: 70, heightCm: 175, ageYears: 30, sex: 'male' };
const fixture = fixturePlan as unknown as { mealPlan: unknown; workoutProgram: unknown };
const BODY = { mealPlan: fixture.mealPlan, workoutProgram: fixture.workoutProgram };
const SESSION = {
  day: 0,
  name: 'A',
  exercises: [{ exerciseId: 'push-up', sets: [{ reps: 10, restSeconds: 90 }] }],
};

// progress (issue 12): a 30-day log with weigh-ins, intake and a rated workout every third day
const HALL_PROFILE = { sex: 'male', ageYears: 40, weightKg: 90, heightCm: 180, pal: 1.5 };
const PROGRESS_ENTRIES = Array.from({ length: 30 }, (_, i) => ({
  date: `2026-01-${String(i + 1).padStart(2, '0')}`,
  weight: { value: 90 - i * 0.05, unit: 'kg' },
  intakeKcal: 2200,
  ...(i % 3 === 0
    ? {
        workouts: [
          {
            durationMinutes: 50,
            sessionRpe: 7,
            exercises: [
              { exerciseId: 'barbell-back-squat', sets: [{ reps: 5, load: { value: 100, unit: 'kg' } }] },
            ],
          },
        ],
      }
    : {}),
}));
const progressDays = () => core.checkProgressLog(PROGRESS_ENTRIES).days;

const VALID: Record<string, () => unknown[]> = {
  amdrStatus: () => [{ proteinG: 100, fatG: 60, carbsG: 265 }, { ageYears: 30 }],
  apportion: () => [10, [1, 1, 1]],
  avoidedAllergens: () => [['gluten', 'peanuts']],
  foodConflicts: () => [
    { id: '16126', tags: { allergens: ['soy'], diets: ['vegan'] } },
    { diet: 'vegan', allergens: ['soy'], dislikedFoodIds: [] },
  ],
  isFoodAllowed: () => [
    { id: '16126', tags: { allergens: ['soy'], diets: ['vegan'] } },
    { diet: 'vegan', allergens: [], dislikedFoodIds: [] },
  ],
  assessSafety: () => [{ ...ADULT, targetKcal: 1400 }],
  bmi: () => [{ weightKg: 70, heightCm: 175 }],
  bmiClass: () => [22],
  byIdLookup: () => [[{ id: 'a' }]],
  calorieTarget: () => [
    { tdeeKcal: 2500, weightKg: 80, goal: 'lose', rate: { value: 0.5, unit: 'kg/week' } },
  ],
  checkEligibility: () => [ADULT],
  cmToIn: () => [175],
  createRng: () => [42],
  cunningham: () => [{ leanMassKg: 60 }],
  dailyTargets: () => [MAN, { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } }],
  driReferences: () => ['female', 30, 'vegan'],
  shoppingList: () => [cleanPlan.mealPlan, context.foods],
  deloadWeek: () => [
    [{ sets: 5, reps: 5, load: 140 }],
    { volumeReduction: 0.5, loadReduction: 0.1, roundTo: 2.5 },
  ],
  deloadWeeks: () => [{ weeks: 12, every: 4 }],
  doubleProgression: () => [
    { load: 20, targetReps: 8, minReps: 8, maxReps: 12, increment: 2 },
    { repsCompleted: 12 },
  ],
  energyFromMacros: () => [{ protein: 10, fat: 10, carbs: 30, fiber: 5 }],
  estimateOneRepMax: () => [100, 5, 'epley'],
  estimateSessionMinutes: () => [SESSION, { exercises: () => undefined }, { warmupMinutes: 5 }],
  fatMassKg: () => [{ weightKg: 80, bodyFatPercent: 20 }],
  ffmi: () => [{ leanMassKg: 65, heightCm: 170 }],
  fiberAdequateIntake: () => [{ ageYears: 30, sex: 'male' }],
  fiberForEnergy: () => [2000],
  harrisBenedict1919: () => [BMR],
  inToCm: () => [70],
  isDeloadWeek: () => [4, 4],
  katchMcArdle: () => [{ leanMassKg: 60 }],
  kcalToKj: () => [2000],
  kgToLb: () => [70],
  kjToKcal: () => [8000],
  lbToKg: () => [150],
  leanMassKg: () => [{ weightKg: 80, bodyFatPercent: 20 }],
  linearProgression: () => [{ load: 100, increment: 2.5, failures: 0 }, { success: true }],
  loadForReps: () => [100, 5, 'epley'],
  loadForRpe: () => [100, 5, 8],
  macroTargets: () => [{ targetKcal: 2000, weightKg: 70, goal: 'maintain' }],
  mealNutrients: () => [[{ per100g: EGG, grams: 100 }]],
  mealSplit: () => [{ energyKcal: 2000, proteinG: 150, fatG: 67, carbsG: 200 }, { meals: 3 }],
  metGrossKcal: () => [{ met: 8, weightKg: 70, minutes: 30 }],
  metMinutes: () => [{ met: 8, minutes: 30 }],
  metNetKcal: () => [{ met: 8, weightKg: 70, minutes: 30 }],
  mifflinStJeor: () => [BMR],
  navyBodyFat: () => [{ sex: 'female', heightCm: 165, neckCm: 34, waistCm: 75, hipCm: 98 }],
  navyBodyFatInches: () => [{ sex: 'male', heightIn: 70, neckIn: 15, waistIn: 34 }],
  normalizedFfmi: () => [{ leanMassKg: 65, heightCm: 170 }],
  oneRepMaxFromRpe: () => [100, 5, 8],
  palFor: () => ['moderate'],
  parseOrThrow: () => [core.Goal, { type: 'maintain' }, 'robustness'],
  percentTable: () => [100, { increment: 2.5 }],
  portionNutrients: () => [APPLE, 182],
  repsAtLoad: () => [100, 80, 'epley'],
  rirToRpe: () => [2],
  roundToIncrement: () => [101, 2.5, 'nearest'],
  rozaShizgal1984: () => [BMR],
  rpePercentOfOneRepMax: () => [5, 8],
  rpeProgression: () => [{ load: 100, targetRpe: 8 }, { rpe: 9 }],
  rpeToRir: () => [8],
  safetyFindings: () => [{ sex: 'female', goal: 'lose', targetKcal: 1199 }],
  schofield: () => [{ weightKg: 70, ageYears: 30, sex: 'male' }],
  schofieldBand: () => [30],
  schofieldMJ: () => [{ weightKg: 70, ageYears: 30, sex: 'male' }],
  severityOf: () => ['ALLERGEN_PRESENT'],
  sumNutrients: () => [[APPLE, EGG]],
  tdee: () => [{ bmrKcal: 1700, pal: 1.55 }],
  thermicEffectOfFood: () => [{ intakeKcal: 2000 }],
  thermicEffectOfMacros: () => [{ proteinG: 150, carbohydrateG: 250, fatG: 70 }],
  toCm: () => [{ value: 70, unit: 'in' }],
  toKcal: () => [{ value: 1000, unit: 'kJ' }],
  toKg: () => [{ value: 150, unit: 'lb' }],
  totalVolumeLoad: () => [[{ sets: 3, reps: 5, load: 100 }]],
  unwrapEligible: () => [{ ok: true, clinicianOverride: null }],
  validateMealPlan: () => [cleanPlan.mealPlan, cleanPlan.request, cleanPlan.targets, context],
  validatePlan: () => [cleanPlan, context],
  validateWorkoutProgram: () => [cleanPlan.workoutProgram, cleanPlan.request, context],
  volumeLoad: () => [{ sets: 3, reps: 10, load: 100 }],
  weeklySetsPerMuscle: () => [
    [{ exercises: [{ sets: 4, primary: ['chest'], secondary: ['triceps'] }] }],
    { secondaryWeight: 0.5 },
  ],
  'foods/filterFoods': () => [{ diet: 'vegan', excludeAllergens: ['soy'], mealType: 'breakfast' }],
  'foods/foodPortion': () => ['09003', 182],
  'foods/foodsForDiet': () => ['vegan'],
  'foods/foodsForMeal': () => ['breakfast'],
  'foods/foodsWithoutAllergens': () => [['soy']],
  'foods/getFood': () => ['09003'],
  'foods/mealFromFoods': () => [[{ id: '09003', grams: 100 }]],
  'exercises/exercisesFor': () => [{ equipment: 'bodyweight-only', injuries: ['knee'], level: 'beginner' }],
  'exercises/getExercise': () => ['push-up'],
  'exercises/sameLift': () => ['barbell-deadlift', 'sumo-deadlift'],
  'exercises/stancesOf': () => ['sumo-deadlift'],
  'met/getMet': () => ['02054'],
  'language/createGrammar': () => [planRequest, { weeks: 2 }],
  'language/formatPlan': () => [BODY],
  'language/formatRequest': () => [cleanPlan.request, cleanPlan.targets],
  'language/languageVocabulary': () => [],
  'language/parsePlan': () => [languageEntry.formatPlan(BODY as never)],
  'language/sessionKindOf': () => ['Upper B'],
  'language/quantizeForLanguage': () => [BODY],
  // progress (issue 12)
  acuteChronicRatio: () => [core.sessionLoads(progressDays()), { method: 'ewma' }],
  adaptiveExpenditure: () => [progressDays(), { sex: 'male', ageYears: 35, heightCm: 180 }],
  checkProgressLog: () => [PROGRESS_ENTRIES],
  e1rmChart: () => [core.e1rmTrend(progressDays(), 'barbell-back-squat')],
  e1rmTrend: () => [progressDays(), 'barbell-back-squat'],
  ewmaTrend: () => [progressDays()],
  personalRecords: () => [progressDays()],
  projectionBand: () => [HALL_PROFILE, 2200, 30, 150],
  projectionChart: () => [core.projectionBand(HALL_PROFILE as never, 2200, 30, 150)],
  projectWeight: () => [HALL_PROFILE, 2200, 30],
  recommendTarget: () => [
    {
      tdeeKcal: 2400,
      profile: { sex: 'male', ageYears: 30, weightKg: 80, heightCm: 180 },
      goal: { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } },
    },
  ],
  sessionLoads: () => [progressDays()],
  timeToGoal: () => [{ profile: HALL_PROFILE, intakeKcal: 2200, goalWeightKg: 88, maxDays: 200 }],
  trendWeight: () => [progressDays()],
  weeklyAdherence: () => [fixturePlan, progressDays()],
  weeklyHardSets: () => [progressDays(), () => ({ primaryMuscles: ['quads'], secondaryMuscles: ['glutes'] })],
  weeklyVolumeChart: () => [
    core.weeklyHardSets(progressDays(), () => ({ primaryMuscles: ['quads'], secondaryMuscles: [] })),
  ],
  weightChangeEnergy: () => [{ fatKg: 25, changeKg: -1 }],
  weightTrendChart: () => [core.trendWeight(progressDays()).points],
};

/** Copy of plain objects and arrays; functions, class instances and schemas kept by reference. */
function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
  }
  return v;
}

/** Every node of an argument list (each argument, each nested field/item), as a key path. */
function nodes(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
  if (at.length) out.push(at);
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) nodes(x, [...at, i], out);
  } else if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) {
    for (const [k, x] of Object.entries(v)) nodes(x, [...at, k], out);
  }
  return out;
}

function replaced(args: unknown[], path: readonly (string | number)[], value: unknown): unknown[] {
  const copy = clone(args) as unknown[];
  let parent = copy as unknown as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = value;
  return copy;
}

/** Junk for a replaced node: a junk tree, or a lookup-like function that answers junk. */
const replacement = fc.oneof(
  { weight: 4, arbitrary: junkTree },
  { weight: 1, arbitrary: junkTree.map((j) => () => j) },
);

// ---------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------

// Modest by default to keep the file fast; ROBUSTNESS_RUNS=2000 for a deeper local search.
const RUNS = Number(process.env['ROBUSTNESS_RUNS'] ?? 40);
/** Functions under the throw-or-finite contract (predicates left out). */
const generic = [...SURFACE].filter(([name]) => !PREDICATES.has(name));

describe('the enumerated surface', () => {
  it('finds the exported functions of every entry point', () => {
    // A broken import would otherwise make every property below pass vacuously.
    expect(SURFACE.size).toBeGreaterThanOrEqual(90);
    for (const name of [
      'mifflinStJeor',
      'dailyTargets',
      'foods/getFood',
      'exercises/getExercise',
      'met/getMet',
    ]) {
      expect(SURFACE.has(name), name).toBe(true);
    }
    expect(SURFACE.has('language/parsePlan')).toBe(true);
    // Classes and zod schemas are not in it.
    expect(SURFACE.has('NexFitraError')).toBe(false);
    expect(SURFACE.has('Profile')).toBe(false);
  });

  it('has a valid call for every function, and each one returns finite values', () => {
    const missing = [...SURFACE.keys()].filter((n) => !PREDICATES.has(n) && !VALID[n]);
    expect(missing).toEqual([]);
    for (const [name, make] of Object.entries(VALID)) {
      const f = SURFACE.get(name);
      expect(f, `${name} is not exported`).toBeDefined();
      let result: unknown;
      expect(() => {
        result = f!(...make());
      }, name).not.toThrow();
      expect(nonFinite(result), name).toBeNull();
    }
  });

  it('catalogues hold finite numbers only', () => {
    for (const rows of [foodsEntry.FOODS, exercisesEntry.EXERCISES, metEntry.MET_VALUES]) {
      expect(nonFinite(rows)).toBeNull();
      CLEAN.add(rows);
      for (const r of rows) CLEAN.add(r);
    }
  });
});

describe('predicates answer a boolean for anything', () => {
  for (const name of PREDICATES) {
    it(name, () => {
      const f = SURFACE.get(name)!;
      expect(f).toBeDefined();
      for (const j of FIXED_JUNK) expect(typeof f(j)).toBe('boolean');
    });
  }
});

describe('fixed junk in every argument position: finite result or NexFitraError', () => {
  for (const [name, f] of generic) {
    it(name, () => {
      const arity = Math.max(f.length, 1) + 1;
      const valid = VALID[name]?.() ?? [];
      for (const j of FIXED_JUNK) {
        const calls: unknown[][] = [[j], Array(arity).fill(j)];
        // Junk in position i with the other arguments valid.
        for (let i = 0; i < arity; i++) {
          const args = [...valid];
          args[i] = j;
          calls.push(args);
        }
        for (const args of calls) expectContract(name, f, args);
      }
    });
  }
});

describe('random junk trees: finite result or NexFitraError', () => {
  for (const [name, f] of generic) {
    it(name, () => {
      fc.assert(
        fc.property(argsFor(f), (args) => {
          expect(violation(name, f, args)).toBeNull();
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe('a valid call with one node replaced by junk: finite result or NexFitraError', () => {
  for (const [name, f] of generic) {
    const make = VALID[name];
    if (!make || make().length === 0) continue;
    it(name, () => {
      const valid = make();
      const paths = nodes(valid);
      fc.assert(
        fc.property(fc.constantFrom(...paths), replacement, (path, junk) => {
          const args = replaced(valid, path, junk);
          const v = violation(name, f, args);
          if (v) expect.fail(`${name} with ${path.join('.')} = ${show(junk)}: ${v}`);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe('methods of returned objects', () => {
  for (const [name, make] of Object.entries(RETURNED)) {
    it(name, () => {
      for (const j of FIXED_JUNK) {
        expectContract(name, make(), [j]);
        expectContract(name, make(), [j, j]);
      }
      fc.assert(
        fc.property(fc.array(junkTree, { maxLength: 3 }), (args) => {
          expect(violation(name, make(), args)).toBeNull();
        }),
        { numRuns: RUNS },
      );
    });
  }
});

/** Right types, extreme sizes: a product or a sum that would overflow must throw instead. */
const EXTREME: [string, unknown[]][] = [
  ['portionNutrients', [{ ...APPLE, kcal: 1e308 }, 200]],
  ['portionNutrients', [{ ...APPLE, micronutrients: { sodium_mg: 1e308 } }, 1000]],
  [
    'sumNutrients',
    [
      [
        { ...EGG, fat: 1e308 },
        { ...EGG, fat: 1e308 },
      ],
    ],
  ],
  ['mealNutrients', [[{ per100g: EGG, grams: 1e308 }]]],
  ['foods/foodPortion', ['09003', 1e308]],
  [
    'foods/mealFromFoods',
    [
      [
        { id: '09003', grams: 1e308 },
        { id: '09003', grams: 1e308 },
      ],
    ],
  ],
  ['energyFromMacros', [{ protein: 1e308, fat: 1e308, carbs: 1e308, fiber: 0 }]],
  ['thermicEffectOfMacros', [{ proteinG: 1e308, carbohydrateG: 1e308, fatG: 1e308 }]],
  ['totalVolumeLoad', [Array.from({ length: 50 }, () => ({ sets: 100, reps: 1000, load: 2000 }))]],
  ['apportion', [Number.MAX_SAFE_INTEGER, [1e308, 1e308]]],
  ['apportion', [10, [1, 1e308]]],
  ['apportion', [10, [1e308, 1e308]]],
  ['percentTable', [2000, { increment: Number.MIN_VALUE }]],
  ['kgToLb', [1e308]],
  ['inToCm', [1e308]],
  ['kcalToKj', [1e308]],
  ['toCm', [{ value: 1e308, unit: 'in' }]],
  ['roundToIncrement', [153, 5e-323]],
  ['deloadWeek', [[{ sets: 5, reps: 5, load: 140 }], { loadReduction: 0.1, roundTo: Number.MIN_VALUE }]],
];

describe('extreme magnitudes: finite result or NexFitraError', () => {
  for (const [name, args] of EXTREME) {
    it(`${name}(${show(args).slice(1, 60)}…)`, () => {
      const f = SURFACE.get(name);
      expect(f, name).toBeDefined();
      expectContract(name, f!, args);
    });
  }
});

/**
 * Inputs that used to overflow, hang or throw the wrong thing (each was an `it.fails` here until
 * its source was fixed): [function, args, code, path]. The error must come from the function
 * called, name the field, and come at once (two of them used to loop forever: above 2^53 the
 * remainder loop of `apportion` did `left--` on a number where left − 1 === left).
 */
const FORMER_FAILURES: [string, unknown[], string, (string | number)[]][] = [
  // Plain converters accept |x| ≤ 1e12; 1e308 × 2.54 was Infinity.
  ['kgToLb', [1e308], 'OUT_OF_RANGE', ['kg']],
  ['inToCm', [1e308], 'OUT_OF_RANGE', ['in']],
  ['kcalToKj', [1e308], 'OUT_OF_RANGE', ['kcal']],
  ['kgToLb', [-1e13], 'OUT_OF_RANGE', ['kg']],
  ['toCm', [{ value: 1e308, unit: 'in' }], 'OUT_OF_RANGE', ['length', 'value']],
  // A field argument that is not a string was blamed on the checkEnum helper.
  ['toKg', [{ value: 1, unit: 'kg' }, {}], 'INVALID_TYPE', ['field']],
  ['toCm', [{ value: 1, unit: 'cm' }, 7], 'INVALID_TYPE', ['field']],
  ['toKcal', [{ value: 1, unit: 'kcal' }, ['energy']], 'INVALID_TYPE', ['field']],
  // Increments are ≥ 0.01; 153 / 5e-323 overflowed to Infinity.
  ['roundToIncrement', [153, 5e-323], 'OUT_OF_RANGE', ['increment']],
  ['roundToIncrement', [153, 0.009], 'OUT_OF_RANGE', ['increment']],
  ['percentTable', [2000, { increment: 5e-324 }], 'OUT_OF_RANGE', ['options', 'increment']],
  [
    'deloadWeek',
    [[{ sets: 5, reps: 5, load: 140 }], { loadReduction: 0.1, roundTo: 5e-324 }],
    'OUT_OF_RANGE',
    ['options', 'roundTo'],
  ],
  [
    'linearProgression',
    [{ load: 100, increment: 5e-324, failures: 0 }, { success: true }],
    'OUT_OF_RANGE',
    ['state', 'increment'],
  ],
  // Weights are in (0, 1e12]: [1, 1e308] gave [0, Infinity] and [1e308, 1e308] NaN.
  ['apportion', [10, [1, 1e308]], 'OUT_OF_RANGE', ['weights', 1]],
  ['apportion', [10, [1e308, 1e308]], 'OUT_OF_RANGE', ['weights', 0]],
  // Totals are integers ≤ 1e7; these two never returned.
  ['apportion', [4.694417335676189e117, [1, 1, 1]], 'OUT_OF_RANGE', ['total']],
  ['apportion', [2 ** 53 + 2, [1, 1, 1]], 'OUT_OF_RANGE', ['total']],
  [
    'mealSplit',
    [{ energyKcal: 4.694417335676189e117, proteinG: 1, fatG: 1, carbsG: 1 }, { meals: 3 }],
    'OUT_OF_RANGE',
    ['day', 'energyKcal'],
  ],
  [
    'mealSplit',
    [{ energyKcal: 2000, proteinG: 1e7 + 1, fatG: 1, carbsG: 1 }],
    'OUT_OF_RANGE',
    ['day', 'proteinG'],
  ],
  // Read `.ok` of undefined (a TypeError).
  ['unwrapEligible', [undefined], 'INVALID_TYPE', ['eligibility']],
  ['unwrapEligible', [{ ok: false }], 'INVALID_TYPE', ['eligibility', 'refusal']],
  ['unwrapEligible', [{ ok: 'yes' }], 'INVALID_TYPE', ['eligibility', 'ok']],
];

describe('former failures: the function called throws a typed error naming the field', () => {
  for (const [name, args, code, path] of FORMER_FAILURES) {
    it(`${name}(${show(args).slice(1, 70)})`, () => {
      const f = SURFACE.get(name);
      expect(f, name).toBeDefined();
      let caught: unknown;
      try {
        f!(...args);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(NexFitraError);
      expect(caught).toMatchObject({ code, fn: name, path });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Valid shape, value out of range: OUT_OF_RANGE naming the field
// ---------------------------------------------------------------------------------------------

/** [function, args, expected path, the offending value]: right type, outside what is allowed. */
const OUT_OF_RANGE: [string, unknown[], (string | number)[], number][] = [
  ['mifflinStJeor', [{ ...BMR, ageYears: 200 }], ['ageYears'], 200],
  ['mifflinStJeor', [{ ...BMR, heightCm: 20 }], ['heightCm'], 20],
  ['mifflinStJeor', [{ ...BMR, weightKg: 0 }], ['weightKg'], 0],
  ['harrisBenedict1919', [{ ...BMR, ageYears: 200 }], ['ageYears'], 200],
  ['harrisBenedict1919', [{ ...BMR, heightCm: 20 }], ['heightCm'], 20],
  ['rozaShizgal1984', [{ ...BMR, weightKg: 0 }], ['weightKg'], 0],
  ['rozaShizgal1984', [{ ...BMR, heightCm: 20 }], ['heightCm'], 20],
  ['schofield', [{ weightKg: 70, ageYears: 200, sex: 'male' }], ['ageYears'], 200],
  ['schofield', [{ weightKg: 0, ageYears: 30, sex: 'male' }], ['weightKg'], 0],
  ['schofieldMJ', [{ weightKg: 70, ageYears: 200, sex: 'female' }], ['ageYears'], 200],
  ['schofieldBand', [200], ['ageYears'], 200],
  ['katchMcArdle', [{ leanMassKg: 0 }], ['leanMassKg'], 0],
  ['cunningham', [{ leanMassKg: 0 }], ['leanMassKg'], 0],
  ['bmi', [{ weightKg: 70, heightCm: 20 }], ['heightCm'], 20],
  ['bmi', [{ weightKg: 0, heightCm: 175 }], ['weightKg'], 0],
  ['leanMassKg', [{ weightKg: 80, bodyFatPercent: 90 }], ['bodyFatPercent'], 90],
  ['fatMassKg', [{ weightKg: 80, bodyFatPercent: 90 }], ['bodyFatPercent'], 90],
  ['fatMassKg', [{ weightKg: 0, bodyFatPercent: 20 }], ['weightKg'], 0],
  ['ffmi', [{ leanMassKg: 65, heightCm: 20 }], ['heightCm'], 20],
  ['navyBodyFat', [{ sex: 'male', heightCm: 20, neckCm: 40, waistCm: 86 }], ['heightCm'], 20],
  ['navyBodyFatInches', [{ sex: 'male', heightIn: 8, neckIn: 15, waistIn: 34 }], ['heightIn'], 8],
  ['metGrossKcal', [{ met: 8, weightKg: 0, minutes: 30 }], ['weightKg'], 0],
  ['estimateOneRepMax', [100, 0, 'epley'], ['reps'], 0],
  ['estimateOneRepMax', [0, 5, 'epley'], ['load'], 0],
  ['loadForReps', [100, 0, 'epley'], ['reps'], 0],
  ['loadForRpe', [100, 0, 8], ['reps'], 0],
  ['oneRepMaxFromRpe', [100, 0, 8], ['reps'], 0],
  ['rpePercentOfOneRepMax', [0, 8], ['reps'], 0],
  ['rpeToRir', [11], ['rpe'], 11],
  // reps 0 is a valid (missed) set for volume load; a negative count is not.
  ['volumeLoad', [{ sets: 3, reps: -1, load: 100 }], ['reps'], -1],
  ['calorieTarget', [{ tdeeKcal: 2500, weightKg: 0, goal: 'maintain' }], ['weightKg'], 0],
  ['macroTargets', [{ targetKcal: 2000, weightKg: 0, goal: 'maintain' }], ['weightKg'], 0],
  ['checkEligibility', [{ ...ADULT, ageYears: 200 }], ['ageYears'], 200],
  ['checkEligibility', [{ ...ADULT, heightCm: 20 }], ['heightCm'], 20],
  ['fiberAdequateIntake', [{ ageYears: 200, sex: 'male' }], ['ageYears'], 200],
  ['dailyTargets', [{ ...MAN, ageYears: 200 }, { type: 'maintain' }], ['profile', 'ageYears'], 200],
  ['dailyTargets', [{ ...MAN, heightCm: 20 }, { type: 'maintain' }], ['profile', 'heightCm'], 20],
  ['dailyTargets', [{ ...MAN, weightKg: 0 }, { type: 'maintain' }], ['profile', 'weightKg'], 0],
  ['dailyTargets', [{ ...MAN, bodyFatPercent: 90 }, { type: 'maintain' }], ['profile', 'bodyFatPercent'], 90],
  ['foods/foodPortion', ['09003', -1], ['grams'], -1],
  // assessSafety validates through the eligibility check but names itself.
  ['assessSafety', [{ ...ADULT, ageYears: 200, targetKcal: 1400 }], ['ageYears'], 200],
  ['assessSafety', [{ ...ADULT, targetKcal: -1 }], ['targetKcal'], -1],
];

function expectOutOfRange(name: string, args: unknown[], path: (string | number)[], value: number): void {
  const f = SURFACE.get(name);
  expect(f, name).toBeDefined();
  let caught: unknown;
  try {
    f!(...args);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(NexFitraError);
  expect(caught).toMatchObject({ code: 'OUT_OF_RANGE', fn: name.replace(/^.*\//, ''), path, value });
}

describe('valid shape, out-of-range value: OUT_OF_RANGE naming the field', () => {
  for (const [name, args, path, value] of OUT_OF_RANGE) {
    it(`${name} ${path.join('.')} = ${value}`, () => {
      expectOutOfRange(name, args, path, value);
    });
  }
});
