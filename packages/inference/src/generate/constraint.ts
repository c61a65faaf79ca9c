/**
 * A token-level constraint for the decode loop: a state machine over token ids. At each step
 * the loop asks `allowed(state)` (an empty list means the text is complete), picks one of them,
 * and moves with `advance`. When exactly one id is allowed the loop appends it without running
 * the model (jump-forward). States are immutable values: keep any one to branch from it.
 */
export interface TokenConstraint<S = unknown> {
  readonly start: S;
  /** Ids that may come next; empty only when `isComplete(state)`. */
  allowed(state: S): readonly number[];
  /** The state after `id`; throws a `NexFitraError` when `id` is not allowed. */
  advance(state: S, id: number): S;
  isComplete(state: S): boolean;
}
