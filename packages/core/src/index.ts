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
export type { FfmiInput } from './body/ffmi';
// body: composition
export { ffmi, normalizedFfmi } from './body/ffmi';
export type { BodyCompositionInput } from './body/leanMass';
export { fatMassKg, leanMassKg } from './body/leanMass';
export type { NavyInputCm, NavyInputIn } from './body/navy';
export { navyBodyFat, navyBodyFatInches } from './body/navy';
export type { BmrInput } from './energy/_input';
// energy
export {
  ACTIVITY_MULTIPLIERS,
  FAO_PAL_BANDS,
  PAL_RANGE,
  palFor,
  tdee,
} from './energy/activity';
export { cunningham } from './energy/cunningham';
export {
  HARRIS_BENEDICT_1919,
  harrisBenedict1919,
  ROZA_SHIZGAL_1984,
  rozaShizgal1984,
} from './energy/harrisBenedict';
export type { LeanMassBmrInput } from './energy/katchMcArdle';
export { katchMcArdle } from './energy/katchMcArdle';
export type { MetInput } from './energy/met';
export { MET_RANGE, metGrossKcal, metMinutes, metNetKcal } from './energy/met';
export { mifflinStJeor } from './energy/mifflinStJeor';
export type { SchofieldBand, SchofieldInput, SchofieldSet } from './energy/schofield';
export { SCHOFIELD_BANDS, SCHOFIELD_SETS, schofield, schofieldBand, schofieldMJ } from './energy/schofield';
export {
  TEF_FRACTION,
  TEF_MACRO_FRACTIONS,
  thermicEffectOfFood,
  thermicEffectOfMacros,
} from './energy/thermicEffect';
export type { NexFitraErrorCode, NexFitraErrorDetails } from './errors';
// errors
export { isNexFitraError, NexFitraError } from './errors';
export type { Rng } from './random';
// random
export { createRng } from './random';
// dishes (schema only; the catalogue is '@nexfitra/core/dishes')
export type { CuisineT, DishComponentT, DishIdT, DishRoleT, DishT } from './schemas/dish';
export { CUISINES, Cuisine, DISH_ROLES, Dish, DishComponent, DishId, DishRole } from './schemas/dish';
// exercises (schema only; the catalogue is '@nexfitra/core/exercises', MET values '@nexfitra/core/met')
export type { ExerciseT } from './schemas/exercise';
export { Exercise } from './schemas/exercise';
export type { GoalRateT, GoalT } from './schemas/goal';
export { GOAL_RATE_UNITS, Goal, GoalRate } from './schemas/goal';
export type { ExerciseIdT, FoodIdT } from './schemas/ids';
export { ExerciseId, FoodId } from './schemas/ids';
export type {
  ModelArchitectureT,
  ModelDtypeT,
  ModelFileT,
  ModelManifestT,
  ModelTokenizerT,
  ModelTrainingT,
} from './schemas/manifest';
export {
  MODEL_ARCHITECTURES,
  MODEL_DTYPES,
  ModelArchitecture,
  ModelDtype,
  ModelFile,
  ModelManifest,
  ModelTokenizer,
  ModelTraining,
} from './schemas/manifest';
export type { MealDayT, MealItemT, MealPlanT, MealT } from './schemas/meal';
export { MAX_PLAN_DAYS, Meal, MealDay, MealItem, MealPlan } from './schemas/meal';
export { NexFitraSchemaError, parseOrThrow } from './schemas/parse';
export type { PlanGeneratorT, PlanRequestInput, PlanRequestT, PlanT, TargetsSummaryT } from './schemas/plan';
export { Plan, PlanGenerator, PlanRequest, TargetsSummary } from './schemas/plan';
export type { PreferencesInput, PreferencesT } from './schemas/preferences';
export { Preferences, TRAINING_FOCUSES, TrainingMax } from './schemas/preferences';
export type { ProfileT } from './schemas/profile';
export { Profile } from './schemas/profile';
export type { CompletedSetT, CompletedWorkoutT, ProgressEntryT, ProgressLogT } from './schemas/progress';
export { CompletedSet, CompletedWorkout, ProgressEntry, ProgressLog } from './schemas/progress';
export type { BodyHeightT, BodyWeightT, LiftLoadT } from './schemas/quantity';
export { BodyHeight, BodyWeight, LiftLoad } from './schemas/quantity';
export { SCHEMA_VERSION, SchemaVersion, Semver } from './schemas/version';
// schemas: documents (types are z.infer of each schema, named <Schema>T as in vocab.ts)
export type {
  ActivityLevelT,
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
  ACTIVITY_LEVELS,
  ActivityLevel,
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
export type {
  LoadT,
  PrescribedSetT,
  ProgramWeekT,
  ProgressionT,
  RepRangeT,
  SessionExerciseT,
  SessionT,
  WorkoutProgramT,
} from './schemas/workout';
export {
  Kilograms,
  LOAD_TYPES,
  Load,
  PROGRESSION_SCHEMES,
  PrescribedSet,
  ProgramWeek,
  Progression,
  RepRange,
  Session,
  SessionExercise,
  WorkoutProgram,
} from './schemas/workout';
export type { TargetFinding, TargetFindingCode, TargetSeverity } from './targets/_finding';
export type { AmdrCheck, AmdrResult, AmdrStatus, MacroGrams } from './targets/amdr';
// targets
export {
  AMDR_BANDS,
  amdrStatus,
} from './targets/amdr';
export type { CalorieTarget, CalorieTargetInput, RateUnit, WeeklyRate } from './targets/calories';
export {
  calorieTarget,
  GAIN_KCAL_PER_KG,
  LOSS_KCAL_PER_KG,
  RATE_RANGES,
  RATE_UNITS,
  TDEE_RANGE,
} from './targets/calories';
export type {
  BmrEquation,
  DailyTargets,
  DailyTargetsOk,
  DailyTargetsOptions,
  TargetGoal,
  TargetProfile,
} from './targets/dailyTargets';
export { BMR_EQUATIONS, dailyTargets } from './targets/dailyTargets';
export type { FiberAiInput } from './targets/fiber';
export {
  FIBER_AI_BANDS,
  FIBER_AI_LACTATION_G,
  FIBER_AI_PREGNANCY_G,
  FIBER_G_PER_1000_KCAL,
  fiberAdequateIntake,
  fiberForEnergy,
} from './targets/fiber';
export type { MacroInput, MacroTargets, ProteinPopulation } from './targets/macros';
export {
  CARB_RDA_G,
  FAT_DEFAULT_PERCENT,
  FAT_MIN_G_PER_KG,
  FAT_MIN_PERCENT,
  KCAL_PER_G,
  macroTargets,
  PROTEIN_DEFICIT_G_PER_KG_BW,
  PROTEIN_DEFICIT_G_PER_KG_LEAN,
  PROTEIN_EXERCISING_G_PER_KG,
  PROTEIN_POPULATIONS,
  PROTEIN_RDA_G_PER_KG,
} from './targets/macros';
export type { DayTotals, MealSplitOptions, MealTargets } from './targets/mealSplit';
export { apportion, DEFAULT_MEAL_SHARES, MAX_MEALS, MIN_MEALS, mealSplit } from './targets/mealSplit';
export type {
  ClinicianOverride,
  Eligibility,
  EligibilityInput,
  OverrideRecord,
  Refusal,
  RefusalCode,
  RefusalReason,
  SafetyAssessment,
  SafetyFindingsInput,
  SafetyOptions,
} from './targets/safety';
export {
  ADULT_AGE_YEARS,
  assessSafety,
  CALORIE_FLOOR_KCAL,
  checkEligibility,
  MAX_LOSS_PERCENT_PER_WEEK,
  safetyFindings,
  UNDERWEIGHT_BMI,
  unwrapEligible,
} from './targets/safety';
export type { DeloadableExercise, DeloadOptions } from './training/deload';
// training
export { deloadWeek, deloadWeeks, isDeloadWeek } from './training/deload';
export type { OneRepMaxFormula } from './training/oneRepMax';
export {
  estimateOneRepMax,
  loadForReps,
  ONE_REP_MAX_FORMULAS,
  ONE_REP_MAX_REP_CAPS,
  repsAtLoad,
} from './training/oneRepMax';
export type { PercentTableOptions, PercentTableRow, RoundingMode } from './training/percentTable';
export { PLATE_INCREMENTS, percentTable, ROUNDING_MODES, roundToIncrement } from './training/percentTable';
export type {
  DoubleProgressionState,
  LinearProgressionState,
  RpeProgressionState,
} from './training/progression';
export {
  doubleProgression,
  LOAD_CHANGE_PER_RPE,
  linearProgression,
  rpeProgression,
} from './training/progression';
export {
  loadForRpe,
  oneRepMaxFromRpe,
  RPE_CHART,
  RPE_CHART_MAX_REPS,
  RPE_VALUES,
  rirToRpe,
  rpePercentOfOneRepMax,
  rpeToRir,
} from './training/rpe';
export type { SetCountExercise, SetCountSession, VolumeEntry } from './training/volume';
export {
  MAX_EXERCISES_PER_SESSION,
  MAX_SETS_PER_EXERCISE,
  SECONDARY_SET_WEIGHT,
  totalVolumeLoad,
  volumeLoad,
  WEEKLY_SET_RANGES,
  weeklySetsPerMuscle,
} from './training/volume';
export type { SessionKindT } from './training/sessionRegions';
export { SESSION_REGIONS } from './training/sessionRegions';
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
// foods: schemas and nutrient arithmetic (the catalogue itself is the "./foods" entry)
export type { MealNutrientItem } from './nutrition/portion';
export type { FoodGroupT, FoodT, FoodTagsT, NutrientsT, PortionBoundsT, ServingT } from './schemas/food';
export { EU_ENERGY_FACTORS, energyFromMacros } from './nutrition/energy';
export { mealNutrients, portionNutrients, sumNutrients } from './nutrition/portion';
// meal realism: household servings, food classes, the six scored DRI nutrients
export type { DriNutrientKey, DriReference } from './nutrition/dri';
export { DRI_NUTRIENT_KEYS, driReferences, SODIUM_CDRR_MG, VEGETARIAN_IRON_FACTOR } from './nutrition/dri';
export { PORTION_SERVING_RANGE } from './nutrition/foodClass';
export { MEAL_REALISM } from './validate/_mealRealism';
export type { ShoppingItem, ShoppingList, StoreSection } from './nutrition/shoppingList';
export { STORE_SECTIONS, shoppingList } from './nutrition/shoppingList';
export { FOOD_GROUPS, Food, FoodGroup, FoodTags, Nutrients, PortionBounds, Serving } from './schemas/food';

// validate: plan checkers (catalogues come in as lookups, see byIdLookup)
export { byIdLookup } from './validate/lookup';
export { validateMealPlan } from './validate/meal';
export { DEFAULT_VALIDATION_OPTIONS, DEFAULT_VOLUME_MUSCLES } from './validate/options';
export { validatePlan } from './validate/plan';
export { estimateSessionMinutes } from './validate/sessionLength';
export { HARD_VIOLATION_CODES, SOFT_VIOLATION_CODES, severityOf } from './validate/violation';
export { validateWorkoutProgram } from './validate/workout';
export { MAX_DISTINCT_EXERCISES, MIN_OPENER_SETS, REQUIRED_PATTERNS } from './validate/_workoutRealism';
export type { MealContext, MealPlanMetrics, MealPlanValidation, PlanDayTotals } from './validate/meal';
export type { ResolvedOptions, ValidationOptions } from './validate/options';
export type { PlanContext, PlanValidation } from './validate/plan';
export type {
  ExpectedRange,
  HardViolationCode,
  SoftViolationCode,
  Violation,
  ViolationCode,
  ViolationSeverity,
} from './validate/violation';
export type {
  WorkoutContext,
  WorkoutMetrics,
  WorkoutValidation,
  WorkoutWeekMetrics,
} from './validate/workout';

// language: the plan language (formatRequest, formatPlan, parsePlan, quantizeForLanguage,
// createGrammar, languageVocabulary, LANGUAGE_VERSION) is the subpath '@nexfitra/core/language';
// it carries the exercise and food catalogues, so the root does not re-export it.

// input checks (checkNumber, checkEnum, checkObject) are shared by the sibling packages through
// '@nexfitra/core/internal'; they are not public API, so the root does not export them.
export { MAX_UNIT_VALUE } from './units/index';
export { MAX_APPORTION_TOTAL, MAX_APPORTION_WEIGHT } from './targets/mealSplit';

// nutrition: the hard food rules (diet, allergens with gluten ⇒ wheat, dislikes), one definition
export { avoidedAllergens, foodConflicts, isFoodAllowed } from './nutrition/foodRules';
export type { FoodConflicts, FoodPrefs } from './nutrition/foodRules';

// progress (issue 12): log checks, trend weight, adaptive expenditure, the Hall (2011) model,
// strength and training load, adherence and SVG charts. The same names are the subpath
// '@nexfitra/core/progress'; the science is docs/progress.md.
export {
  ACWR_ZONES,
  acuteChronicRatio,
  adaptiveExpenditure,
  checkProgressLog,
  e1rmChart,
  e1rmTrend,
  EWMA_ALPHA,
  ewmaTrend,
  HARD_SET_MIN_RPE,
  INTAKE_FLAGS_KCAL,
  KALMAN_DEFAULTS,
  MAX_LOG_SPAN_DAYS,
  MAX_PROJECTION_DAYS,
  personalRecords,
  projectionBand,
  projectionChart,
  projectWeight,
  recommendTarget,
  sessionLoads,
  timeToGoal,
  trendWeight,
  WEIGHT_JUMP_KG,
  weeklyAdherence,
  weeklyHardSets,
  weeklyVolumeChart,
  weightChangeEnergy,
  weightTrendChart,
} from './progress/index';
export type {
  AcwrPoint,
  AcwrZone,
  AdherencePlan,
  BandPoint,
  ChartOptions,
  CheckedLog,
  DailyLoad,
  E1rmPoint,
  E1rmTrend,
  ExpenditureEstimate,
  ExpenditureOptions,
  ExpenditureProfile,
  ExpenditureRefusal,
  HallOptions,
  HallProfile,
  IntakePlan,
  KalmanOptions,
  LogDay,
  LogIssue,
  LogIssueCode,
  MuscleLookupEntry,
  PersonalRecord,
  PlannedDone,
  Projection,
  ProjectionDay,
  RecommendedTarget,
  RecommendTargetInput,
  SetSkipReason,
  SkippedSet,
  TargetLogged,
  TimeToGoal,
  TimeToGoalInput,
  TrendPoint,
  WeekAdherence,
  WeekSets,
  WeightChartPoint,
  WeightOutlier,
  WeightTrend,
} from './progress/index';
export type { IntakeMacrosT } from './schemas/progress';
export { IntakeMacros } from './schemas/progress';
