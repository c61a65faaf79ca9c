/**
 * One row of a benchmark suite: a request to plan, its id and the slice it belongs to. Suites
 * carry requests only (no reference answers): every metric is computed from the plan a model
 * returns, checked by core's validators against the request the plan echoes.
 */
import { PlanRequest } from '@nexfitra/core';
import { z } from 'zod';

/** Slice names: lowercase words joined by `-` (e.g. `many-allergies`), used as group-by keys. */
export const SliceName = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'lowercase words joined by "-"')
  .max(40);

export const SuiteRow = z.strictObject({
  /** Unique within the suite; stable across rebuilds (the cache and paired comparisons key on it). */
  id: z.string().min(1).max(80),
  slice: SliceName,
  request: PlanRequest,
});

export type SuiteRowT = z.infer<typeof SuiteRow>;

/** A loaded suite: its rows and a content hash (sha256 of the rows in order). */
export interface Suite {
  /** The suite's name (`smoke`) or the file's base name. */
  readonly name: string;
  /** Where it was read from. */
  readonly source: string;
  /** sha256 hex of the canonical JSON of every row, in order. */
  readonly hash: string;
  readonly rows: readonly SuiteRowT[];
}
