import { checkEnum, checkNumber, checkObject, HUMAN } from '../_check';
import { bmi as bodyMassIndex } from '../body/bmi';
import { NexFitraError } from '../errors';
import { GOAL_TYPES, type GoalTypeT, SEXES, type SexT } from '../schemas/vocab';

/**
 * The refusal half of the targets safety policy (the policy and its sources are documented in
 * `./safety.ts`): who the calculator does not serve without a clinician — under-18s, pregnancy,
 * lactation, and a weight-loss goal at BMI < 18.5 (WHO Technical Report Series 894, 2000,
 * Table 2.1). A refusal is returned as `{ ok: false, refusal }`, never thrown; an explicit
 * {@link ClinicianOverride} waives it and the result records what was waived.
 */

/** BMI under which no weight-loss target is given (WHO TRS 894 underweight). */
export const UNDERWEIGHT_BMI = 18.5;
/** Age from which the calculator serves a person without a clinician override. */
export const ADULT_AGE_YEARS = 18;

/**
 * `NO_SAFE_DEFICIT` is raised by `dailyTargets`, not here: a weight-loss goal whose lowest safe
 * intake is at or above the person's expenditure (see `safeTarget.ts`).
 */
export const REFUSAL_CODES = [
  'MINOR',
  'PREGNANCY',
  'LACTATION',
  'UNDERWEIGHT_WEIGHT_LOSS',
  'NO_SAFE_DEFICIT',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface RefusalReason {
  readonly code: RefusalCode;
  readonly message: string;
  readonly value: number | boolean;
  readonly limit: number | boolean;
}

export interface Refusal {
  /** Every reason that applies, in the order MINOR, PREGNANCY, LACTATION, UNDERWEIGHT_WEIGHT_LOSS. */
  readonly reasons: readonly RefusalReason[];
  /** One sentence for the user, joining the reasons. */
  readonly message: string;
}

/** An explicit, auditable waiver of refusals by a clinician. `reason` must be non-empty. */
export interface ClinicianOverride {
  readonly reason: string;
  readonly clinician?: string;
}

/** Recorded in a result whenever an override waived at least one refusal. */
export interface OverrideRecord {
  readonly reason: string;
  readonly clinician?: string;
  readonly waived: readonly RefusalCode[];
}

export interface EligibilityInput {
  readonly ageYears: number;
  readonly sex: SexT;
  readonly weightKg: number;
  readonly heightCm: number;
  readonly goal: GoalTypeT;
  readonly pregnant?: boolean;
  readonly lactating?: boolean;
}

export interface SafetyOptions {
  readonly clinicianOverride?: ClinicianOverride;
}

export type Eligibility =
  | { readonly ok: true; readonly clinicianOverride: OverrideRecord | null }
  | { readonly ok: false; readonly refusal: Refusal };

function checkFlag(fn: string, field: string, v: unknown): boolean {
  if (v === undefined) return false;
  if (typeof v !== 'boolean') {
    throw new NexFitraError({ code: 'INVALID_TYPE', fn, path: [field], value: v, allowed: 'a boolean' });
  }
  return v;
}

function checkOverride(fn: string, o: SafetyOptions | undefined): ClinicianOverride | undefined {
  if (o === undefined) return undefined;
  checkObject(fn, 'options', o);
  const co = o.clinicianOverride;
  if (co === undefined) return undefined;
  checkObject(fn, 'clinicianOverride', co);
  if (typeof co.reason !== 'string' || co.reason.trim() === '') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['clinicianOverride', 'reason'],
      value: co.reason,
      allowed: 'a non-empty string stating why the clinician waives the refusal',
    });
  }
  if (co.clinician !== undefined && typeof co.clinician !== 'string') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['clinicianOverride', 'clinician'],
      value: co.clinician,
      allowed: 'a string',
    });
  }
  return co;
}

/**
 * Whether the calculator may serve this person and goal (see the module doc for the policy).
 *
 * @returns `{ ok: true, clinicianOverride }` (the override record is `null` unless it waived a
 *   refusal) or `{ ok: false, refusal }` listing every reason
 * @throws {NexFitraError} for invalid input only; a refusal is never thrown
 * @example checkEligibility({ ageYears: 16, sex: 'female', weightKg: 55, heightCm: 165, goal: 'lose' }).ok // false
 */
export function checkEligibility(input: EligibilityInput, options?: SafetyOptions): Eligibility {
  return eligibilityFor('checkEligibility', input, options);
}

/**
 * @internal {@link checkEligibility} with the name of the public function that errors blame
 * (`assessSafety` validates through it and must name itself).
 */
