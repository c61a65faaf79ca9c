import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CM_PER_IN,
  cmToIn,
  inToCm,
  KG_PER_LB,
  KJ_PER_KCAL,
  kcalToKj,
  kgToLb,
  kjToKcal,
  lbToKg,
  NexFitraError,
  toCm,
  toKcal,
  toKg,
} from '../src/index';

const value = fc.double({ min: -1e5, max: 1e5, noNaN: true, noDefaultInfinity: true });
const amount = fc.double({ min: 0, max: 1e5, noNaN: true, noDefaultInfinity: true });
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9;

describe('unit constants are the exact defining values', () => {
  it('1 lb = 0.45359237 kg, 1 in = 2.54 cm (1959 agreement), 1 kcal = 4.184 kJ (thermochemical)', () => {
    expect(KG_PER_LB).toBe(0.45359237);
    expect(CM_PER_IN).toBe(2.54);
    expect(KJ_PER_KCAL).toBe(4.184);
  });
});

describe('conversions match hand calculations', () => {
  it('mass', () => {
    expect(lbToKg(100)).toBeCloseTo(45.359237, 12); // 100 × 0.45359237
    expect(kgToLb(45.359237)).toBeCloseTo(100, 12);
    // 176 × 0.45359237 = 79.83225712
    expect(toKg({ value: 176, unit: 'lb' })).toBeCloseTo(79.83225712, 12);
    expect(toKg({ value: 80, unit: 'kg' })).toBe(80);
  });
  it('length', () => {
    expect(inToCm(70)).toBeCloseTo(177.8, 12); // 70 × 2.54
    expect(cmToIn(177.8)).toBeCloseTo(70, 12);
    expect(toCm({ value: 70, unit: 'in' })).toBeCloseTo(177.8, 12);
    expect(toCm({ value: 180, unit: 'cm' })).toBe(180);
  });
  it('energy', () => {
    expect(kcalToKj(2000)).toBeCloseTo(8368, 12); // 2000 × 4.184
    expect(kjToKcal(8368)).toBeCloseTo(2000, 12);
    expect(toKcal({ value: 8368, unit: 'kJ' })).toBeCloseTo(2000, 12);
    expect(toKcal({ value: 2000, unit: 'kcal' })).toBe(2000);
  });
});

describe('round trips are exact to 1e-9 over ±1e5 (fast-check)', () => {
  it('kg → lb → kg and lb → kg → lb', () => {
    fc.assert(fc.property(value, (x) => close(lbToKg(kgToLb(x)), x) && close(kgToLb(lbToKg(x)), x)));
  });
  it('cm → in → cm and in → cm → in', () => {
    fc.assert(fc.property(value, (x) => close(inToCm(cmToIn(x)), x) && close(cmToIn(inToCm(x)), x)));
  });
  it('kcal → kJ → kcal and kJ → kcal → kJ', () => {
    fc.assert(fc.property(value, (x) => close(kjToKcal(kcalToKj(x)), x) && close(kcalToKj(kjToKcal(x)), x)));
  });
  it('tagged values agree with the plain conversions (amounts ≥ 0)', () => {
    fc.assert(
      fc.property(amount, (x) => {
        expect(toKg({ value: x, unit: 'lb' })).toBe(lbToKg(x));
        expect(toCm({ value: x, unit: 'in' })).toBe(inToCm(x));
        expect(toKcal({ value: x, unit: 'kJ' })).toBe(kjToKcal(x));
      }),
    );
  });
});

