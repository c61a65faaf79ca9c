import type { z } from 'zod';
import { NexFitraError } from '../errors';

type Issue = z.core.$ZodIssue;
type Path = readonly (string | number)[];

/**
 * A {@link NexFitraError} with code `SCHEMA` for a document that fails its zod schema. `path`,
 * `value` and `allowed` describe the first issue; `issues` keeps every issue zod reported, and
 * the message lists the others after the first.
 */
export class NexFitraSchemaError extends NexFitraError {
  readonly issues: readonly Issue[];
  constructor(
    fn: string,
    path: Path,
    value: unknown,
    allowed: string,
    issues: readonly Issue[],
    message?: string,
  ) {
    super({ code: 'SCHEMA', fn, path, value, allowed }, message);
    this.issues = issues;
  }
}

function valueAt(root: unknown, path: Path): unknown {
  let v = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

const list = (xs: readonly unknown[]) => xs.map((x) => JSON.stringify(x)).join(', ');

function bound(issue: Extract<Issue, { code: 'too_small' | 'too_big' }>): string {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  const op = small ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
  switch (issue.origin) {
    case 'array':
    case 'set':
      return `${small ? 'at least' : 'at most'} ${limit} item${limit === 1 ? '' : 's'}`;
    case 'string':
      return `a string of ${small ? 'at least' : 'at most'} ${limit} character${limit === 1 ? '' : 's'}`;
    default:
      return `a number ${op} ${limit}`;
  }
}

/** What the schema allows at the issue's path, in words. */
function allowedText(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      // zod's own messages start "Invalid input"; a schema's custom text says more (SchemaVersion).
      return issue.message.startsWith('Invalid input') ? `a value of type ${issue.expected}` : issue.message;
    case 'too_small':
    case 'too_big':
      return bound(issue);
    case 'invalid_value':
      return issue.values.length === 1 ? list(issue.values) : `one of ${list(issue.values)}`;
    case 'invalid_format':
      return issue.message;
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return 'only the keys the schema defines (check the spelling)';
    case 'invalid_union': {
      const u = issue as Issue & { discriminator?: string; options?: readonly unknown[] };
      if (u.discriminator && u.options) return `one of ${list(u.options)}`;
      // Each branch's first complaint, e.g. "a number ≥ 1 or a value of type object".
      const branches = issue.errors.map((errs) => (errs[0] ? allowedText(errs[0]) : ''));
      return branches.filter(Boolean).join(' or ') || issue.message;
    }
    default:
      return issue.message;
  }
}

/**
 * Parses `value` with `schema` and returns the parsed value, or throws a
 * {@link NexFitraSchemaError} (code `SCHEMA`) naming `fn`, the first issue's field path, the
 * value found there and what is allowed; all issues stay on `error.issues`.
 *
 * @param schema - any zod schema, e.g. `PlanRequest`
 * @param value - the untrusted input
 * @param fn - the public function on whose behalf the input is checked, for the message
 * @throws {NexFitraSchemaError} when the value does not match the schema; {@link NexFitraError}
 *   `INVALID_TYPE` when `schema` is not a zod schema or `fn` is not a non-empty string
 * @example
 * parseOrThrow(Goal, { type: 'lose', rate: { value: 5, unit: 'kg/week' } }, 'makePlan')
 * // throws: makePlan: rate.value = 5 is not allowed; expected a number ≤ 2
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, fn: string): z.output<S> {
  if (typeof (schema as { safeParse?: unknown } | null)?.safeParse !== 'function') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn: 'parseOrThrow',
      path: ['schema'],
      value: schema,
      allowed: 'a zod schema',
    });
  }
  if (typeof fn !== 'string' || fn === '') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn: 'parseOrThrow',
      path: ['fn'],
      value: fn,
      allowed: "the calling function's name, a non-empty string",
    });
  }
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const first = issues[0]!;
  let path: Path = first.path.filter((k): k is string | number => typeof k !== 'symbol');
  if (first.code === 'unrecognized_keys' && first.keys[0] !== undefined) path = [...path, first.keys[0]];
  const found = valueAt(value, path);
  const allowed = allowedText(first);
  const where = path.length ? path.join('.') : '(input)';
  let message = `${fn}: ${where} = ${show(found)} is not allowed; expected ${allowed}`;
  if (issues.length > 1) {
    const rest = issues.slice(1, 6).map((i) => `${i.path.map(String).join('.') || '(input)'}: ${i.message}`);
    const more = issues.length > 6 ? `; … ${issues.length - 6} more` : '';
    message += ` (${issues.length - 1} more issue${issues.length > 2 ? 's' : ''}: ${rest.join('; ')}${more})`;
  }
  throw new NexFitraSchemaError(fn, path, found, allowed, issues, message);
}

function show(v: unknown): string {
  if (v === undefined) return 'undefined (missing)';
  if (typeof v === 'string') return JSON.stringify(v);
  try {
    const s = JSON.stringify(v);
    return s === undefined ? String(v) : s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return Object.prototype.toString.call(v);
  }
}
