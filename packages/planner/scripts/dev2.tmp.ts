import { FOODS } from '@nexfitra/core/foods';
import { generateRequests } from '../src/requests/generateRequests';
import * as sp from '../src/solver/solvePortions';
import { planMeals } from '../src/meal/planMeals';
import { planTargets } from '../src/plan/planTargets';
const rs = generateRequests(Number(process.argv[2] ?? 20), 1, { foodIds: FOODS.map((f) => f.id) });
for (const r of rs) {
  const t = planTargets(r); if (!t.ok) continue;
  const t0 = performance.now();
  const res = await planMeals(r, t.targets);
  for (const d of res.days) if (d.attempts > 1 || d.solveMs > 300) console.log(r.preferences.diet, d.attempts, Math.round(d.solveMs), d.reselections.join(' | '), JSON.stringify(d.softMisses.map(m => m.target + m.direction)));
  console.log(Math.round(performance.now() - t0), res.days.map(d => `${d.status[0]}${d.attempts}:${Math.round(d.solveMs)}`).join(' '));
}
