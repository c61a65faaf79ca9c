/** The shape of a metric: one definition holds its key, unit, direction, documentation and computation. */
import type { MetricInput } from './_input';

export type MetricGroup =
  | 'validity'
  | 'nutrition'
  | 'realism'
  | 'training'
  | 'preference'
  | 'repair'
  | 'speed'
  | 'size'
  | 'summary';

/** Which way is better; `neutral` metrics are described, never called better or worse. */
export type Direction = 'higher' | 'lower' | 'neutral';

export interface MetricInfo {
  /** Column name, e.g. `kcalErrorPct` or `hard.ALLERGEN_PRESENT`. */
  readonly key: string;
  /** Unit of the per-request value (`%`, `g/d`, `ms`, `count`, `share` = 0–1 …). */
  readonly unit: string;
  readonly better: Direction;
  readonly group: MetricGroup;
  /** What it measures and how, for people (shown in every report). */
  readonly doc: string;
}

/** A per-request metric; `null` when it does not apply (no plan, no such data). */
export interface RequestMetric extends MetricInfo {
  compute(x: MetricInput): number | null;
}

/** A family of per-request metrics sharing a prefix (one per violation code, nutrient, muscle). */
export interface MetricFamily extends Omit<MetricInfo, 'key'> {
  /** Keys are `<prefix>.<member>`. */
  readonly prefix: string;
  members(): readonly string[];
  compute(x: MetricInput): Readonly<Record<string, number | null>>;
}
