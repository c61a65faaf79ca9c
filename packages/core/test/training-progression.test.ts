import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NexFitraError } from '../src/errors';
import {
  doubleProgression,
  LOAD_CHANGE_PER_RPE,
  linearProgression,
  rpeProgression,
} from '../src/training/progression';
import { rpePercentOfOneRepMax } from '../src/training/rpe';

describe('linearProgression', () => {
  const start = { load: 100, increment: 2.5, failures: 0 };
  it('adds the increment on success and resets the failure count', () => {
    expect(linearProgression({ ...start, failures: 1 }, { success: true })).toEqual({
      ...start,
      load: 102.5,
      failures: 0,
    });
  });
  it('repeats on failure, and takes 10 % off after the third failure in a row', () => {
    const a = linearProgression(start, { success: false });
    expect(a).toMatchObject({ load: 100, failures: 1 });
    const b = linearProgression(a, { success: false });
    expect(b).toMatchObject({ load: 100, failures: 2 });
    const c = linearProgression(b, { success: false });
    expect(c).toMatchObject({ load: 90, failures: 0 }); // 100 · 0.9
    // The @example, literally: third failure at 100 → 100 × (1 − 0.10) = 90.
    expect(linearProgression({ load: 100, increment: 2.5, failures: 2 }, { success: false }).load).toBe(90);
  });
  it('rounds a reset load when asked: 102.5 · 0.9 = 92.25 → 92.5', () => {
    expect(
      linearProgression({ load: 102.5, increment: 2.5, failures: 2, roundTo: 2.5 }, { success: false }).load,
    ).toBe(92.5);
  });
  it('rejects bad state', () => {
    expect(() => linearProgression({ ...start, failures: 3 }, { success: false })).toThrowError(
      /state.failures/,
    );
    expect(() => linearProgression(start, { success: 'yes' as unknown as boolean })).toThrowError(
      NexFitraError,
    );
  });
});

describe('doubleProgression', () => {
  const s = { load: 20, targetReps: 8, minReps: 8, maxReps: 12, increment: 2 };
  it('walks reps up the range, then adds load and drops to the bottom', () => {
    let state = s;
    for (const expected of [9, 10, 11, 12]) {
      state = doubleProgression(state, { repsCompleted: state.targetReps });
      expect(state).toMatchObject({ load: 20, targetReps: expected });
    }
    expect(doubleProgression(state, { repsCompleted: 12 })).toMatchObject({ load: 22, targetReps: 8 });
  });
  it('repeats on a miss and follows reps actually achieved', () => {
    expect(doubleProgression({ ...s, targetReps: 10 }, { repsCompleted: 9 })).toMatchObject({
      load: 20,
      targetReps: 10,
    });
    expect(doubleProgression(s, { repsCompleted: 10 })).toMatchObject({ load: 20, targetReps: 11 });
  });
  it('keeps target inside the range and load never falls', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 12 }), fc.integer({ min: 0, max: 20 }), (t, done) => {
        const n = doubleProgression({ ...s, targetReps: t }, { repsCompleted: done });
        return n.targetReps >= 8 && n.targetReps <= 12 && n.load >= 20;
      }),
    );
  });
  it('rejects an inverted range', () => {
    try {
      doubleProgression({ ...s, minReps: 12, maxReps: 8 }, { repsCompleted: 8 });
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'INCONSISTENT', fn: 'doubleProgression', path: ['state', 'maxReps'] });
    }
  });
});

describe('rpeProgression', () => {
  it('changes load by 3 % per RPE point (hand calculation)', () => {
    expect(rpeProgression({ load: 100, targetRpe: 8 }, { rpe: 9 }).load).toBeCloseTo(97, 10);
    expect(rpeProgression({ load: 100, targetRpe: 8 }, { rpe: 6.5 }).load).toBeCloseTo(104.5, 10); // 1 + 0.03 · 1.5
    expect(rpeProgression({ load: 100, targetRpe: 8 }, { rpe: 8 }).load).toBe(100);
    expect(rpeProgression({ load: 100, targetRpe: 8, roundTo: 2.5 }, { rpe: 9 }).load).toBe(97.5);
  });
  it('the 3 % constant lies within the chart step of one RPE point (2.2–3.1 %)', () => {
    for (let reps = 1; reps <= 12; reps++) {
      const step = 1 - rpePercentOfOneRepMax(reps, 8) / rpePercentOfOneRepMax(reps, 9);
      expect(step).toBeGreaterThan(0.02);
      expect(step).toBeLessThan(0.04);
    }
    expect(LOAD_CHANGE_PER_RPE).toBe(0.03);
  });
  it('rejects RPE outside 6–10', () => {
    expect(() => rpeProgression({ load: 100, targetRpe: 8 }, { rpe: 3 })).toThrowError(/outcome.rpe/);
  });
});