export function eligibilityFor(fn: string, input: EligibilityInput, options?: SafetyOptions): Eligibility {
  checkObject(fn, 'input', input);
  const ageYears = checkNumber(fn, 'ageYears', input.ageYears, HUMAN.ageYears);
  const sex = checkEnum(fn, 'sex', input.sex, SEXES);
  const weightKg = checkNumber(fn, 'weightKg', input.weightKg, HUMAN.weightKg);
  const heightCm = checkNumber(fn, 'heightCm', input.heightCm, HUMAN.heightCm);
  const goal = checkEnum(fn, 'goal', input.goal, GOAL_TYPES);
  const pregnant = checkFlag(fn, 'pregnant', input.pregnant);
  const lactating = checkFlag(fn, 'lactating', input.lactating);
  if (sex === 'male' && (pregnant || lactating)) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn,
      path: [pregnant ? 'pregnant' : 'lactating'],
      value: true,
      allowed: "false or absent when sex is 'male'",
    });
  }
  const override = checkOverride(fn, options);

  const reasons: RefusalReason[] = [];
  if (ageYears < ADULT_AGE_YEARS) {
    reasons.push({
      code: 'MINOR',
      message: `Targets for people under ${ADULT_AGE_YEARS} need a paediatric clinician: adult equations, floors and deficits do not apply during growth.`,
      value: ageYears,
      limit: ADULT_AGE_YEARS,
    });
  }
  if (pregnant) {
    reasons.push({
      code: 'PREGNANCY',
      message: 'Energy needs rise during pregnancy; targets need a clinician.',
      value: true,
      limit: false,
    });
  }
  if (lactating) {
    reasons.push({
      code: 'LACTATION',
      message: 'Energy needs rise during lactation; targets need a clinician.',
      value: true,
      limit: false,
    });
  }
  const bmi = bodyMassIndex({ weightKg, heightCm });
  if (goal === 'lose' && bmi < UNDERWEIGHT_BMI) {
    reasons.push({
      code: 'UNDERWEIGHT_WEIGHT_LOSS',
      message: `BMI ${bmi.toFixed(1)} is below ${UNDERWEIGHT_BMI} (underweight): no weight-loss target is given; choose 'maintain' or 'gain'.`,
      value: bmi,
      limit: UNDERWEIGHT_BMI,
    });
  }
  if (reasons.length === 0) return { ok: true, clinicianOverride: null };
  if (override) {
    const record: OverrideRecord = {
      reason: override.reason,
      ...(override.clinician !== undefined ? { clinician: override.clinician } : {}),
      waived: reasons.map((r) => r.code),
    };
    return { ok: true, clinicianOverride: record };
  }
  return {
    ok: false,
    refusal: { reasons, message: reasons.map((r) => r.message).join(' ') },
  };
}

/**
 * Throws `NexFitraError` code `REFUSED` if `eligibility` is a refusal, for callers who prefer
 * exceptions; otherwise returns it narrowed to the `ok: true` branch (a fresh object holding only
 * `ok` and the validated `clinicianOverride`).
 * @throws {NexFitraError} `REFUSED` for a refusal; `INVALID_TYPE` / `INVALID_ENUM` naming the
 *   field for anything that is not an {@link Eligibility} (as `checkEligibility` returns)
 * @example unwrapEligible(checkEligibility({ ageYears: 30, sex: 'male', weightKg: 80, heightCm: 180, goal: 'lose' })).ok // true
 */
export function unwrapEligible(eligibility: Eligibility): Extract<Eligibility, { ok: true }> {
  const fn = 'unwrapEligible';
  const e = checkObject(fn, 'eligibility', eligibility);
  if (e['ok'] === true) return { ok: true, clinicianOverride: checkRecord(fn, e['clinicianOverride']) };
  const shape =
    'an Eligibility: { ok: true, clinicianOverride } or { ok: false, refusal: { reasons, message } }';
  if (e['ok'] !== false) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['eligibility', 'ok'],
      value: e['ok'],
      allowed: shape,
    });
  }
  const r = e['refusal'];
  if (typeof r !== 'object' || r === null || Array.isArray(r)) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['eligibility', 'refusal'],
      value: r,
      allowed: shape,
    });
  }
  const refusal = r as Record<string, unknown>;
  const reasons = refusal['reasons'];
  if (!Array.isArray(reasons) || reasons.length === 0) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['eligibility', 'refusal', 'reasons'],
      value: reasons,
      allowed: 'a non-empty array of refusal reasons',
    });
  }
  const codes = reasons.map((r: unknown, i) =>
    checkEnum(
      fn,
      ['eligibility', 'refusal', 'reasons', i, 'code'],
      (r as RefusalReason | null)?.code,
      REFUSAL_CODES,
    ),
  );
  const message = refusal['message'];
  if (typeof message !== 'string') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['eligibility', 'refusal', 'message'],
      value: message,
      allowed: 'a string',
    });
  }
  throw new NexFitraError(
    { code: 'REFUSED', fn, path: [], value: codes, allowed: 'an eligible request' },
    `unwrapEligible: refused (${codes.join(', ')}): ${message}`,
  );
}

/** `null`, or an {@link OverrideRecord} with a reason, an optional clinician and waived codes. */
function checkRecord(fn: string, v: unknown): OverrideRecord | null {
  if (v === null) return null;
  const path = ['eligibility', 'clinicianOverride'];
  const allowed = 'null or an override record { reason, clinician?, waived }';
  if (typeof v !== 'object' || Array.isArray(v)) {
    throw new NexFitraError({ code: 'INVALID_TYPE', fn, path, value: v, allowed });
  }
  const r = v as Record<string, unknown>;
  const { reason, clinician, waived } = r;
  if (typeof reason !== 'string' || reason.trim() === '') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: [...path, 'reason'],
      value: reason,
      allowed: 'a non-empty string',
    });
  }
  if (clinician !== undefined && typeof clinician !== 'string') {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: [...path, 'clinician'],
      value: clinician,
      allowed: 'a string',
    });
  }
  if (!Array.isArray(waived)) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: [...path, 'waived'],
      value: waived,
      allowed: 'an array of refusal codes',
    });
  }
  const codes = waived.map((c: unknown, i) => checkEnum(fn, [...path, 'waived', i], c, REFUSAL_CODES));
  return { reason, ...(clinician !== undefined ? { clinician } : {}), waived: codes };
}
