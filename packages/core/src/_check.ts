import { NexFitraError } from './errors';

/** @internal Range of an accepted number; bounds are inclusive unless `*Exclusive` is set. */
export interface NumberRange {
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  readonly integer?: boolean;
  /** Unit appended to the allowed text, e.g. `kg`. */
  readonly unit?: string;
}

function describe(r: NumberRange): string {
  const kind = r.integer ? 'an integer' : 'a finite number';
  const u = r.unit ? ` ${r.unit}` : '';
  if (r.min !== undefined && r.max !== undefined) {
    return `${kind} in ${r.minExclusive ? '(' : '['}${r.min}, ${r.max}${r.maxExclusive ? ')' : ']'}${u}`;
  }
  if (r.min !== undefined) return `${kind} ${r.minExclusive ? '>' : '≥'} ${r.min}${u}`;
  if (r.max !== undefined) return `${kind} ${r.maxExclusive ? '<' : '≤'} ${r.max}${u}`;
  return kind;
}

/**
 * The helpers are public too, so their own arguments are checked: a missing `fn` or a bad
 * `field` would otherwise make a NexFitraError without a name or path (or a TypeError).
 */
function pathOf(helper: string, fn: unknown, field: unknown): readonly (string | number)[] {
  if (typeof fn !== 'string' || fn === '') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn: helper,
      path: ['fn'],
      value: fn,
      allowed: "the calling function's name, a non-empty string",
    });
  }
  if (typeof field === 'string') return [field];
  if (Array.isArray(field) && field.every((k) => typeof k === 'string' || typeof k === 'number'))
    return field;
  throw new NexFitraError({
    code: 'INVALID_TYPE',
    fn: helper,
    path: ['field'],
    value: field,
    allowed: 'a field name or a path of strings and numbers',
  });
}

const notNumber = (x: unknown) => x !== undefined && (typeof x !== 'number' || Number.isNaN(x));

function checkRange(r: unknown): NumberRange {
  const o = r as Record<string, unknown>;
  const bad =
    typeof r !== 'object' ||
    r === null ||
    Array.isArray(r) ||
    notNumber(o['min']) ||
    notNumber(o['max']) ||
    (o['unit'] !== undefined && typeof o['unit'] !== 'string');
  if (!bad) return r as NumberRange;
  throw new NexFitraError({
    code: 'INVALID_TYPE',
    fn: 'checkNumber',
    path: ['range'],
    value: r,
    allowed:
      'a NumberRange: { min?, max? (numbers), minExclusive?, maxExclusive?, integer?, unit? (string) }',
  });
}

/**
 * @internal Returns `value` if it is a finite number inside `range`, else throws a
 * {@link NexFitraError} naming `fn`, `field`, the value and the allowed range. Never clamps.
 */
export function checkNumber(
  fn: string,
  field: string | readonly (string | number)[],
  value: unknown,
  range: NumberRange = {},
): number {
  const path = pathOf('checkNumber', fn, field);
  range = checkRange(range);
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new NexFitraError({ code: 'INVALID_TYPE', fn, path, value, allowed: describe(range) });
  }
  const { min, max } = range;
  const low = min !== undefined && (range.minExclusive ? value <= min : value < min);
  const high = max !== undefined && (range.maxExclusive ? value >= max : value > max);
  if (low || high || (range.integer && !Number.isInteger(value))) {
    throw new NexFitraError({ code: 'OUT_OF_RANGE', fn, path, value, allowed: describe(range) });
  }
  return value;
}

/** @internal Returns `value` if it is one of `allowed`, else throws `INVALID_ENUM`. */
export function checkEnum<T extends string>(
  fn: string,
  field: string | readonly (string | number)[],
  value: unknown,
  allowed: readonly T[],
): T {
  const path = pathOf('checkEnum', fn, field);
  if (!Array.isArray(allowed) || !allowed.every((a) => typeof a === 'string')) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn: 'checkEnum',
      path: ['allowed'],
      value: allowed,
      allowed: 'an array of strings',
    });
  }
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new NexFitraError({
    code: 'INVALID_ENUM',
    fn,
    path,
    value,
    allowed: `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`,
  });
}

/** @internal Throws `INVALID_TYPE` unless `value` is a non-null object (the usual options bag). */
export function checkObject(
  fn: string,
  field: string | readonly (string | number)[],
  value: unknown,
): Record<string, unknown> {
  const path = pathOf('checkObject', fn, field);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new NexFitraError({ code: 'INVALID_TYPE', fn, path, value, allowed: 'an object' });
  }
  return value as Record<string, unknown>;
}

/**
 * @internal Adult BMI outside this range is a typo (2 kg for 72 kg, inches typed as cm), not a
 * person: the lowest BMIs reported in surviving adults with anorexia nervosa are about 8–9, and
 * 150 is beyond any recorded body of ordinary height. A plausibility screen, not a clinical range.
 */
export const ADULT_BMI_PLAUSIBLE = { min: 8, max: 150 } as const;

/** @internal Plausible human ranges shared by every formula's input check (adults and children). */
export const HUMAN = {
  weightKg: { min: 2, max: 400, unit: 'kg' },
  heightCm: { min: 45, max: 250, unit: 'cm' },
  ageYears: { min: 0, max: 120, unit: 'years' },
  adultAgeYears: { min: 18, max: 120, unit: 'years' },
  bodyFatPercent: { min: 2, max: 70, unit: '%' },
} as const satisfies Record<string, NumberRange>;
