import { Field, Float64, Int32, Schema, Utf8 } from 'apache-arrow';
import type { Split } from './split';

/**
 * One training example: a request's prompt and its plan in the plan language (both as the
 * space-separated words of `@nexfitra/core/language`), with where it came from.
 */
export interface TrainingRow {
  /** Unique row id, e.g. `p000042` (teacher rows) or `user:17` (a user's line 17). */
  readonly id: string;
  /** Key of the profile the row belongs to; the split is decided by it. */
  readonly profile: string;
  readonly split: Split;
  /** `formatRequest(request, targets)`. */
  readonly prompt: string;
  /** `formatPlan(quantizeForLanguage(plan))`. */
  readonly plan: string;
  /** The request as JSON (for evaluation and re-planning). */
  readonly request: string;
  /** What wrote the plan, e.g. `@nexfitra/planner rules 0.1.0 search=best`. */
  readonly teacher: string;
  /** Wall time of the teacher for this row, ms (0 for user rows). */
  readonly teacherMs: number;
  readonly promptTokens: number;
  readonly planTokens: number;
  /** Loss weight of the row (default 1). */
  readonly weight: number;
  /** A user's rating, when given; `null` otherwise. */
  readonly rating: number | null;
}

/** Arrow schema of the row files (column order = {@link TrainingRow} order). */
export const TRAINING_ROW_SCHEMA = new Schema([
  new Field('id', new Utf8(), false),
  new Field('profile', new Utf8(), false),
  new Field('split', new Utf8(), false),
  new Field('prompt', new Utf8(), false),
  new Field('plan', new Utf8(), false),
  new Field('request', new Utf8(), false),
  new Field('teacher', new Utf8(), false),
  new Field('teacherMs', new Float64(), false),
  new Field('promptTokens', new Int32(), false),
  new Field('planTokens', new Int32(), false),
  new Field('weight', new Float64(), false),
  new Field('rating', new Float64(), true),
]);
