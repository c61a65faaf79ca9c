/**
 * `--concurrency 2`: one pool of worker processes serves every model of a run, text models
 * included. The in-process run is the independent expectation for the rule planner: the same
 * status, the same metric columns, validity and hard violations, and energy error within 0.5
 * points (the planner's solver has a wall-clock budget, so portions may differ with machine load).
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type PlanModel, type Suite } from '../src/index';
import { planOne } from '../src/run/_planOne';
import { request } from './_plans';

const rows = [
  { id: 'a', slice: 'general', request: { ...request, days: 1 } },
  { id: 'b', slice: 'general', request: { ...request, days: 1, seed: 2 } },
];
const suite = { name: 'two', hash: 'f'.repeat(64), rows } as unknown as Suite;
const TIMING = new Set(['latencyMs', 'cpuMs', 'firstOutputMs', 'tokensPerSecond']);
const untimed = (m: Record<string, number | null>) =>
  Object.fromEntries(Object.entries(m).filter(([k]) => !TIMING.has(k)));

describe('worker processes', () => {
  it('rules and a text model (fixture, int4) in a shared pool; rules agree with the in-process run', async () => {
    const fixture = 'datasets/fixtures/tiny-plan-gpt2#int4';
    const pooled = await evaluate(['builtin:rules', fixture], suite, { cache: false, concurrency: 2 });
    const inProcess = await evaluate(['builtin:rules'], suite, { cache: false });
    for (const id of ['a', 'b']) {
      const p = pooled.rows.find((r) => r.model === 'builtin:rules' && r.requestId === id);
      const q = inProcess.rows.find((r) => r.requestId === id);
      expect(p?.status).toBe(q?.status);
      expect(Object.keys(untimed(p?.metrics ?? {})).sort()).toEqual(
        Object.keys(untimed(q?.metrics ?? {})).sort(),
      );
      expect(p?.metrics['validPlan']).toBe(q?.metrics['validPlan']);
      expect(p?.metrics['hardViolations']).toBe(q?.metrics['hardViolations']);
      expect(Math.abs((p?.metrics['kcalErrorPct'] ?? 0) - (q?.metrics['kcalErrorPct'] ?? 0))).toBeLessThan(
        0.5,
      );
      // Workers measure each call's CPU; two models in one process cannot (and say null).
      expect(p?.metrics['cpuMs']).toBeGreaterThan(0);
    }
    const text = pooled.models.find((m) => m.id === fixture);
    expect(text?.dtype).toBe('int4');
    expect(text?.peakRssMb).toBeGreaterThan(0);
    // Every text-model row answered in the typed shape (a random-weight fixture may fail to plan).
    for (const r of pooled.rows.filter((r) => r.model === fixture))
      expect(['ok', 'failed', 'refused']).toContain(r.status);
  }, 240_000);
});

describe('cpuMs', () => {
  const waiting: PlanModel = {
    id: 'wait',
    kind: 'text',
    hash: 'h',
    description: 'waits 30 ms',
    plan: async () => {
      await new Promise((r) => setTimeout(r, 30));
      return { ok: false, failure: { code: 'X', message: 'x', hardCodes: [] }, timings: { totalMs: 30 } };
    },
    dispose: async () => {},
  };
  it('is measured for a call that ran alone, and null for calls that overlapped in one process', async () => {
    const alone = await planOne(waiting, request, 10_000);
    expect(alone.metrics['cpuMs']).toBeGreaterThanOrEqual(0);
    const both = await Promise.all([planOne(waiting, request, 10_000), planOne(waiting, request, 10_000)]);
    for (const r of both) expect(r.metrics['cpuMs']).toBeNull();
  });
});
