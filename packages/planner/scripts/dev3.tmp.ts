import { FOODS } from '@nexfitra/core/foods';
import { createRng, DEFAULT_MEAL_SHARES } from '@nexfitra/core';
import { generateRequests } from '../src/requests/generateRequests';
import { solvePortions } from '../src/solver/solvePortions';
import { buildPools, selectDay } from '../src/meal/_select';
import { problemOf } from '../src/meal/_solveDay';
import { planTargets } from '../src/plan/planTargets';
const rs = generateRequests(Number(process.argv[2] ?? 20), 1, { foodIds: FOODS.map((f) => f.id) });
await solvePortions({ items: [{ id: 'a', per100g: { kcal: 100, proteinG: 1, fatG: 1, carbsG: 1, fiberG: 0 }, minG: 0, maxG: 100, stepG: 1 }], targets: { kcal: 50, proteinG: 0.5, fatG: 0.5, carbsG: 0.5 } });
const stats: Record<string, number[]> = {};
const add = (k: string, v: number) => (stats[k] ??= []).push(v);
for (const r of rs) {
  const t = planTargets(r); if (!t.ok) continue;
  const prefs = r.preferences;
  const slots = DEFAULT_MEAL_SHARES[prefs.mealsPerDay as 2].map((s) => ({ type: s.mealType, share: s.share }));
  const pools = buildPools(FOODS, prefs);
  const rng = createRng(1);
  const state = { used: new Map(), previous: [] as Set<string>[] };
  for (let d = 0; d < 7; d++) {
    const sel = selectDay(slots, prefs.diet, pools, state, rng);
    const goal = { ...t.targets, fiberMinG: t.targets.fiberG!, kcalTolerancePercent: 3, macroToleranceG: 5, mealShareTolerance: 0.05, maxAttempts: 1 };
    for (const [name, tol, meals] of [['base', 0.05, true], ['tol10', 0.1, true], ['nomeals', 0.05, false], ['nofiber', 0.05, true]] as const) {
      const p = problemOf(sel, goal, tol);
      const q = meals ? p : { ...p, meals: undefined };
      const q2 = name === 'nofiber' ? { ...q, targets: { ...q.targets, fiberMinG: 0 } } : q;
      const t0 = performance.now();
      const res = await solvePortions(q2 as any);
      add(name + ':ms', performance.now() - t0);
      add(name + ':mip', res.method === 'mip' ? 1 : 0);
      add(name + ':opt', res.status === 'optimal' ? 1 : 0);
    }
    state.previous = sel.map((m) => new Set(m.items.map((x) => x.food.id)));
    for (const m of sel) for (const x of m.items) state.used.set(x.food.id, (state.used.get(x.food.id) ?? 0) + 1);
  }
}
for (const [k, v] of Object.entries(stats)) { const s = v.slice().sort((a, b) => a - b); console.log(k.padEnd(16), 'mean', (v.reduce((a, b) => a + b, 0) / v.length).toFixed(3), 'median', s[s.length >> 1]!.toFixed(2), 'max', s.at(-1)!.toFixed(1)); }
