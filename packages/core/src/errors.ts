/**
 * One error type for every NexFitra function: a literal `code`, the function that threw, the
 * field path, the offending value and what is allowed, so a user learns from the message alone
 * what to fix (after citty's `CLIError` and zod's issue objects).
 */
export type NexFitraErrorCode =
  /** A value of the wrong type (a string where a number belongs, NaN, Infinity). */
  | 'INVALID_TYPE'
  /** A number outside the range the function or formula supports. */
  | 'OUT_OF_RANGE'
  /** A string that is not one of the allowed options. */
  | 'INVALID_ENUM'
  /** A document that fails its zod schema. */
  | 'SCHEMA'
  /** A combination of valid values the function cannot serve (e.g. fat-free mass above weight). */
  | 'INCONSISTENT'
  /** The request is refused on safety grounds (see the targets safety policy). */
  | 'REFUSED'
  /** A file or data set that is missing, truncated or malformed. */
  | 'BAD_DATA';

export interface NexFitraErrorDetails {
  readonly code: NexFitraErrorCode;
  /** The public function that rejected the input, e.g. `mifflinStJeor`. */
  readonly fn: string;
  /** Path to the offending field, e.g. `['profile', 'weightKg']`. */
  readonly path: readonly (string | number)[];
  readonly value: unknown;
  /** Human-readable statement of what is allowed, e.g. `a finite number in [20, 400] kg`. */
  readonly allowed: string;
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value == null) return String(value);
  try {
    const s = JSON.stringify(value);
    return s.length > 80 ? `${s.slice(0, 77)}...` : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * The brand every NexFitraError carries. A registered symbol (`Symbol.for`) is the same in every
 * copy of this package (ESM and CJS builds, two installed versions), so the brand survives the
 * dual-package hazard where `instanceof` against one copy's class fails for the other's errors.
 * zod 4 recognises its own instances across copies the same way (traits checked in a
 * `Symbol.hasInstance`, zod `v4/core/core.ts` `$constructor`).
 */
const BRAND: unique symbol = Symbol.for('@nexfitra/core.NexFitraError');

function hasBrand(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { [BRAND]?: unknown })[BRAND] === true;
}

export class NexFitraError extends Error implements NexFitraErrorDetails {
  /**
   * `instanceof NexFitraError` is true for an error from any copy of `@nexfitra/core`; for a
   * subclass (`NexFitraSchemaError`) the ordinary prototype check applies.
   */
  static override [Symbol.hasInstance](e: unknown): boolean {
    // `this` is the class on the right of `instanceof`: NexFitraError itself or a subclass.
    // biome-ignore lint/complexity/noThisInStatic: the subclass is what this check depends on
    if (this === NexFitraError) return hasBrand(e);
    // biome-ignore lint/complexity/noThisInStatic: the ordinary check against the subclass
    return Function.prototype[Symbol.hasInstance].call(this, e);
  }

  override readonly name = 'NexFitraError';
  readonly code: NexFitraErrorCode;
  readonly fn: string;
  readonly path: readonly (string | number)[];
  readonly value: unknown;
  readonly allowed: string;

  constructor(details: NexFitraErrorDetails, message?: string) {
    // Keys are shown with `show` unless string or number, so a stray object or symbol in a path
    // cannot make the constructor itself throw (String() of a null-prototype object does).
    const keys = details.path.map((k) => (typeof k === 'string' || typeof k === 'number' ? k : show(k)));
    const where = keys.length ? keys.join('.') : '(input)';
    super(
      message ??
        `${details.fn}: ${where} = ${show(details.value)} is not allowed; expected ${details.allowed}`,
    );
    this.code = details.code;
    this.fn = details.fn;
    this.path = details.path;
    this.value = details.value;
    this.allowed = details.allowed;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/**
 * `true` for an error thrown by any NexFitra function, whichever copy of `@nexfitra/core` threw
 * it (ESM or CommonJS build, another installed version): the check reads a registered-symbol
 * brand, not the prototype chain.
 */
export function isNexFitraError(e: unknown): e is NexFitraError {
  return hasBrand(e);
}
