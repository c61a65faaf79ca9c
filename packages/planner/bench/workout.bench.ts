/**
 * Workout programmer speed: a 4-week program (3 loading weeks + deload) for three requests — the
 * issue's 3-day dumbbell beginner with a knee injury, a 6-day intermediate in a full gym
 * (push/pull/legs twice, the largest week), and a 3 × 30-minute beginner whose time is too short
 * for the weekly set range, so the programmer plans the week again with more minutes and days to
 * say what would reach it (the `volumeFinding` search: compare its mean with the first row's).
 * Target ≤ 5 ms median per program without the search, ≤ 25 ms with it.
 * Run: `npx vitest bench --run packages/planner/bench/workout.bench.ts`. Before the timings it
 * prints, over 300 seeded random requests, how often some target muscle stays below its weekly
 * range and why, so speed is never bought with quality.
 */
import { createRng, EQUIPMENT, EXPERIENCE_LEVELS, INJURY_SITES, type PlanRequestT } from '@nexfitra/core';
import { bench, describe } from 'vitest';
import { BEGINNER_KNEE_REQUEST } from '../../core/test/fixtures/requests';
import { programWorkout } from '../src/index';

const base: PlanRequestT = BEGINNER_KNEE_REQUEST;
const gym: PlanRequestT = {
  ...base,
  goal: { type: 'gain', rate: { value: 0.25, unit: 'kg/week' } },
  preferences: {
    ...base.preferences,
    trainingDaysPerWeek: 6,
    sessionMinutes: 75,
    equipment: [...EQUIPMENT],
    injuries: [],
    experience: 'intermediate',
  },
};

const short: PlanRequestT = {
  ...base,
  preferences: { ...base.preferences, sessionMinutes: 30, equipment: [...EQUIPMENT], injuries: [] },
};

{
  const rng = createRng(2024);
  const n = 300;
  let short = 0;
  const reasons: Record<string, number> = {};
  for (let i = 0; i < n; i++) {
    const req: PlanRequestT = {
      ...base,
      preferences: {
        ...base.preferences,
        trainingDaysPerWeek: rng.int(1, 7),
        sessionMinutes: rng.int(20, 120),
        experience: rng.pick(EXPERIENCE_LEVELS),
        equipment: EQUIPMENT.filter(() => rng.next() < 0.5),
        injuries: INJURY_SITES.filter(() => rng.next() < 0.2),
      },
      seed: i,
    };
    const { shortfalls } = programWorkout(req).report;
    if (shortfalls.length) short++;
    for (const s of shortfalls) reasons[s.reason] = (reasons[s.reason] ?? 0) + 1;
  }
  console.log(
    `workout: ${n} random requests (1–7 days, 20–120 min), ${short} with a target muscle below range; muscle-shortfalls by reason ${JSON.stringify(reasons)}`,
  );
}

describe('programWorkout, 4-week program', () => {
  let seed = 0;
  bench('3-day beginner, dumbbells, knee injury', () => {
    programWorkout(base, { seed: seed++ });
  });
  bench('6-day intermediate, full gym (PPL ×2)', () => {
    programWorkout(gym, { seed: seed++ });
  });
  bench('3 × 30 min beginner, full gym (too short: volumeFinding search)', () => {
    programWorkout(short, { seed: seed++ });
  });
});
