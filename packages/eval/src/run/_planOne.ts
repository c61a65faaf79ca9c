/** @internal One request through one model, scored; a model that throws gives an `error` result, never an exception. */
import type { PlanRequestT } from '@nexfitra/core';
import { computeMetrics } from '../metrics/catalogue';
import type { PlanModel } from '../model/types';
import type { ResultRowT } from '../report/schema';

export type PlanOneResult = Pick<ResultRowT, 'status' | 'metrics'> & { readonly error?: string };

/** Calls in flight in this process, and calls started so far (to tell whether a call ran alone). */
let active = 0;
let started = 0;

/**
 * One request, planned and scored. When no other call ran in this process meanwhile (a worker
 * process, or one call at a time), the process's CPU time over the call is the call's: `cpuMs`.
 */
export async function planOne(
  model: PlanModel,
  request: PlanRequestT,
  timeoutMs: number,
): Promise<PlanOneResult> {
  const t0 = performance.now();
  active++;
  const mine = ++started;
  const soloAtStart = active === 1;
  try {
    const c0 = process.cpuUsage();
    let raw: Awaited<ReturnType<PlanModel['plan']>>;
    try {
      raw = await model.plan(request, { signal: AbortSignal.timeout(timeoutMs) });
    } finally {
      active--;
    }
    const c = process.cpuUsage(c0);
    const alone = soloAtStart && started === mine;
    const outcome = alone ? { ...raw, timings: { ...raw.timings, cpuMs: (c.user + c.system) / 1000 } } : raw;
    const metrics = computeMetrics(request, outcome);
    const status = outcome.ok ? 'ok' : outcome.refusal ? 'refused' : 'failed';
    return {
      status,
      ...(outcome.failure ? { error: `${outcome.failure.code}: ${outcome.failure.message}` } : {}),
      metrics,
    };
  } catch (e) {
    const metrics = computeMetrics(request, {
      ok: false,
      failure: { code: 'ERROR', message: String(e), hardCodes: [] },
      timings: { totalMs: performance.now() - t0 },
    });
    return { status: 'error', error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), metrics };
  }
}
