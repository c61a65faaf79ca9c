import { readFileSync } from 'node:fs';
import { normalizeProblem } from '../src/solver/_normalize.ts';
import { buildModel, columnNames, objective } from '../src/solver/_model.ts';
import { roundAndRepair } from '../src/solver/_repair.ts';
import { loadLpSolver, solvePortions } from '../src/index.ts';
const prob = JSON.parse(readFileSync(process.argv[2]!, 'utf8'));
const highs = await loadLpSolver();
const p = normalizeProblem(prob);
const names = columnNames(p);
for (let rep = 0; rep < 2; rep++) {
let t = performance.now();
const lp = buildModel(p, names, { integer: false, hard: true });
const s = highs.solve(lp, { output_flag: false, presolve: 'off' });
console.log('lp', s.Status, (performance.now() - t).toFixed(1)); t = performance.now();
const x = names.map((n) => (s.Columns[n] as any)?.Primal);
console.log('x', x.map((v: number) => v?.toFixed(2)).join(' '));
const n = roundAndRepair(p, x);
console.log('repair', (performance.now() - t).toFixed(1), n.join(' '), objective(p, n)); t = performance.now();
const m = highs.solve(buildModel(p, names, { integer: true, hard: true }), { output_flag: false, mip_abs_gap: 0.5, time_limit: 10 });
console.log('mip', m.Status, (performance.now() - t).toFixed(1)); t = performance.now();
const r = await solvePortions(prob);
console.log('full', r.status, r.method, r.solveMs.toFixed(1), JSON.stringify(r.misses));
}
