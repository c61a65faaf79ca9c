import type { z } from 'zod';
import { type Violation, violation } from './violation';

type Path = readonly (string | number)[];

/**
 * @internal Parses `value` with `schema`: the data, or one `SCHEMA` violation per zod issue, each
 * at `base` + the issue's path (an unknown key's name is appended, as `parseOrThrow` does).
 */
export function parseForViolations<S extends z.ZodType>(
  schema: S,
  value: unknown,
  base: Path,
): { readonly data: z.output<S> } | { readonly violations: Violation[] } {
  const result = schema.safeParse(value);
  if (result.success) return { data: result.data };
  return {
    violations: result.error.issues.map((issue) => {
      let path: Path = issue.path.filter((k): k is string | number => typeof k !== 'symbol');
      if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) path = [...path, issue.keys[0]];
      const where = path.length ? path.join('.') : '(document)';
      return violation('SCHEMA', [...base, ...path], `${where}: ${issue.message}`);
    }),
  };
}
