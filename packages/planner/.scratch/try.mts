import { solvePortions } from '../src/solver/solvePortions';
const oats = { kcal: 400, proteinG: 10, fatG: 5, carbsG: 70, fiberG: 10 };
const whey = { kcal: 400, proteinG: 80, fatG: 5, carbsG: 5, fiberG: 0 };
for (const method of ['lp-round', 'mip'] as const) {
  const r = await solvePortions({ method,
    items: [{ id: 'oats', per100g: oats, minG: 0, maxG: 1000, stepG: 1 }, { id: 'whey', per100g: whey, minG: 0, maxG: 1000, stepG: 1 }],
    targets: { kcal: 2000, proteinG: 155, fatG: 25, carbsG: 252.5 } });
  console.log(JSON.stringify(r));
  const r2 = await solvePortions({ method,
    items: [{ id: 'oats', per100g: oats, minG: 0, maxG: 1000, stepG: 1 }, { id: 'whey', per100g: whey, minG: 0, maxG: 100, stepG: 1 }],
    targets: { kcal: 2000, proteinG: 155, fatG: 25, carbsG: 252.5 }, tolerances: { fatG: 1000, carbsG: 1000 }, weights: { fatG: 0, carbsG: 0 } });
  console.log(JSON.stringify(r2));
  const r3 = await solvePortions({ method,
    items: [{ id: 'oats', per100g: oats, minG: 0, maxG: 1000, stepG: 10 }, { id: 'whey', per100g: whey, minG: 0, maxG: 1000, stepG: 10 }],
    targets: { kcal: 2000, proteinG: 153, fatG: 25, carbsG: 252.5 } });
  console.log(JSON.stringify(r3));
}
