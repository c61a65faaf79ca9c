import { createRegistry } from './createRegistry';
import type { ModelRegistry } from './registry';

let shared: ModelRegistry | undefined;

/** The process-wide registry `generatePlan` uses when none is given (built-ins only at first). */
export function defaultRegistry(): ModelRegistry {
  shared ??= createRegistry();
  return shared;
}
