/**
 * The plan language on the rule planner's output (`programWorkout` of @nexfitra/planner): the
 * text form must round-trip every program the planner writes, and the request's grammar must
 * accept it. It lives with the planner so that core never imports upward.
 */

import { isNexFitraError, type PlanRequestT } from '@nexfitra/core';
import { createGrammar, formatPlan, parsePlan } from '@nexfitra/core/language';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bodyArb, requestArb } from '../../core/test/language.fixtures';
import { generateRequests, planPlan, programWorkout } from '../src/index';

const goals = fc.constantFrom(
  { type: 'maintain' as const },
  { type: 'lose' as const, rate: { value: 0.5, unit: 'kg/week' as const } },
  { type: 'gain' as const, rate: { value: 0.25, unit: 'kg/week' as const } },
);

const plannerRequest: fc.Arbitrary<PlanRequestT> = fc
  .tuple(requestArb, goals, fc.integer({ min: 20, max: 120 }), fc.integer({ min: 0, max: 1000 }))
  .map(([r, goal, sessionMinutes, seed]) => ({
    ...r,
    goal,
    seed,
    preferences: { ...r.preferences, sessionMinutes },
  }));

/** The planner's program, or undefined when it refuses the request (no exercise for a slot). */
function program(r: PlanRequestT, weeks: number) {
  try {
    return programWorkout(r, { weeks }).program;
  } catch (e) {
    if (isNexFitraError(e) && e.code === 'INCONSISTENT') return undefined;
    throw e;
  }
}

describe('plan language on programWorkout output', () => {
  it('round-trips and is accepted by the request grammar (property)', () => {
    let planned = 0;
    fc.assert(
      fc.property(
        plannerRequest.chain((r) => {
          const g = createGrammar(r);
          return fc.tuple(
            fc.constant(r),
            fc.integer({ min: 1, max: 6 }),
            bodyArb(r, g).map((b) => b.mealPlan),
          );
        }),
        ([r, weeks, mealPlan]) => {
          const workoutProgram = program(r, weeks);
          if (workoutProgram === undefined) return;
          planned++;
          const body = { mealPlan, workoutProgram };
          const text = formatPlan(body);
          expect(parsePlan(text)).toEqual(body);
          const g = createGrammar(r, { weeks });
          let s = g.start;
          for (const t of text.split(' ')) s = g.advance(s, t);
          expect(g.isComplete(s)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
    // Most random requests are plannable; a run where none were would test nothing.
    expect(planned).toBeGreaterThan(20);
  });
});

describe('plan language on complete planPlan output', () => {
  it('round-trips meal plan and program of generated requests, accepted by their grammar', async () => {
    // Generated requests (seeded) planned end to end: the portions the solver picks sit on each
    // food's gram steps, which the language's gram vocabulary must represent exactly.
    let planned = 0;
    for (const request of generateRequests(8, 20261126, { days: 3 })) {
      const result = await planPlan(request);
      if (!result.ok) continue;
      planned++;
      const { mealPlan, workoutProgram } = result.plan;
      const body = { mealPlan, workoutProgram };
      const text = formatPlan(body);
      expect(parsePlan(text)).toEqual(body);
      const g = createGrammar(request, { weeks: workoutProgram.weeks.length });
      let s = g.start;
      for (const t of text.split(' ')) s = g.advance(s, t);
      expect(g.isComplete(s)).toBe(true);
    }
    expect(planned).toBeGreaterThan(5);
  });
});
