import { z } from 'zod';
import { BodyWeight } from './quantity';
import { GoalType } from './vocab';

export const GOAL_RATE_UNITS = ['kg/week', '%bw/week'] as const;

/**
 * Intended rate of weight change, as a magnitude (the goal's `type` gives the direction).
 * Structural bounds only: at most 2 kg/week or 2 %bw/week. Whether a rate is safe is decided by
 * the targets safety policy, which refuses aggressive rates with a REFUSED error.
 */
export const GoalRate = z
  .discriminatedUnion('unit', [
    z.strictObject({ value: z.number().min(0).max(2), unit: z.literal('kg/week') }),
    z.strictObject({ value: z.number().min(0).max(2), unit: z.literal('%bw/week') }),
  ])
  .meta({ id: 'GoalRate', description: 'Rate of weight change per week, as a magnitude.' });

/**
 * What the person wants: lose, maintain or gain, how fast, and optionally a target weight.
 * `lose`/`gain` need a positive rate; `maintain` takes no rate (or a rate of 0).
 */
export const Goal = z
  .strictObject({
    type: GoalType,
    rate: GoalRate.optional(),
    targetWeight: BodyWeight.optional(),
  })
  .superRefine((g, ctx) => {
    if (g.type === 'maintain') {
      if (g.rate !== undefined && g.rate.value !== 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['rate', 'value'],
          input: g.rate.value,
          message: 'a "maintain" goal has no rate (or a rate of 0)',
        });
      }
    } else if (g.rate === undefined || g.rate.value <= 0) {
      ctx.addIssue({
        code: 'custom',
        path: g.rate === undefined ? ['rate'] : ['rate', 'value'],
        input: g.rate?.value,
        message: `a "${g.type}" goal needs a rate above 0`,
      });
    }
  })
  .meta({ id: 'Goal', description: 'Direction and rate of the intended weight change.' });

export type GoalRateT = z.infer<typeof GoalRate>;
export type GoalT = z.infer<typeof Goal>;
