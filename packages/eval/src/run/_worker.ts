/**
 * @internal A child process that plans and scores requests, so CPU-bound models (the rule
 * planner, ONNX decoding and the repair) use more than one core. Messages in:
 * `{ timeoutMs, spec? }` once, then `{ i, spec, request }`; out: `'ready'`, then
 * `{ i, result, rss }` (the worker's resident memory, bytes) or `{ i, error }` when the model
 * cannot be resolved. One model is held at a time: a new `spec` disposes the previous model.
 * The first request of each model is planned twice (a warm-up, discarded), so speed figures
 * compare warm code.
 */
import type { PlanRequestT } from '@nexfitra/core';
import { resolveModel } from '../model/resolveModel';
import type { PlanModel } from '../model/types';
import { planOne } from './_planOne';

let current: { spec: string; model: Promise<PlanModel> } | undefined;
let timeoutMs = 120_000;
const warmed = new Set<string>();

function modelFor(spec: string): Promise<PlanModel> {
  if (current?.spec !== spec) {
    const old = current?.model;
    current = { spec, model: resolveModel(spec) };
    void old?.then((m) => m.dispose()).catch(() => undefined);
  }
  return current.model;
}

// Requests are handled in arrival order (the parent sends one at a time per worker).
let queue: Promise<void> = Promise.resolve();
process.on(
  'message',
  (msg: { timeoutMs: number; spec?: string } | { i: number; spec: string; request: PlanRequestT }) => {
    queue = queue.then(async () => {
      if (!('i' in msg)) {
        timeoutMs = msg.timeoutMs;
        if (msg.spec !== undefined) await modelFor(msg.spec);
        process.send?.('ready');
        return;
      }
      let model: PlanModel;
      try {
        model = await modelFor(msg.spec);
      } catch (e) {
        process.send?.({ i: msg.i, error: e instanceof Error ? e.message : String(e) });
        return;
      }
      // A worker's first request of a model runs twice and the second is kept: JIT warm-up of
      // the planner and inference code is not charged to whichever model happens to run first.
      if (!warmed.has(msg.spec)) {
        warmed.add(msg.spec);
        await planOne(model, msg.request, timeoutMs);
      }
      const result = await planOne(model, msg.request, timeoutMs);
      process.send?.({ i: msg.i, result, rss: process.memoryUsage().rss });
    });
  },
);
process.on('disconnect', () => process.exit(0));
