/**
 * @packageDocumentation
 * `@nexfitra/core/progress`: progress tracking — log checks, trend weight (Kalman and EWMA),
 * adaptive expenditure and the recommended new target, the Hall et al. (2011) dynamic weight
 * model (`projectWeight`, `timeToGoal`), strength and training-load tracking, adherence, and
 * SVG charts. The science, in our words with citations, is docs/progress.md.
 */

export { MAX_LOG_SPAN_DAYS } from './_days';
export type {
  ExpenditureEstimate,
  ExpenditureOptions,
  ExpenditureProfile,
  ExpenditureRefusal,
} from './adaptiveExpenditure';
export { adaptiveExpenditure } from './adaptiveExpenditure';
export type { AdherencePlan, PlannedDone, TargetLogged, WeekAdherence } from './adherence';
export { weeklyAdherence } from './adherence';
export type { ChartOptions } from './charts/_svg';
export { e1rmChart, weeklyVolumeChart } from './charts/trainingCharts';
export type { BandPoint, WeightChartPoint } from './charts/weightCharts';
export { projectionChart, weightTrendChart } from './charts/weightCharts';
export type { CheckedLog, LogDay, LogIssue, LogIssueCode } from './checkLog';
export { checkProgressLog, INTAKE_FLAGS_KCAL, WEIGHT_JUMP_KG } from './checkLog';
export { weightChangeEnergy } from './energyDensity';
export { projectionBand } from './hall/projectionBand';
export type { HallOptions, HallProfile, IntakePlan, Projection, ProjectionDay } from './hall/projectWeight';
export { MAX_PROJECTION_DAYS, projectWeight } from './hall/projectWeight';
export type { TimeToGoal, TimeToGoalInput } from './hall/timeToGoal';
export { timeToGoal } from './hall/timeToGoal';
export type { RecommendedTarget, RecommendTargetInput } from './recommendTarget';
export { recommendTarget } from './recommendTarget';
export type { E1rmPoint, E1rmTrend, PersonalRecord, SetSkipReason, SkippedSet } from './strength';
export { e1rmTrend, personalRecords } from './strength';
export type { AcwrPoint, AcwrZone, DailyLoad } from './trainingLoad';
export { ACWR_ZONES, acuteChronicRatio, sessionLoads } from './trainingLoad';
export type { KalmanOptions, TrendPoint, WeightOutlier, WeightTrend } from './trendWeight';
export { EWMA_ALPHA, ewmaTrend, KALMAN_DEFAULTS, trendWeight } from './trendWeight';
export type { MuscleLookupEntry, WeekSets } from './weeklySets';
export { HARD_SET_MIN_RPE, weeklyHardSets } from './weeklySets';
