import type { z } from 'zod';
import { NexFitraError } from '../errors';

/**
 * Records that passed a schema and cannot change (deeply frozen, data properties only, such as
 * the core food and exercise catalogues): checked once per process, not once per call.
 */
const VALID = new WeakMap<z.ZodType, WeakSet<object>>();

/** Every record `isImmutable` has proven so (whatever its schema). */
const IMMUTABLE = new WeakSet<object>();

/**
 * @internal Whether a checked lookup has answered `record` and found it unable to change (see
 * `isImmutable`): what the validators work out from it may be kept across calls.
 */
export function isKnownImmutable(record: object): boolean {
  return IMMUTABLE.has(record);
}

/**
 * Whether `x` and everything it holds is a frozen plain object or array with data properties
 * only (no getters, no class whose prototype could answer differently): it cannot change.
 */
function isImmutable(x: unknown, seen = new Set<object>()): boolean {
  if (typeof x !== 'object' || x === null) return typeof x !== 'function';
  if (seen.has(x)) return true;
  seen.add(x);
  const proto = Object.getPrototypeOf(x);
  if (proto !== Object.prototype && proto !== Array.prototype && proto !== null) return false;
  if (!Object.isFrozen(x)) return false;
  for (const d of Object.values(Object.getOwnPropertyDescriptors(x))) {
    if (!('value' in d) || !isImmutable(d.value, seen)) return false;
  }
  return true;
}

/**
 * @internal Throws `INVALID_TYPE` unless `context[key]` is a lookup function. Returns that
 * lookup wrapped so that each record it answers is checked once against `schema` (a caller's
 * lookup may answer anything): a bad record throws `SCHEMA` naming `context.<key>(<id>)`. A
 * record that passed before and cannot change since (see `isImmutable`) is not parsed again.
 */
export function requireLookup<K extends string>(
  fn: string,
  context: unknown,
  key: K,
  schema: z.ZodType,
): (id: string) => unknown {
  if (typeof context !== 'object' || context === null) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['context'],
      value: context,
      allowed: `an object with a \`${key}\` lookup, e.g. { ${key}: byIdLookup(catalogue) }`,
    });
  }
  const lookup = (context as Record<string, unknown>)[key];
  if (typeof lookup !== 'function') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['context', key],
      value: lookup,
      allowed: `a function (id: string) => record | undefined, e.g. byIdLookup(catalogue)`,
    });
  }
  const checked = new Map<string, unknown>();
  const known = VALID.get(schema) ?? new WeakSet<object>();
  VALID.set(schema, known);
  return (id: string) => {
    if (checked.has(id)) return checked.get(id);
    const record: unknown = (lookup as (id: string) => unknown)(id);
    if (record !== undefined && !(typeof record === 'object' && record !== null && known.has(record))) {
      const r = schema.safeParse(record);
      if (!r.success) {
        const issue = r.error.issues[0]!;
        throw new NexFitraError({
          code: 'SCHEMA',
          fn,
          path: [
            'context',
            key,
            id,
            ...issue.path.filter((k): k is string | number => typeof k !== 'symbol'),
          ],
          value: record,
          allowed: `a valid record or undefined from the \`${key}\` lookup (${issue.message})`,
        });
      }
      if (isImmutable(record)) {
        known.add(record as object);
        IMMUTABLE.add(record as object);
      }
    }
    checked.set(id, record);
    return record;
  };
}
