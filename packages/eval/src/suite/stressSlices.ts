/**
 * The hand-set stress slices of the shipped suites. Each slice rewrites a request drawn by the
 * planner's `generateRequests` so that one hard case dominates (a strict diet, many allergies,
 * injuries, an extreme but valid body, an aggressive goal, 1–2 or 6–7 training days, minimal
 * equipment, short sessions, strong preferences); everything else keeps the generator's
 * distribution. Seeded: the same seed gives the same rows.
 */
import {
  type AllergenT,
  EQUIPMENT_SETS,
  type InjurySiteT,
  type PlanRequestT,
  type Rng,
} from '@nexfitra/core';
import { CUISINES } from '@nexfitra/core/dishes';
import { EXERCISES } from '@nexfitra/core/exercises';

type Rewrite = (base: PlanRequestT, rng: Rng) => PlanRequestT;

const prefs = (r: PlanRequestT, p: Partial<PlanRequestT['preferences']>): PlanRequestT => ({
  ...r,
  preferences: { ...r.preferences, ...p },
});

const pickN = <T>(rng: Rng, xs: readonly T[], n: number): T[] => rng.shuffle(xs).slice(0, n);

const MANY_ALLERGENS: readonly AllergenT[] = [
  'milk',
  'eggs',
  'peanuts',
  'tree-nuts',
  'soy',
  'wheat',
  'gluten',
  'fish',
  'crustaceans',
  'sesame',
];
const INJURIES: readonly InjurySiteT[] = ['knee', 'lower-back', 'shoulder', 'wrist', 'elbow', 'hip', 'ankle'];

/** Extreme but valid adult bodies: [sex, age, kg, cm, activity, goal]. */
const BODIES = [
  ['female', 19, 45, 150, 'sedentary', 'maintain'],
  ['female', 74, 52, 152, 'sedentary', 'maintain'],
  ['male', 22, 58, 190, 'very-active', 'gain'],
  ['male', 45, 160, 198, 'light', 'lose'],
  ['female', 38, 125, 165, 'sedentary', 'lose'],
  ['male', 70, 95, 170, 'sedentary', 'lose'],
  ['male', 28, 110, 185, 'very-active', 'maintain'],
  ['female', 30, 50, 178, 'active', 'gain'],
] as const;

/** The slices in build order; each maps a generated request to its stress version. */
export const STRESS_SLICES: Readonly<Record<string, Rewrite>> = {
  /** Vegan or keto, often with an allergen that removes a staple (soy for vegans, milk/eggs for keto). */
  'hard-diets': (r, rng) => {
    const diet = rng.next() < 0.5 ? 'vegan' : 'keto';
    const extra: AllergenT[] =
      diet === 'vegan'
        ? pickN(rng, ['soy', 'tree-nuts', 'gluten', 'peanuts'], rng.int(0, 2))
        : pickN(rng, ['milk', 'eggs', 'tree-nuts', 'fish'], rng.int(0, 2));
    return prefs(r, { diet, allergens: extra });
  },
  /** Four to six allergens from the common ones. */
  'many-allergies': (r, rng) => prefs(r, { allergens: pickN(rng, MANY_ALLERGENS, rng.int(4, 6)) }),
  /** Two or three injury sites. */
  injuries: (r, rng) => prefs(r, { injuries: pickN(rng, INJURIES, rng.int(2, 3)) }),
  /** A body from {@link BODIES} (small, tall, heavy, old), metric units. */
  'extreme-bodies': (r, rng) => {
    const [sex, age, kg, cm, activityLevel, type] = BODIES[
      rng.int(0, BODIES.length - 1)
    ] as (typeof BODIES)[number];
    const goal =
      type === 'maintain'
        ? { type }
        : type === 'lose'
          ? { type, rate: { value: 0.5, unit: '%bw/week' as const } }
          : { type, rate: { value: 0.25, unit: 'kg/week' as const } };
    return {
      ...r,
      profile: {
        age,
        sex,
        weight: { value: kg, unit: 'kg' },
        height: { value: cm, unit: 'cm' },
        activityLevel,
      },
      goal,
    };
  },
  /** Loss of 1–1.5 kg or 1–2 %bw a week, or gain of 0.5–1 kg a week: schema-valid, often unsafe as asked. */
  'aggressive-goals': (r, rng) => {
    const u = rng.next();
    const goal =
      u < 0.4
        ? {
            type: 'lose' as const,
            rate: { value: [1, 1.25, 1.5][rng.int(0, 2)] as number, unit: 'kg/week' as const },
          }
        : u < 0.75
          ? {
              type: 'lose' as const,
              rate: { value: [1, 1.5, 2][rng.int(0, 2)] as number, unit: '%bw/week' as const },
            }
          : {
              type: 'gain' as const,
              rate: { value: [0.5, 0.75, 1][rng.int(0, 2)] as number, unit: 'kg/week' as const },
            };
    return { ...r, goal };
  },
  /** One or two training days a week. */
  'few-training-days': (r, rng) => prefs(r, { trainingDaysPerWeek: rng.int(1, 2) }),
  /** Six or seven training days a week. */
  'many-training-days': (r, rng) => prefs(r, { trainingDaysPerWeek: rng.int(6, 7) }),
  /** Bodyweight only or home bands. */
  'minimal-equipment': (r, rng) =>
    prefs(r, { equipment: [...EQUIPMENT_SETS[rng.next() < 0.5 ? 'bodyweight-only' : 'home-bands']] }),
  /** Sessions of 15–30 minutes. */
  'short-sessions': (r, rng) => prefs(r, { sessionMinutes: [15, 20, 25, 30][rng.int(0, 3)] as number }),
  /** One or two cuisines of the dish catalogue and two or three preferred exercises the person can do. */
  preferences: (r, rng) => {
    const p = r.preferences;
    const doable = EXERCISES.filter(
      (e) =>
        e.equipment.every((q) => p.equipment.includes(q)) &&
        !e.contraindications.some((c) => p.injuries.includes(c)) &&
        !p.excludedExerciseIds.includes(e.id),
    );
    return prefs(r, {
      cuisines: pickN(rng, CUISINES, rng.int(1, 2)),
      preferredExerciseIds: pickN(
        rng,
        doable.map((e) => e.id),
        rng.int(2, 3),
      ),
    });
  },
};
