import { NexFitraError } from '@nexfitra/core';
import { describe, expect, it } from 'vitest';
import { loadLpSolver, solveLp } from '../src/index';

// maximise x + y s.t. x + 2y ≤ 4, 3x + y ≤ 6, x, y ≥ 0. By hand: with both rows binding,
// y = 6 − 3x from c2, so x + 2(6 − 3x) = 4, x = 8/5, y = 6/5, objective 14/5. That vertex is
// optimal because (1, 1) = 2/5·(1, 2) + 1/5·(3, 1) with non-negative multipliers (KKT).
const BAD = 'Maximize\n obj: x +\nSubject To\n c1: x <= = 4\nWhatever\nEnd';
const SMALL = `Maximize
 obj: x + y
Subject To
 c1: x + 2 y <= 4
 c2: 3 x + y <= 6
End`;

describe('HiGHS wrapper', () => {
  it('loads one shared instance and reuses it', async () => {
    const a = await loadLpSolver();
    const b = await loadLpSolver();
    expect(a).toBe(b);
  });

  it('solves a small LP to the hand-computed optimum', async () => {
    const s = await solveLp(SMALL);
    expect(s.Status).toBe('Optimal');
    expect(s.ObjectiveValue).toBeCloseTo(14 / 5, 9);
    expect((s.Columns.x as { Primal: number }).Primal).toBeCloseTo(8 / 5, 9);
    expect((s.Columns.y as { Primal: number }).Primal).toBeCloseTo(6 / 5, 9);
  });

  it('throws NexFitraError on a malformed model and stays usable', async () => {
    await expect(solveLp(BAD)).rejects.toBeInstanceOf(NexFitraError);
    await expect(solveLp(BAD)).rejects.toMatchObject({ code: 'BAD_DATA', fn: 'solveLp', path: ['lp'] });
    const s = await solveLp(SMALL);
    expect(s.ObjectiveValue).toBeCloseTo(14 / 5, 9);
  });

  it('rejects a non-string model with INVALID_TYPE', async () => {
    await expect(solveLp(42 as unknown as string)).rejects.toMatchObject({
      code: 'INVALID_TYPE',
      fn: 'solveLp',
    });
    await expect(solveLp('  ')).rejects.toMatchObject({ code: 'INVALID_TYPE' });
  });

  it('serialises concurrent solves: each gets its own answer', async () => {
    // maximise x s.t. x ≤ k: the optimum is k, so a mix-up between queued models would show.
    const ks = Array.from({ length: 12 }, (_, i) => i + 1);
    const bad = solveLp(BAD);
    const results = await Promise.all(
      ks.map((k) => solveLp(`Maximize\n obj: x\nSubject To\n c: x <= ${k}\nEnd`)),
    );
    await expect(bad).rejects.toBeInstanceOf(NexFitraError);
    expect(results.map((r) => r.ObjectiveValue)).toEqual(ks);
  });

  it('reports infeasibility as a status, not an exception', async () => {
    const s = await solveLp('Minimize\n obj: x\nSubject To\n c1: x >= 5\n c2: x <= 3\nEnd');
    expect(s.Status).toBe('Infeasible');
  });
});
