/** @internal One request through one model, scored; a model that throws gives an `error` result, never an exception. */
import type { PlanRequestT } from '@nexfitra/core';
import { computeMetrics } from '../metrics/catalogue';
import type { PlanModel } from '../model/types';
import type { ResultRowT } from '../report/schema';

export type PlanOneResult = Pick<ResultRowT, 'status' | 'metrics'> & { readonly error?: string };

export async function planOne(
  model: PlanModel,
  request: PlanRequestT,
  timeoutMs: number,
): Promise<PlanOneResult> {
  const t0 = performance.now();
  try {
    const outcome = await model.plan(request, { signal: AbortSignal.timeout(timeoutMs) });
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
