import type { z } from 'zod';
import { NexFitraError } from '../errors';

/**
 * @internal Throws `INVALID_TYPE` unless `context[key]` is a lookup function. Returns that
 * lookup wrapped so that each record it answers is checked once against `schema` (a caller's
 * lookup may answer anything): a bad record throws `SCHEMA` naming `context.<key>(<id>)`.
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
  return (id: string) => {
    if (checked.has(id)) return checked.get(id);
    const record: unknown = (lookup as (id: string) => unknown)(id);
    if (record !== undefined) {
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
    }
    checked.set(id, record);
    return record;
  };
}
