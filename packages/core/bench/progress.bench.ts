/**
 * Progress tracking per call (issue 12 targets: both well under 5 ms): trend + adaptive
 * expenditure over a year of daily logs, and a one-year Hall projection at a 1-day step. The
 * named alternatives run in the same process for ratios: the EWMA trend (no uncertainty, no
 * outliers) and the static 7,700 kcal/kg rule (one division per day).
 */
import { bench, describe } from 'vitest';
import { LOSS_KCAL_PER_KG } from '../src/index';
import {
  adaptiveExpenditure,
  checkProgressLog,
  ewmaTrend,
  projectWeight,
  trendWeight,
} from '../src/progress/index';

const entries = Array.from({ length: 365 }, (_, i) => ({
  date: new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString().slice(0, 10),
  weight: { value: Math.round((92 - i * 0.03 + Math.sin(i * 1.7) * 0.6) * 10) / 10, unit: 'kg' as const },
  intakeKcal: 2100 + ((i * 37) % 300),
}));
const days = checkProgressLog(entries).days;
const profile = { sex: 'male' as const, ageYears: 40, heightCm: 180 };

describe('a year of daily logs', () => {
  // adaptiveExpenditure runs the Kalman trend itself: this one call is "trend + expenditure".
  bench('trend + adaptive expenditure (adaptiveExpenditure, Kalman, 365 days)', () => {
    adaptiveExpenditure(days, profile);
  });
  bench('trendWeight alone (Kalman, 365 days)', () => {
    trendWeight(days);
  });
  bench('alternative: ewmaTrend (365 days)', () => {
    ewmaTrend(days);
  });
  bench('checkProgressLog (365 raw entries, zod per entry)', () => {
    checkProgressLog(entries);
  });
});

describe('one-year projection', () => {
  bench('projectWeight, Hall 2011, RK4 at 1 day, 365 days', () => {
    projectWeight({ sex: 'male', ageYears: 40, weightKg: 90, heightCm: 180, pal: 1.5 }, 2250, 365);
  });
  bench('alternative: static 7,700 kcal/kg rule, 365 days', () => {
    const out = new Float64Array(366);
    for (let d = 0; d <= 365; d++) out[d] = 90 - (500 * d) / LOSS_KCAL_PER_KG;
  });
});
