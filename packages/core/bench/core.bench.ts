/**
 * Core throughput: calls per second of the formulas an app calls per request. Absolute numbers
 * on a shared machine are noisy; read them relative to each other (input validation included).
 */
import { bench, describe } from 'vitest';
import {
  bmi,
  dailyTargets,
  estimateOneRepMax,
  harrisBenedict1919,
  mifflinStJeor,
  navyBodyFat,
  schofield,
} from '../src/index';

const person = { weightKg: 80, heightCm: 180, ageYears: 35, sex: 'male' as const };

describe('core formulas (one call each, input checks included)', () => {
  bench('bmi', () => {
    bmi(person);
  });
  bench('mifflinStJeor', () => {
    mifflinStJeor(person);
  });
  bench('harrisBenedict1919', () => {
    harrisBenedict1919(person);
  });
  bench('schofield', () => {
    schofield({ weightKg: 80, ageYears: 35, sex: 'male' });
  });
  bench('estimateOneRepMax (epley)', () => {
    estimateOneRepMax(100, 5, 'epley');
  });
  bench('navyBodyFat (cm)', () => {
    navyBodyFat({ sex: 'male', heightCm: 180, waistCm: 85, neckCm: 38 });
  });
});

describe('core targets', () => {
  bench('dailyTargets (BMR → TDEE → calories, macros, fiber, AMDR, safety)', () => {
    dailyTargets(
      { ...person, activityLevel: 'moderate' },
      { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } },
    );
  });
});
