/**
 * @internal A child process that plans and scores requests for one model, so CPU-bound models
 * (the rule planner) use more than one core. Messages in: `{ spec, timeoutMs }` once, then
 * `{ i, request }`; out: `'ready'`, then `{ i, result, rss }` (the worker's resident memory, bytes).
 */
import type { PlanRequestT } from '@nexfitra/core';
import { resolveModel } from '../model/resolveModel';
import type { PlanModel } from '../model/types';
import { planOne } from './_planOne';

let model: PlanModel | undefined;
let timeoutMs = 120_000;
process.on(
  'message',
  async (msg: { spec: string; timeoutMs: number } | { i: number; request: PlanRequestT }) => {
    if ('spec' in msg) {
      timeoutMs = msg.timeoutMs;
      model = await resolveModel(msg.spec);
      process.send?.('ready');
      return;
    }
    const result = await planOne(model as PlanModel, msg.request, timeoutMs);
    process.send?.({ i: msg.i, result, rss: process.memoryUsage().rss });
  },
);
process.on('disconnect', () => process.exit(0));
