// TEMP diagnostic: dump portion problems slower than 200 ms over the report's requests.
import { writeFileSync } from 'node:fs';
import { FOODS } from '@nexfitra/core/foods';
import { planMeals } from '../src/meal/planMeals';
import { planTargets } from '../src/plan/planTargets';
import { generateRequests } from '../src/requests/generateRequests';
const slow: { ms: number; problem: unknown; req: number }[] = [];
let cur = 0;
(globalThis as any).__nfHook = (problem: unknown, ms: number) => {
  if (ms > 200) slow.push({ ms, problem, req: cur });
};
const N = Number(process.argv[2] ?? 1000);
const from = Number(process.argv[3] ?? 0);
const requests = generateRequests(N, 20240601, { foodIds: FOODS.map((f) => f.id) });
for (let i = from; i < N; i++) {
  cur = i;
  const t = planTargets(requests[i]!);
  if (!t.ok) continue;
  const t0 = performance.now();
  await planMeals(requests[i]!, t.targets);
  const ms = performance.now() - t0;
  if (ms > 1000) console.error(`req ${i}: ${ms.toFixed(0)} ms`);
}
writeFileSync('/tmp/h4/slow.json', JSON.stringify(slow));
console.error(`${slow.length} slow solves`);
