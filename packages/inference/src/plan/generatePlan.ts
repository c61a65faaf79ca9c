/**
 * The one call apps make: a request in, a valid, safe plan out, from whichever model is chosen.
 */
import { PlanRequest, type PlanRequestT, parseOrThrow } from '@nexfitra/core';
import { checkNumber, checkObject } from '@nexfitra/core/internal';
import { RULES_MODEL_ID } from '../registry/builtin';
import { defaultRegistry } from '../registry/defaultRegistry';
import type { PlanModel } from '../registry/types';
import { rulesPath } from './_rulesPath';
import { textPath } from './_textPath';
import type { GeneratePlanOptions, GeneratePlanResult } from './types';

const FN = 'generatePlan';

/**
 * A plan for `request` from `options.model` (a registry id, default `builtin:rules`, or a model).
 *
 * - Rule model: the planner's plan (targets, meals with solved portions, program, validated).
 * - Text model: core targets → prompt (`formatRequest`) → generation constrained by
 *   `createGrammar(request)` (foods, exercises and structure the request allows) → `parsePlan`
 *   → repair (portions re-solved per day by the planner's solver into the kcal/macro bands,
 *   missing sessions and weekly volume by the programmer's rules) → `validatePlan`.
 *
 * Never returns `ok: true` with a hard violation. A request the targets policy refuses (minor,
 * pregnancy, lactation, loss when underweight) returns `{ ok: false, refused: true, refusal }`;
 * an aborted or timed-out generation, unparseable text or a plan still breaking a hard rule
 * returns `{ ok: false, refused: false, failure }` with what was measured so far.
 *
 * @throws {NexFitraError} `SCHEMA` for an invalid request; `INVALID_ENUM` for an unknown model id;
 *   `OUT_OF_RANGE` for a bad seed, weeks, maxMs or maxNewTokens
 * @example const r = await generatePlan(request, { model: 'builtin:rules', seed: 1 }); if (r.ok) r.plan.mealPlan.days.length
 */
export async function generatePlan(
  request: PlanRequestT,
  options: GeneratePlanOptions = {},
): Promise<GeneratePlanResult> {
  const req = parseOrThrow(PlanRequest, request, FN);
  const o = checkObject(FN, 'options', options) as GeneratePlanOptions;
  const seed =
    o.seed !== undefined
      ? checkNumber(FN, ['options', 'seed'], o.seed, { min: 0, max: 2 ** 32 - 1, integer: true })
      : (req.seed ?? 0);
  if (o.weeks !== undefined)
    checkNumber(FN, ['options', 'weeks'], o.weeks, { min: 1, max: 52, integer: true });
  if (o.maxMs !== undefined) checkNumber(FN, ['options', 'maxMs'], o.maxMs, { min: 0, max: 600000 });
  if (o.maxNewTokens !== undefined) {
    checkNumber(FN, ['options', 'maxNewTokens'], o.maxNewTokens, { min: 1, max: 1000000, integer: true });
  }
  const model: PlanModel =
    typeof o.model === 'object' && o.model !== null
      ? o.model
      : await (o.registry ?? defaultRegistry()).get(o.model ?? RULES_MODEL_ID);
  return model.kind === 'rules' ? rulesPath(model, req, seed, o) : textPath(model, req, seed, o);
}
