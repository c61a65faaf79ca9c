/**
 * A complete validated weekly plan (7 days of meals + a 4-week programme) from the committed
 * fixture plan model (tiny-plan-gpt2 through onnxruntime-node, greedy, grammar-constrained,
 * week 1 generated and weeks 2–4 derived) against the rule planner (`builtin:rules`), side by
 * side in one run. Printed once before the benches: median and p95 of each, the ratio, and the
 * fixture's share of time per stage (generate, repair, validate). The fixture has learned only
 * the surface of the language, so its proposals are far from the bands and the repair works
 * hard: this measures the worst case of the repair, not what a trained model costs.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { languageVocabulary } from '@nexfitra/core/language';
import { generateRequests } from '@nexfitra/planner';
import { bench, describe } from 'vitest';
import { registerModelFolder } from '../src/node';
import { generatePlan } from '../src/plan/generatePlan';
import { createRegistry } from '../src/registry/createRegistry';
import { writeRandomPlanModel } from '../test/_randomModel';

const FIXTURE = join(__dirname, '../../../datasets/fixtures/tiny-plan-gpt2');
const vocab = new Set(
  Object.keys(JSON.parse(readFileSync(join(FIXTURE, 'tokenizer.json'), 'utf8')).model.vocab),
);
const lacking = languageVocabulary().filter((w) => !vocab.has(w));
// Foods added to the catalogue after the fixture was built are disliked, so the grammar never asks
// for them; words of other kinds (dishes, new structure) make the fixture unusable until rebuilt,
// and a random-weight model over the current language stands in (test/_randomModel.ts).
const fixtureUsable = lacking.every((w) => w.startsWith('food:'));
const [base] = generateRequests(1, 9, { days: 7 });
const request = {
  ...base!,
  preferences: {
    ...base!.preferences,
    dislikedFoodIds: [
      ...base!.preferences.dislikedFoodIds,
      ...lacking.filter((w) => w.startsWith('food:')).map((w) => w.slice(5)),
    ],
  },
};

const registry = createRegistry();
const modelDir = fixtureUsable
  ? FIXTURE
  : await writeRandomPlanModel(await mkdtemp(join(tmpdir(), 'nf-bench-')), { seed: 1 });
const modelName = fixtureUsable
  ? 'fixture tiny-plan-gpt2'
  : 'random-weight model (fixture lags the language)';
registerModelFolder(registry, modelDir, { id: 'fixture' });

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function measure(model: string, n: number) {
  const ms: number[] = [];
  const stages = { generate: 0, repair: 0, validate: 0 };
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const r = await generatePlan(request, { registry, model, seed: i });
    ms.push(performance.now() - t0);
    if (!r.ok) throw new Error(`${model}: ${r.refused ? 'refused' : r.failure.message}`);
    stages.generate += r.report.timings.generate;
    stages.repair += r.report.timings.repair;
    stages.validate += r.report.timings.validate;
  }
  return { median: quantile(ms, 0.5), p95: quantile(ms, 0.95), stages };
}

await generatePlan(request, { registry, model: 'fixture' }); // load and warm up
const rules = await measure('builtin:rules', 10);
const fixture = await measure('fixture', 10);
const share = (x: number) =>
  `${((100 * x) / (fixture.stages.generate + fixture.stages.repair + fixture.stages.validate)).toFixed(0)} %`;
console.log(
  [
    'weekly plan, 10 runs each:',
    `  builtin:rules  median ${rules.median.toFixed(0)} ms, p95 ${rules.p95.toFixed(0)} ms`,
    `  ${modelName}: median ${fixture.median.toFixed(0)} ms, p95 ${fixture.p95.toFixed(0)} ms (${(fixture.median / rules.median).toFixed(2)}× the rules)`,
    `  fixture stages: generate ${share(fixture.stages.generate)}, repair ${share(fixture.stages.repair)}, validate ${share(fixture.stages.validate)}`,
  ].join('\n'),
);

describe('complete validated weekly plan', () => {
  bench(
    'builtin:rules',
    async () => {
      await generatePlan(request, { registry, model: 'builtin:rules' });
    },
    { iterations: 5, time: 0 },
  );
  bench(
    'plan model (onnxruntime-node) + repair',
    async () => {
      await generatePlan(request, { registry, model: 'fixture' });
    },
    { iterations: 5, time: 0 },
  );
});
