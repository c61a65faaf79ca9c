import { z } from 'zod';

/**
 * Fixed vocabularies shared by every schema, catalogue and checker. Adding a value is a schema
 * change (bump SCHEMA_VERSION); removing one is a breaking change.
 */

/** Sex used by the sex-specific prediction equations (biological sex at birth). */
// Each schema is marked pure so a bundle that only needs a list (SEXES …) drops the schema and zod.
export const SEXES = ['male', 'female'] as const;
export const Sex = /* @__PURE__ */ z.enum(SEXES);

export const GOAL_TYPES = ['lose', 'maintain', 'gain'] as const;
export const GoalType = /* @__PURE__ */ z.enum(GOAL_TYPES);

export const EXPERIENCE_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export const ExperienceLevel = /* @__PURE__ */ z.enum(EXPERIENCE_LEVELS);

/**
 * Habitual physical activity levels, lowest first. The multipliers that turn them into TDEE
 * live with the energy formulas; the schema only fixes the names.
 */
export const ACTIVITY_LEVELS = ['sedentary', 'light', 'moderate', 'active', 'very-active'] as const;
export const ActivityLevel = /* @__PURE__ */ z.enum(ACTIVITY_LEVELS);

/** Muscle vocabulary for exercises, weekly-set counting and the validators. */
export const MUSCLES = [
  'chest',
  'lats',
  'upper-back',
  'front-delts',
  'side-delts',
  'rear-delts',
  'biceps',
  'triceps',
  'forearms',
  'abs',
  'obliques',
  'lower-back',
  'glutes',
  'quads',
  'hamstrings',
  'adductors',
  'calves',
] as const;
export const Muscle = /* @__PURE__ */ z.enum(MUSCLES);

export const EQUIPMENT = [
  'bodyweight',
  'dumbbells',
  'barbell',
  'kettlebell',
  'bands',
  'pull-up-bar',
  'bench',
  'cable',
  'machine',
  'treadmill',
  'stationary-bike',
  'rowing-machine',
  'elliptical',
  'jump-rope',
] as const;
export const Equipment = /* @__PURE__ */ z.enum(EQUIPMENT);

/** Named equipment sets a user can pick instead of listing items. */
export const EQUIPMENT_SETS = {
  'bodyweight-only': ['bodyweight'],
  'home-dumbbells': ['bodyweight', 'dumbbells', 'bench'],
  'home-bands': ['bodyweight', 'bands', 'pull-up-bar'],
  'full-gym': EQUIPMENT.filter((e) => e !== 'jump-rope'),
} as const satisfies Record<string, readonly (typeof EQUIPMENT)[number][]>;

/** Joints or regions an injury can affect; exercises carry the same tags as contraindications. */
export const INJURY_SITES = [
  'knee',
  'lower-back',
  'shoulder',
  'wrist',
  'elbow',
  'hip',
  'ankle',
  'neck',
] as const;
export const InjurySite = /* @__PURE__ */ z.enum(INJURY_SITES);

export const MOVEMENT_PATTERNS = [
  'squat',
  'hinge',
  'lunge',
  'horizontal-push',
  'vertical-push',
  'horizontal-pull',
  'vertical-pull',
  'carry',
  'core',
  'elbow-flexion',
  'elbow-extension',
  'shoulder-isolation',
  'knee-extension',
  'knee-flexion',
  'hip-isolation',
  'calf',
  'cardio',
  'plyometric',
] as const;
export const MovementPattern = /* @__PURE__ */ z.enum(MOVEMENT_PATTERNS);

export const MECHANICS = ['compound', 'isolation'] as const;
export const Mechanics = /* @__PURE__ */ z.enum(MECHANICS);

export const MEAL_TYPES = ['breakfast', 'lunch', 'dinner', 'snack'] as const;
export const MealType = /* @__PURE__ */ z.enum(MEAL_TYPES);

/** Diet types a plan can be asked to follow. */
export const DIET_TYPES = ['omnivore', 'pescatarian', 'vegetarian', 'vegan', 'keto'] as const;
export const DietType = /* @__PURE__ */ z.enum(DIET_TYPES);

/**
 * Allergens: the union of the US "major nine" (FALCPA 2004 + FASTER Act 2021: milk, egg, fish,
 * crustacean shellfish, tree nuts, peanuts, wheat, soybeans, sesame) and the EU fourteen
 * (Regulation 1169/2011 Annex II: cereals containing gluten, crustaceans, eggs, fish, peanuts,
 * soybeans, milk, nuts, celery, mustard, sesame, sulphites, lupin, molluscs). `wheat` implies
 * `gluten`; tree nuts (US) and nuts (EU) are one tag.
 */
export const ALLERGENS = [
  'gluten',
  'wheat',
  'crustaceans',
  'molluscs',
  'eggs',
  'fish',
  'peanuts',
  'tree-nuts',
  'soy',
  'milk',
  'celery',
  'mustard',
  'sesame',
  'sulphites',
  'lupin',
] as const;
export const Allergen = /* @__PURE__ */ z.enum(ALLERGENS);

export type SexT = z.infer<typeof Sex>;
export type GoalTypeT = z.infer<typeof GoalType>;
export type ActivityLevelT = z.infer<typeof ActivityLevel>;
export type ExperienceLevelT = z.infer<typeof ExperienceLevel>;
export type MuscleT = z.infer<typeof Muscle>;
export type EquipmentT = z.infer<typeof Equipment>;
export type InjurySiteT = z.infer<typeof InjurySite>;
export type MovementPatternT = z.infer<typeof MovementPattern>;
export type MealTypeT = z.infer<typeof MealType>;
export type DietTypeT = z.infer<typeof DietType>;
export type AllergenT = z.infer<typeof Allergen>;
