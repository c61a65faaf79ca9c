/**
 * Seeded generator of valid plan requests: the population the planners are tested and
 * benchmarked on. Every request parses with core's `PlanRequest` schema and is eligible under
 * the targets safety policy (adult, not pregnant or lactating, no weight loss when underweight),
 * and its goal rate is safe: the calorie target stays at or above the sex floor and BMR and the
 * planned loss is at most 1 % of body weight a week.
 */
import {
  createRng,
  dailyTargets,
  EQUIPMENT_SETS,
  type GoalT,
  NexFitraError,
  PlanRequest,
  type PlanRequestT,
  type ProfileT,
  parseOrThrow,
  type Rng,
  SCHEMA_VERSION,
  type SexT,
  toCm,
  toKg,
} from '@nexfitra/core';
import { exercisesFor } from '@nexfitra/core/exercises';
import { checkNumber, checkObject } from '@nexfitra/core/internal';
import { normal, round1, truncatedNormal, weighted, weightedDistinct } from './_draw';
import {
  ACTIVITY,
  AGE_BANDS,
  ALLERGEN_COUNT,
  ALLERGEN_WEIGHTS,
  BMI,
  CUISINES,
  DIETS,
  DISLIKE_COUNT,
  EQUIPMENT_SET_WEIGHTS,
  EXPERIENCE,
  HEIGHT_CM,
  INJURY_COUNT,
  INJURY_WEIGHTS,
  MEALS_PER_DAY,
  SESSION_MINUTES,
  TRAINING_DAYS,
} from './_tables';

const FN = 'generateRequests';

export interface GenerateRequestsOptions {
  /** Days of meals per request, 1–31; default 7. */
  readonly days?: number;
  /**
   * Food ids disliked foods are drawn from (0–3 per request). Default none: pass the catalogue's
   * ids (e.g. `FOODS.map((f) => f.id)`) for realistic dislikes.
   */
  readonly foodIds?: readonly string[];
  /** Share of requests with imperial units (lb, in), 0–1; default 0.25. */
  readonly imperialShare?: number;
  /**
   * Share of UNSAFE requests, 0–1; default 0. They are valid documents the safety policy must
   * answer without a plan under the floor: aggressive loss rates (1–2 kg or %bw a week), loss at
   * BMI < 18.5, bodies at the edges (BMI 40–60, age 75–95, 145 cm), small sedentary older women
   * asking to lose, minors, pregnancy and lactation. See {@link UNSAFE_KINDS}.
   */
  readonly unsafeShare?: number;
  /**
   * Share of requests, 0–1, naming 1–3 preferred exercises (`preferredExerciseIds`), drawn
   * uniformly from those the person can do (core `exercisesFor`: equipment, injuries, level);
   * default 0. Drawn after every other field, so a request's other fields are the same whatever
   * the share. Teacher data needs some: a model learns to honour the prompt's `prefer` words only
   * from plans that did.
   */
  readonly preferenceShare?: number;
}

/** The kinds of unsafe request `unsafeShare` draws, with their weights (equal). */
export const UNSAFE_KINDS = [
  'aggressive-rate',
  'underweight-loss',
  'extreme-body',
  'small-older-woman',
  'minor',
  'pregnant-or-lactating',
] as const;
export type UnsafeKind = (typeof UNSAFE_KINDS)[number];

function metric(
  age: number,
  sex: SexT,
  kg: number,
  cm: number,
  activityLevel: ProfileT['activityLevel'],
): ProfileT {
  return {
    age,
    sex,
    weight: { value: round1(kg), unit: 'kg' },
    height: { value: round1(cm), unit: 'cm' },
    activityLevel,
  };
}

