import { checkEnum, checkNumber } from '../_check';
import { NexFitraError } from '../errors';

/**
 * Unit conversions with exact defining constants.
 *
 * - 1 lb = 0.45359237 kg exactly (International Yard and Pound Agreement, 1959).
 * - 1 in = 2.54 cm exactly (same agreement).
 * - 1 kcal = 4.184 kJ exactly (thermochemical calorie; EU Regulation 1169/2011 Annex XIV uses
 *   this factor for food labels).
 *
 * Signs: the plain converters (`lbToKg`, `kcalToKj`, …) are arithmetic and accept any finite
 * number up to ±1e12 in magnitude, because differences are signed (a weight change of −2 lb, a
 * deficit of −500 kcal) and converting one must not throw. The unit-tagged converters (`toKg`, `toCm`, `toKcal`) read
 * amounts at the API edge — a body weight, a height, an intake — where a negative value is
 * meaningless, so they reject it with `OUT_OF_RANGE` (zero is allowed: an unloaded set, an empty
 * meal). Check ranges that depend on the quantity (2–400 kg body weight…) where it is used.
 *
 * Magnitude: every converter accepts |value| ≤ 1e12 ({@link MAX_UNIT_VALUE}) and throws
 * `OUT_OF_RANGE` beyond it. No body weight, length or energy comes near 1e12 in any unit, and the
 * bound keeps every result finite (1e308 × 2.54 would overflow to Infinity).
 */
export const KG_PER_LB = 0.45359237;
export const CM_PER_IN = 2.54;
export const KJ_PER_KCAL = 4.184;

export const MASS_UNITS = ['kg', 'lb'] as const;
export const LENGTH_UNITS = ['cm', 'in'] as const;
/** Largest magnitude any converter accepts, in the input's unit (see the module doc). */
export const MAX_UNIT_VALUE = 1e12;
/** A signed quantity for the plain converters. */
const SIGNED = { min: -MAX_UNIT_VALUE, max: MAX_UNIT_VALUE } as const;

export const ENERGY_UNITS = ['kcal', 'kJ'] as const;
export type MassUnit = (typeof MASS_UNITS)[number];
export type LengthUnit = (typeof LENGTH_UNITS)[number];
export type EnergyUnit = (typeof ENERGY_UNITS)[number];

/** A unit-tagged mass, as accepted at the API edge (value ≥ 0). */
export interface Mass {
  readonly value: number;
  readonly unit: MassUnit;
}
/** A unit-tagged length (value ≥ 0). */
export interface Length {
  readonly value: number;
  readonly unit: LengthUnit;
}
/** A unit-tagged energy (value ≥ 0). */
export interface Energy {
  readonly value: number;
  readonly unit: EnergyUnit;
}

/**
 * Pounds to kilograms: kg = lb × 0.45359237. Signed: converts differences too.
 * @example lbToKg(100) // 45.359237
 */
export function lbToKg(lb: number): number {
  return checkNumber('lbToKg', 'lb', lb, SIGNED) * KG_PER_LB;
}
/**
 * Kilograms to pounds: lb = kg / 0.45359237.
 * @example kgToLb(45.359237) // 100
 */
export function kgToLb(kg: number): number {
  return checkNumber('kgToLb', 'kg', kg, SIGNED) / KG_PER_LB;
}
/**
 * Inches to centimetres: cm = in × 2.54.
 * @example inToCm(70) // 177.8
 */
export function inToCm(inches: number): number {
  return checkNumber('inToCm', 'in', inches, SIGNED) * CM_PER_IN;
}
/**
 * Centimetres to inches: in = cm / 2.54.
 * @example cmToIn(177.8) // 70
 */
export function cmToIn(cm: number): number {
  return checkNumber('cmToIn', 'cm', cm, SIGNED) / CM_PER_IN;
}
/**
 * Kilocalories to kilojoules: kJ = kcal × 4.184.
 * @example kcalToKj(2000) // 8368
 */
export function kcalToKj(kcal: number): number {
  return checkNumber('kcalToKj', 'kcal', kcal, SIGNED) * KJ_PER_KCAL;
}
/**
 * Kilojoules to kilocalories: kcal = kJ / 4.184.
 * @example kjToKcal(8368) // 2000
 */
export function kjToKcal(kj: number): number {
  return checkNumber('kjToKcal', 'kJ', kj, SIGNED) / KJ_PER_KCAL;
}

/** An amount at the API edge: finite, not negative and ≤ 1e12, in whichever unit is tagged. */
const AMOUNT = { min: 0, max: MAX_UNIT_VALUE } as const;

/** The optional `field` argument of the tagged converters: a field name, so errors blame `fn`. */
function checkField(fn: string, field: unknown): string {
  if (typeof field === 'string' && field !== '') return field;
  throw new NexFitraError({
    code: 'INVALID_TYPE',
    fn,
    path: ['field'],
    value: field,
    allowed: 'a non-empty field name (string) used in error paths',
  });
}

/**
 * A unit-tagged mass in kilograms.
 * @param field name used in error paths (default `mass`); `INVALID_TYPE` naming `field` if it
 *   is not a non-empty string
 * @throws {NexFitraError} `INVALID_ENUM` for an unknown unit; `INVALID_TYPE` / `OUT_OF_RANGE`
 *   for a value that is not a finite number in [0, 1e12], naming `[field, 'value']`
 * @example toKg({ value: 176, unit: 'lb' }) // 79.83225712
 */
export function toKg(mass: Mass, field = 'mass'): number {
  const name = checkField('toKg', field);
  const unit = checkEnum('toKg', [name, 'unit'], mass?.unit, MASS_UNITS);
  const value = checkNumber('toKg', [name, 'value'], mass?.value, AMOUNT);
  return unit === 'kg' ? value : value * KG_PER_LB;
}
/**
 * A unit-tagged length in centimetres; throws as {@link toKg} (a negative length is rejected).
 * @example toCm({ value: 70, unit: 'in' }) // 177.8
 */
export function toCm(length: Length, field = 'length'): number {
  const name = checkField('toCm', field);
  const unit = checkEnum('toCm', [name, 'unit'], length?.unit, LENGTH_UNITS);
  const value = checkNumber('toCm', [name, 'value'], length?.value, AMOUNT);
  return unit === 'cm' ? value : value * CM_PER_IN;
}
/**
 * A unit-tagged energy in kilocalories; throws as {@link toKg} (a negative energy is rejected).
 * @example toKcal({ value: 8368, unit: 'kJ' }) // 2000
 */
export function toKcal(energy: Energy, field = 'energy'): number {
  const name = checkField('toKcal', field);
  const unit = checkEnum('toKcal', [name, 'unit'], energy?.unit, ENERGY_UNITS);
  const value = checkNumber('toKcal', [name, 'value'], energy?.value, AMOUNT);
  return unit === 'kcal' ? value : value / KJ_PER_KCAL;
}