describe('signs: plain converters are signed, tagged amounts are not', () => {
  it('plain converters convert differences: −2 lb = −0.90718474 kg, −500 kcal = −2092 kJ', () => {
    expect(lbToKg(-2)).toBeCloseTo(-0.90718474, 12); // −2 × 0.45359237
    expect(kcalToKj(-500)).toBeCloseTo(-2092, 12); // −500 × 4.184
    expect(cmToIn(-2.54)).toBeCloseTo(-1, 12);
  });
  it('tagged converters reject a negative amount with OUT_OF_RANGE naming the field', () => {
    for (const [f, arg, fn] of [
      [toKg, { value: -1, unit: 'lb' }, 'toKg'],
      [toCm, { value: -0.5, unit: 'cm' }, 'toCm'],
      [toKcal, { value: -500, unit: 'kcal' }, 'toKcal'],
    ] as const) {
      expect(() => (f as (x: unknown, field: string) => number)(arg, 'profile.weight')).toThrowError(
        expect.objectContaining({ code: 'OUT_OF_RANGE', fn, path: ['profile.weight', 'value'] }),
      );
    }
    expect(() => toKg({ value: -1, unit: 'kg' })).toThrowError(
      /mass\.value = -1 is not allowed; expected a finite number in \[0, 1000000000000\]/,
    );
  });
  it('zero is an amount (an unloaded set, an empty meal)', () => {
    expect(toKg({ value: 0, unit: 'lb' })).toBe(0);
    expect(toCm({ value: 0, unit: 'in' })).toBe(0);
    expect(toKcal({ value: 0, unit: 'kJ' })).toBe(0);
  });
});

describe('typed errors', () => {
  const plain = [lbToKg, kgToLb, inToCm, cmToIn, kcalToKj, kjToKcal];
  it('plain conversions reject NaN, ±Infinity and non-numbers (fast-check)', () => {
    const bad = fc.constantFrom<unknown>(
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      '1',
      null,
      undefined,
      {},
    );
    fc.assert(
      fc.property(fc.constantFrom(...plain), bad, (f, v) => {
        expect(() => f(v as number)).toThrowError(NexFitraError);
      }),
    );
  });
  it('names the function and field', () => {
    try {
      lbToKg(Number.NaN);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_TYPE', fn: 'lbToKg', path: ['lb'] });
    }
  });
  it('tagged conversions reject unknown units and bad values with the field path', () => {
    try {
      toKg({ value: 10, unit: 'stone' as 'kg' }, 'weight');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_ENUM', fn: 'toKg', path: ['weight', 'unit'], value: 'stone' });
    }
    try {
      toCm({ value: '70' as unknown as number, unit: 'in' });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'INVALID_TYPE', fn: 'toCm', path: ['length', 'value'] });
    }
    expect(() => toKcal({ value: 1, unit: 'cal' as 'kcal' })).toThrowError(/kcal/);
    expect(() => toKcal(null as never)).toThrowError(NexFitraError);
  });
});

describe('magnitude bound: |value| ≤ 1e12 keeps every result finite', () => {
  const plain = [lbToKg, kgToLb, inToCm, cmToIn, kcalToKj, kjToKcal];
  it('accepts ±1e12 exactly: 1e12 × 2.54 = 2.54e12, 1e12 × 4.184 = 4.184e12', () => {
    expect(inToCm(1e12)).toBeCloseTo(2.54e12, 0);
    expect(kcalToKj(-1e12)).toBeCloseTo(-4.184e12, 0);
    expect(toCm({ value: 1e12, unit: 'in' })).toBeCloseTo(2.54e12, 0);
  });
  it('rejects anything beyond with OUT_OF_RANGE (1e308 × 2.54 used to be Infinity)', () => {
    for (const f of plain) {
      for (const x of [1e308, -1e308, 1.000001e12]) {
        expect(() => f(x)).toThrowError(expect.objectContaining({ code: 'OUT_OF_RANGE', fn: f.name }));
      }
    }
    expect(() => toCm({ value: 1e308, unit: 'in' })).toThrowError(
      expect.objectContaining({ code: 'OUT_OF_RANGE', fn: 'toCm', path: ['length', 'value'] }),
    );
  });
  it('a field argument that is not a non-empty string is blamed on the converter', () => {
    for (const [f, fn] of [
      [toKg, 'toKg'],
      [toCm, 'toCm'],
      [toKcal, 'toKcal'],
    ] as const) {
      for (const field of [{}, 7, '', ['a']]) {
        expect(() =>
          (f as (x: unknown, field: unknown) => number)({ value: 1, unit: 'kg' }, field),
        ).toThrowError(expect.objectContaining({ code: 'INVALID_TYPE', fn, path: ['field'], value: field }));
      }
    }
  });
});
