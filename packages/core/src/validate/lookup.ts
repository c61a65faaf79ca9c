import { NexFitraError } from '../errors';

/**
 * A lookup by `id` over a catalogue array, for the validators' context: build it once and reuse
 * it. Later duplicates do not replace the first record with the same id.
 *
 * @throws {NexFitraError} `INVALID_TYPE` when `records` is not an array of objects with string ids
 * @example validatePlan(plan, { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) })
 */
export function byIdLookup<T extends { readonly id: string }>(
  records: readonly T[],
): (id: string) => T | undefined {
  if (!Array.isArray(records)) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn: 'byIdLookup',
      path: ['records'],
      value: records,
      allowed: 'an array of catalogue records with string ids',
    });
  }
  const map = new Map<string, T>();
  records.forEach((r, i) => {
    if (typeof r !== 'object' || r === null || typeof r.id !== 'string') {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn: 'byIdLookup',
        path: ['records', i, 'id'],
        value: (r as { id?: unknown } | null)?.id,
        allowed: 'a string id',
      });
    }
    if (!map.has(r.id)) map.set(r.id, r);
  });
  return (id) => map.get(id);
}
