/** Deterministic inputs for the chart tests: a simulated 10-week log (seeded), one of each chart. */
import { EXERCISES } from '../src/exercises/index';
import { byIdLookup } from '../src/index';
import {
  checkProgressLog,
  e1rmChart,
  e1rmTrend,
  projectionBand,
  projectionChart,
  trendWeight,
  weeklyHardSets,
  weeklyVolumeChart,
  weightTrendChart,
} from '../src/progress/index';
import { date, gaussian } from './progress.fixtures';

export function chartInputs() {
  const z = gaussian(11);
  const entries = [];
  for (let i = 0; i < 70; i++) {
    const workouts =
      i % 7 === 0 || i % 7 === 2 || i % 7 === 4
        ? [
            {
              durationMinutes: 60,
              sessionRpe: 7,
              exercises: [
                {
                  exerciseId: 'barbell-back-squat',
                  sets: [0, 1, 2].map(() => ({
                    reps: 5,
                    load: { value: 80 + 2.5 * Math.floor(i / 7), unit: 'kg' as const },
                  })),
                },
                {
                  exerciseId: i % 7 === 2 ? 'pull-up' : 'barbell-bench-press',
                  sets: [0, 1, 2].map(() => ({ reps: 8, load: { value: 60, unit: 'kg' as const } })),
                },
              ],
            },
          ]
        : undefined;
    const weigh = i % 5 !== 3; // a missing weigh-in now and then
    const kg = i === 40 ? 96.5 : 92 - (0.6 / 7) * i + 0.6 * z(); // one typo-like outlier
    entries.push({
      date: date(i),
      ...(weigh ? { weight: { value: Math.round(kg * 10) / 10, unit: 'kg' as const } } : {}),
      intakeKcal: 2100,
      ...(workouts ? { workouts } : {}),
    });
  }
  const days = checkProgressLog(entries).days;
  return { days, trend: trendWeight(days), lookup: byIdLookup(EXERCISES) };
}

/** One of each chart, from {@link chartInputs}. */
export function allCharts(): Record<string, string> {
  const { days, trend, lookup } = chartInputs();
  const profile = { sex: 'male' as const, ageYears: 38, weightKg: 86, heightCm: 180, maintenanceKcal: 2700 };
  return {
    weight: weightTrendChart(trend.points),
    projection: projectionChart(projectionBand(profile, 2200, 182, 150)),
    e1rm: e1rmChart(e1rmTrend(days, 'barbell-back-squat')),
    volume: weeklyVolumeChart(weeklyHardSets(days, lookup)),
  };
}
