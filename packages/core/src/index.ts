/**
 * @packageDocumentation
 * `@nexfitra/core`: energy, macro and training math, zod schemas and plan validators.
 * Depends on zod only and uses no Node built-ins, so it runs in Node, browsers and React Native.
 * Every formula is its own module with its citation; every public function validates its input
 * and throws {@link NexFitraError} naming the field, the value and what is allowed.
 */

export type { BmiClass } from './body/bmi';
// body
export { BMI_CLASSES, bmi, bmiClass } from './body/bmi';
export type { NexFitraErrorCode, NexFitraErrorDetails } from './errors';
// errors
export { isNexFitraError, NexFitraError } from './errors';
export type {
  AllergenT,
  DietTypeT,
  EquipmentT,
  ExperienceLevelT,
  GoalTypeT,
  InjurySiteT,
  MealTypeT,
  MovementPatternT,
  MuscleT,
  SexT,
} from './schemas/vocab';
// schemas: vocabularies
export {
  ALLERGENS,
  Allergen,
  DIET_TYPES,
  DietType,
  EQUIPMENT,
  EQUIPMENT_SETS,
  Equipment,
  EXPERIENCE_LEVELS,
  ExperienceLevel,
  GOAL_TYPES,
  GoalType,
  INJURY_SITES,
  InjurySite,
  MEAL_TYPES,
  MECHANICS,
  MealType,
  Mechanics,
  MOVEMENT_PATTERNS,
  MovementPattern,
  MUSCLES,
  Muscle,
  SEXES,
  Sex,
} from './schemas/vocab';
export type { Energy, EnergyUnit, Length, LengthUnit, Mass, MassUnit } from './units/index';
// units
export {
  CM_PER_IN,
  cmToIn,
  ENERGY_UNITS,
  inToCm,
  KG_PER_LB,
  KJ_PER_KCAL,
  kcalToKj,
  kgToLb,
  kjToKcal,
  LENGTH_UNITS,
  lbToKg,
  MASS_UNITS,
  toCm,
  toKcal,
  toKg,
} from './units/index';
