import { NexFitraError } from '../errors';

/** @internal Throws `INVALID_TYPE` unless `context[key]` is a lookup function. */
export function requireLookup<K extends string>(
  fn: string,
  context: unknown,
  key: K,
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
  return lookup as (id: string) => unknown;
}
