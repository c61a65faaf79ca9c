import { describe, expect, it } from 'vitest';
import { rayProvesInfeasible } from '../src/solver/_farkas';
import { type LpModel, lpData } from '../src/solver/_lp';
import { loadLpSolver, solveDataSync, withLpSolver } from '../src/solver/highs';

/*
 * The certificate check against hand-worked systems (expected verdicts by hand, not from the
 * code): with x, y in [0, 3], the row x + y ≥ 10 cannot hold (x + y ≤ 6), whatever other rows
 * say; dropping that row leaves a feasible system, which no multipliers can prove infeasible.
 */
const INF = 1e30;
const model = (rows: LpModel['rows']): LpModel => ({
  objective: [],
  rows,
  bounds: [
    { name: 'x', lo: 0, hi: 3 },
    { name: 'y', lo: 0, hi: 3 },
  ],
  generals: [],
  binaries: [],
  firstColumn: 'x',
});
const twoRows = model([
  {
    name: 'need',
    terms: [
      { name: 'x', coef: 1 },
      { name: 'y', coef: 1 },
    ],
    sense: '>=',
    rhs: 10,
  },
  {
    name: 'side',
    terms: [
      { name: 'x', coef: 1 },
      { name: 'y', coef: -1 },
    ],
    sense: '<=',
    rhs: 1,
  },
]);

describe('rayProvesInfeasible (Farkas certificate check)', () => {
  const data = lpData(twoRows, INF);
  it('accepts the hand-made certificate y = (1, 0): x + y ≤ 6 < 10', () => {
    expect(rayProvesInfeasible(data, Float64Array.from([1, 0]), () => false, INF)).toBe(true);
    // Either sign: the check tries both sides of the gap.
    expect(rayProvesInfeasible(data, Float64Array.from([-1, 0]), () => false, INF)).toBe(true);
  });
  it('rejects the certificate once its row is dropped, and multipliers on the feasible row alone', () => {
    expect(rayProvesInfeasible(data, Float64Array.from([1, 0]), (i) => i === 0, INF)).toBe(false);
    expect(rayProvesInfeasible(data, Float64Array.from([0, 1]), () => false, INF)).toBe(false);
    expect(rayProvesInfeasible(data, Float64Array.from([0, 0]), () => false, INF)).toBe(false);
  });
  it('needs a clear gap: x + y ≥ 6 is met at x = y = 3, so no proof', () => {
    const edge = lpData(model([{ ...twoRows.rows[0]!, rhs: 6 }]), INF);
    expect(rayProvesInfeasible(edge, Float64Array.from([1]), () => false, INF)).toBe(false);
  });
  it('proves nothing through a column without a bound (x + y − s ≥ 10, s ≥ 0 unbounded)', () => {
    const open = lpData(
      {
        ...model([
          {
            name: 'need',
            terms: [
              { name: 'x', coef: 1 },
              { name: 'y', coef: 1 },
              { name: 's', coef: 1 },
            ],
            sense: '>=',
            rhs: 10,
          },
        ]),
        bounds: [...model([]).bounds, { name: 's', hi: INF }],
      },
      INF,
    );
    expect(rayProvesInfeasible(open, Float64Array.from([1]), () => false, INF)).toBe(false);
  });
  it("verifies HiGHS' own dual ray of the infeasible system, and not without the infeasible row", async () => {
    const highs = await loadLpSolver();
    const d = lpData(twoRows, highs.infinity);
    const s = await withLpSolver((h) => solveDataSync(h, d, { presolve: 'off' }, 'test', true));
    expect(s.Status).toBe('Infeasible');
    expect(s.ray).toBeDefined();
    expect(rayProvesInfeasible(d, s.ray!, () => false, highs.infinity)).toBe(true);
    expect(rayProvesInfeasible(d, s.ray!, (i) => i === 0, highs.infinity)).toBe(false);
  });
});