/** One unsafe profile and goal, as the policy's hard cases (see `unsafeShare`). */
function drawUnsafe(rng: Rng): { profile: ProfileT; goal: GoalT } {
  const kind = UNSAFE_KINDS[rng.int(0, UNSAFE_KINDS.length - 1)] as UnsafeKind;
  const sex: SexT = rng.next() < 0.5 ? 'male' : 'female';
  const cm = HEIGHT_CM[sex].mean + normal(rng, 0, HEIGHT_CM[sex].sd);
  const act = weighted(rng, ACTIVITY);
  const fast = (): GoalT =>
    rng.next() < 0.5
      ? { type: 'lose', rate: { value: Math.round((1 + rng.next()) * 20) / 20, unit: 'kg/week' } }
      : { type: 'lose', rate: { value: Math.round((1.25 + 0.75 * rng.next()) * 20) / 20, unit: '%bw/week' } };
  const bmiKg = (bmi: number, h: number) => bmi * (h / 100) ** 2;
  switch (kind) {
    case 'aggressive-rate':
      return {
        profile: metric(rng.int(18, 70), sex, bmiKg(20 + 15 * rng.next(), cm), cm, act),
        goal: fast(),
      };
    case 'underweight-loss':
      return {
        profile: metric(rng.int(18, 60), sex, bmiKg(15 + 3.4 * rng.next(), cm), cm, act),
        goal: { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } },
      };
    case 'extreme-body': {
      const h = rng.next() < 0.5 ? 145 + 5 * rng.next() : cm;
      return {
        profile: metric(rng.int(75, 95), sex, bmiKg(40 + 20 * rng.next(), h), h, 'sedentary'),
        goal: rng.next() < 0.5 ? fast() : { type: 'maintain' },
      };
    }
    case 'small-older-woman':
      return {
        profile: metric(rng.int(65, 90), 'female', bmiKg(19 + 3 * rng.next(), 150), 150, 'sedentary'),
        goal: { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } },
      };
    case 'minor':
      return {
        profile: metric(rng.int(14, 17), sex, bmiKg(19 + 6 * rng.next(), cm - 5), cm - 5, act),
        goal: rng.next() < 0.5 ? fast() : { type: 'maintain' },
      };
    case 'pregnant-or-lactating': {
      const flag = rng.next() < 0.5 ? { pregnant: true } : { lactating: true };
      const h = HEIGHT_CM.female.mean;
      return {
        profile: { ...metric(rng.int(22, 40), 'female', bmiKg(22 + 8 * rng.next(), h), h, act), ...flag },
        goal:
          rng.next() < 0.5 ? { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } } : { type: 'maintain' },
      };
    }
  }
}

function drawProfile(rng: Rng, imperialShare: number): ProfileT {
  const sex: SexT = rng.next() < 0.5 ? 'male' : 'female';
  const [lo, hi] = weighted(
    rng,
    AGE_BANDS.map(([band, w]) => [`${band[0]}-${band[1]}`, w] as const),
  )
    .split('-')
    .map(Number) as [number, number];
  const age = rng.int(lo, hi);
  const h = HEIGHT_CM[sex];
  const heightCm = round1(truncatedNormal(rng, h.mean, h.sd, h.mean - 3 * h.sd, h.mean + 3 * h.sd));
  let bmi = 0;
  do bmi = BMI.median * Math.exp(normal(rng, 0, BMI.logSd));
  while (bmi < BMI.min + 0.2 || bmi > BMI.max);
  const weightKg = round1(bmi * (heightCm / 100) ** 2);
  const imperial = rng.next() < imperialShare;
  const profile: ProfileT = {
    age,
    sex,
    weight: imperial ? { value: round1(weightKg / 0.45359237), unit: 'lb' } : { value: weightKg, unit: 'kg' },
    height: imperial ? { value: round1(heightCm / 2.54), unit: 'in' } : { value: heightCm, unit: 'cm' },
    activityLevel: weighted(rng, ACTIVITY),
  };
  if (rng.next() < 0.2) {
    // Deurenberg P, Weststrate JA, Seidell JC. Body mass index as a measure of body fatness:
    // age- and sex-specific prediction formulas. Br J Nutr 1991;65:105–114:
    // BF% = 1.2·BMI + 0.23·age − 10.8·sex − 5.4 (sex = 1 for men), with its ~4 % SEE as noise.
    const bf = 1.2 * bmi + 0.23 * age - 10.8 * (sex === 'male' ? 1 : 0) - 5.4;
    return {
      ...profile,
      bodyFatPercent: round1(truncatedNormal(rng, bf, 4, Math.max(5, bf - 8), Math.min(55, bf + 8))),
    };
  }
  return profile;
}

