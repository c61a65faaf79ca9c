/** @internal One request through one model, scored; a model that throws gives an `error` result, never an exception. */
import type { PlanRequestT } from '@nexfitra/core';
import { computeMetrics } from '../metrics/catalogue';
import type { PlanModel } from '../model/types';
import type { ResultRowT } from '../report/schema';

export type PlanOneResult = Pick<ResultRowT, 'status' | 'metrics'> & { readonly error?: string };

/**
 * @param alone `true` when no other call runs in this process meanwhile (a worker process, or
 *   concurrency 1): the process's CPU time over the call is then the call's (`cpuMs`).
 */
export async function planOne(
  model: PlanModel,
  request: PlanRequestT,
  timeoutMs: number,
  alone = false,
): Promise<PlanOneResult> {
  const t0 = performance.now();
  try {
    const c0 = process.cpuUsage();
    const raw = await model.plan(request, { signal: AbortSignal.timeout(timeoutMs) });
    const c = process.cpuUsage(c0);
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
