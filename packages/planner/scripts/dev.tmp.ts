import { FOODS } from '@nexfitra/core/foods';
import { generateRequests } from '../src/requests/generateRequests';
import { planMeals } from '../src/meal/planMeals';
import { planTargets } from '../src/plan/planTargets';
const rs = generateRequests(Number(process.argv[2] ?? 20), 1, { foodIds: FOODS.map((f) => f.id) });
let feas = 0, days = 0; const reasons: Record<string, number> = {}; const times: number[] = [];
for (const r of rs) {
  const t = planTargets(r); if (!t.ok) { console.log('refused'); continue; }
  const t0 = performance.now();
  const res = await planMeals(r, t.targets);
  times.push(performance.now() - t0);
  for (const d of res.days) { days++; if (d.status === 'feasible') feas++; else for (const m of d.misses) { const k = `${r.preferences.diet}:${m.target}:${m.direction}`; reasons[k] = (reasons[k] ?? 0) + 1; } }
  if (process.argv[3]) console.log(r.preferences.diet, r.preferences.mealsPerDay, JSON.stringify(t.targets), res.days.map(d => d.status[0] + d.attempts).join(' '), Math.round(times.at(-1)!), res.distinctFoods);
}
times.sort((a, b) => a - b);
console.log({ feas, days, median: times[times.length >> 1], p95: times[Math.floor(times.length * 0.95)] }, reasons);
