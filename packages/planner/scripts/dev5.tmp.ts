import { FOODS } from '@nexfitra/core/foods';
import { createRng, DEFAULT_MEAL_SHARES } from '@nexfitra/core';
import { generateRequests } from '../src/requests/generateRequests';
import { solvePortions } from '../src/solver/solvePortions';
import { buildPools, selectDay } from '../src/meal/_select';
import { problemOf } from '../src/meal/_solveDay';
import { planTargets } from '../src/plan/planTargets';
const rs = generateRequests(Number(process.argv[2]), 3, { foodIds: FOODS.map((f) => f.id) });
const c: Record<string, number> = {}; let n = 0, ok = 0;
for (const r of rs) {
  const t = planTargets(r); if (!t.ok) continue;
  const slots = DEFAULT_MEAL_SHARES[r.preferences.mealsPerDay as 2].map((s) => ({ type: s.mealType, share: s.share }));
  const pools = buildPools(FOODS, r.preferences);
  let sel = selectDay(slots, r.preferences.diet, buildPools(FOODS, r.preferences), { used: new Map(), previous: [] }, createRng(1));
  const mode = process.argv[4] ?? '';
  if (mode.includes('opt')) sel = sel.map(m => ({ ...m, items: m.items.map((x, i) => i === 0 ? x : { ...x, optional: true }) }));
  if (mode.includes('carb')) sel = sel.map(m => { const used = new Set(m.items.map(x => x.food.id)); const role = r.preferences.diet === 'keto' ? 'fat' : 'carb'; const c = pools.get(m.type)!.get(role)!.filter(f => !used.has(f.id)); return c.length ? { ...m, items: [...m.items, { food: c[0]!, role, optional: true }] } : m; });
  if (mode.includes('prot')) sel = sel.map(m => { const used = new Set(m.items.map(x => x.food.id)); const c = pools.get(m.type)!.get('protein')!.filter(f => !used.has(f.id)); return c.length ? { ...m, items: [...m.items, { food: c[c.length-1]!, role: 'protein', optional: true }] } : m; });
  const p = problemOf(sel, { ...t.targets, fiberMinG: t.targets.fiberG!, kcalTolerancePercent: 3, macroToleranceG: 5, mealShareTolerance: Number(process.argv[3] ?? 0.05), maxAttempts: 1 }, Number(process.argv[3] ?? 0.05));
  const res = await solvePortions(p); n++;
  if (res.status === 'optimal') ok++;
  const key = res.misses.filter(m => m.hard).map(m => `${m.field}${m.direction === 'over' ? '+' : '-'}`).join(',');
  if (key) { const k = r.preferences.diet + ' ' + key; c[k] = (c[k] ?? 0) + 1; }
}
console.log(ok, n, c);
