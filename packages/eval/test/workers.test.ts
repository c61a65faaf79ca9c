/**
 * `--concurrency 2`: one pool of worker processes serves every model of a run, text models
 * included. The rule planner is deterministic, so its metrics from the workers must equal the
 * in-process run's (timings aside) — the in-process run is the independent expectation.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, type Suite } from '../src/index';
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
  it('rules and a text model (fixture, int4) in a shared pool; rules equal the in-process run', async () => {
    const fixture = 'datasets/fixtures/tiny-plan-gpt2#int4';
    const pooled = await evaluate(['builtin:rules', fixture], suite, { cache: false, concurrency: 2 });
    const inProcess = await evaluate(['builtin:rules'], suite, { cache: false });
    for (const id of ['a', 'b']) {
      const p = pooled.rows.find((r) => r.model === 'builtin:rules' && r.requestId === id);
      const q = inProcess.rows.find((r) => r.requestId === id);
      expect(untimed(p?.metrics ?? {})).toEqual(untimed(q?.metrics ?? {}));
    }
    const text = pooled.models.find((m) => m.id === fixture);
    expect(text?.dtype).toBe('int4');
    expect(text?.peakRssMb).toBeGreaterThan(0);
    // Every text-model row answered in the typed shape (a random-weight fixture may fail to plan).
    for (const r of pooled.rows.filter((r) => r.model === fixture))
      expect(['ok', 'failed', 'refused']).toContain(r.status);
  }, 240_000);
});
