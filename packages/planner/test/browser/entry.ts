/**
 * Browser fixture for test/browser.test.ts: bundled with esbuild and loaded in headless
 * Chromium. It exposes one function on globalThis that solves the two-food problem of
 * test/solver.test.ts (hand-solved optimum: 350 g oats + 150 g whey) and checks that a
 * malformed model throws without breaking the shared instance.
 */
import { solveLp, solvePortions } from '../../src/index';

const OATS = { kcal: 400, proteinG: 10, fatG: 5, carbsG: 70, fiberG: 10 };
const WHEY = { kcal: 400, proteinG: 80, fatG: 5, carbsG: 5, fiberG: 0 };

async function runTwoFood() {
  // The page serves highs.wasm from its root; a bundler-free page must say so (locateFile).
  const load = { locateFile: (file: string) => `/${file}` };
  const t0 = performance.now();
  const plan = await solvePortions(
    {
      items: [
        { id: 'oats', per100g: OATS, minG: 0, maxG: 1000, stepG: 1 },
        { id: 'whey', per100g: WHEY, minG: 0, maxG: 1000, stepG: 1 },
      ],
      targets: { kcal: 2000, proteinG: 155, fatG: 25, carbsG: 252.5 },
    },
    load,
  );
  const firstMs = performance.now() - t0;
  let malformed = 'did not throw';
  try {
    await solveLp('Maximize\n obj: x +\nSubject To\n c1: x <= = 4\nEnd');
  } catch (e) {
    malformed = (e as { code?: string }).code ?? String(e);
  }
  const again = await solvePortions({
    items: [
      { id: 'oats', per100g: OATS, minG: 0, maxG: 1000, stepG: 10 },
      { id: 'whey', per100g: WHEY, minG: 0, maxG: 1000, stepG: 10 },
    ],
    targets: { kcal: 2000, proteinG: 153, fatG: 25, carbsG: 252.5 },
    method: 'mip',
  });
  return { plan, again, malformed, firstMs };
}

(globalThis as unknown as { runTwoFood: typeof runTwoFood }).runTwoFood = runTwoFood;
