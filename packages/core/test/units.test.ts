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
  it('tagged values agree with the plain conversions', () => {
    fc.assert(
      fc.property(value, (x) => {
        expect(toKg({ value: x, unit: 'lb' })).toBe(lbToKg(x));
        expect(toCm({ value: x, unit: 'in' })).toBe(inToCm(x));
        expect(toKcal({ value: x, unit: 'kJ' })).toBe(kjToKcal(x));
      }),
    );
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