/** A goal by BMI band: mostly loss above 25, mostly maintain or gain below. */
function drawGoal(rng: Rng, bmi: number): GoalT {
  const type =
    bmi >= 30
      ? weighted(rng, [
          ['lose', 80],
          ['maintain', 20],
        ] as const)
      : bmi >= 25
        ? weighted(rng, [
            ['lose', 65],
            ['maintain', 25],
            ['gain', 10],
          ] as const)
        : weighted(rng, [
            ['lose', 20],
            ['maintain', 45],
            ['gain', 35],
          ] as const);
  if (type === 'maintain') return { type };
  const percent = rng.next() < 0.5;
  // Rates in 0.05 steps: loss 0.25–1.0 %bw or 0.25–0.75 kg a week; gain 0.1–0.5 %bw or 0.1–0.35 kg.
  const step = (min: number, max: number) => Math.round((min + rng.next() * (max - min)) * 20) / 20;
  const value =
    type === 'lose'
      ? percent
        ? step(0.25, 1)
        : step(0.25, 0.75)
      : percent
        ? step(0.1, 0.5)
        : step(0.1, 0.35);
  return { type, rate: { value, unit: percent ? '%bw/week' : 'kg/week' } };
}

// With the floor policy an unsafe rate comes back raised (TARGET_RAISED_FOR_SAFETY) rather than
// under the floor; the safe population asks only for what it will be planned.
const UNSAFE = new Set([
  'BELOW_CALORIE_FLOOR',
  'BELOW_BMR',
  'LOSS_RATE_ABOVE_MAX',
  'TARGET_RAISED_FOR_SAFETY',
]);

/**
 * Lowers the rate until the targets are safe: no calorie floor, BMR or loss-rate finding. Each
 * try halves the rate (rounded down to 0.05); after three tries the goal becomes `maintain`.
 * Returns `undefined` when even maintenance is under the calorie floor (a small, sedentary,
 * older person): such a profile is redrawn, since no plan may go under the floor unsupervised.
 */
function safeGoal(profile: ProfileT, goal: GoalT): GoalT | undefined {
  const tp = {
    sex: profile.sex,
    ageYears: profile.age,
    weightKg: toKg(profile.weight),
    heightCm: toCm(profile.height),
    activityLevel: profile.activityLevel,
    ...(profile.bodyFatPercent !== undefined ? { bodyFatPercent: profile.bodyFatPercent } : {}),
  };
  let g = goal;
  for (let i = 0; i < 5; i++) {
    const t = dailyTargets(tp, g.rate === undefined ? { type: g.type } : { type: g.type, rate: g.rate });
    if (t.ok && t.findings.every((f) => !UNSAFE.has(f.code))) return g;
    if (g.rate === undefined) return undefined;
    const half = Math.floor((g.rate.value / 2) * 20) / 20;
    g = half > 0 && i < 3 ? { ...g, rate: { ...g.rate, value: half } } : { type: 'maintain' };
  }
  return undefined;
}

function drawRequest(
  rng: Rng,
  days: number,
  foodIds: readonly string[],
  imperialShare: number,
  unsafeShare: number,
  preferenceShare: number,
): PlanRequestT {
  let profile: ProfileT;
  let goal: GoalT | undefined;
  if (unsafeShare > 0 && rng.next() < unsafeShare) {
    ({ profile, goal } = drawUnsafe(rng));
  } else {
    do {
      profile = drawProfile(rng, imperialShare);
      const bmi = toKg(profile.weight) / (toCm(profile.height) / 100) ** 2;
      goal = safeGoal(profile, drawGoal(rng, bmi));
    } while (goal === undefined);
  }
  const allergens = weightedDistinct(rng, ALLERGEN_WEIGHTS, weighted(rng, ALLERGEN_COUNT));
  const dislikes = foodIds.length ? rng.shuffle(foodIds).slice(0, weighted(rng, DISLIKE_COUNT)) : [];
  const injuries = weightedDistinct(rng, INJURY_WEIGHTS, weighted(rng, INJURY_COUNT));
  const cuisines = rng.shuffle(CUISINES).slice(0, rng.int(0, 2));
  const request = {
    schemaVersion: SCHEMA_VERSION,
    profile,
    goal,
    preferences: {
      diet: weighted(rng, DIETS),
      allergens,
      dislikedFoodIds: dislikes,
      cuisines,
      mealsPerDay: weighted(rng, MEALS_PER_DAY),
      trainingDaysPerWeek: weighted(rng, TRAINING_DAYS),
      sessionMinutes: weighted(rng, SESSION_MINUTES),
      equipment: [...EQUIPMENT_SETS[weighted(rng, EQUIPMENT_SET_WEIGHTS)]],
      injuries,
      experience: weighted(rng, EXPERIENCE),
      preferredExerciseIds: [],
      excludedExerciseIds: [],
    },
    days,
    seed: Math.floor(rng.next() * 2 ** 32),
  } satisfies PlanRequestT;
  if (preferenceShare > 0 && rng.next() < preferenceShare) {
    const p = request.preferences;
    const doable = exercisesFor({ equipment: p.equipment, injuries: p.injuries, level: p.experience });
    const ids = rng.shuffle(doable.map((e) => e.id)).slice(0, rng.int(1, 3));
    return { ...request, preferences: { ...p, preferredExerciseIds: ids } };
  }
  return request;
}

/** A share option (0–1), or a typed error naming it. */
function share(field: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: ['options', field],
      value,
      allowed: 'a number in [0, 1]',
    });
  }
  return value;
}

/**
 * `n` valid, eligible plan requests drawn from a seeded population (distributions and their
 * sources in `_tables.ts`): age 18–75, sex, height by sex, BMI 18.5–40, activity, a goal by BMI
 * band with a safe rate, diet (omnivore majority; vegetarian, pescatarian, vegan, keto), 0–3
 * allergens weighted by prevalence, 0–3 disliked foods, 2–6 meals and 1–7 training days, an
 * equipment set, 0–2 injuries and an experience level. A quarter use lb/in.
 *
 * Request `i` depends only on `seed` and `i` (each has its own forked stream), so
 * `generateRequests(10, s)` is the first ten of `generateRequests(1000, s)`.
 *
 * @param n how many, 0–100 000
 * @param seed uint32
 * @throws {NexFitraError} for an `n`, `seed` or option out of range
 * @example generateRequests(3, 42).length // 3, each passing PlanRequest.parse
 */
export function generateRequests(
  n: number,
  seed: number,
  options: GenerateRequestsOptions = {},
): PlanRequestT[] {
  checkNumber(FN, 'n', n, { min: 0, max: 100_000, integer: true });
  checkNumber(FN, 'seed', seed, { min: 0, max: 2 ** 32 - 1, integer: true });
  checkObject(FN, 'options', options);
  const days = checkNumber(FN, ['options', 'days'], options.days ?? 7, { min: 1, max: 31, integer: true });
  const foodIds = options.foodIds ?? [];
  const imperialShare = share('imperialShare', options.imperialShare ?? 0.25);
  const unsafeShare = share('unsafeShare', options.unsafeShare ?? 0);
  const preferenceShare = share('preferenceShare', options.preferenceShare ?? 0);
  const master = createRng(seed);
  const out: PlanRequestT[] = [];
  for (let i = 0; i < n; i++) {
    // Validate each one: a generator bug must surface here, not as a planner failure later.
    out.push(
      parseOrThrow(
        PlanRequest,
        drawRequest(master.fork(), days, foodIds, imperialShare, unsafeShare, preferenceShare),
        FN,
      ),
    );
  }
  return out;
}
