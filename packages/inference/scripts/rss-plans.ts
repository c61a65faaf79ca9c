/**
 * Peak RSS and growth over many consecutive weekly plans from the committed fixture plan model
 * (tiny-plan-gpt2, onnxruntime-node, days batched, weeks 2–4 derived): sessions, KV tensors and
 * solver state must be released, so RSS after warm-up stays flat. Prints RSS (MiB) after plan
 * 10, at every 10 % and the peak, and the growth from the first to the last tenth. Also checks
 * 8 parallel generatePlan calls give the sequential plans.
 *
 *   npx tsx --conditions=@nexfitra/source packages/inference/scripts/rss-plans.ts [n=1000]
 */
import { join } from 'node:path';
import { generateRequests } from '@nexfitra/planner';
import { registerModelFolder } from '../src/node';
import { generatePlan } from '../src/plan/generatePlan';
import { createRegistry } from '../src/registry/createRegistry';

const N = Number(process.argv[2] ?? 1000);
const FIXTURE = join(import.meta.dirname, '../../../datasets/fixtures/tiny-plan-gpt2');
const [request] = generateRequests(1, 9, { days: 7 });
const registry = createRegistry();
registerModelFolder(registry, FIXTURE, { id: 'fixture' });
const mib = () => process.memoryUsage().rss / 2 ** 20;
let peak = 0;
const marks: string[] = [];
let first = 0;
let failures = 0;
const t0 = performance.now();
for (let i = 0; i < N; i++) {
  const r = await generatePlan(request!, { registry, model: 'fixture', seed: i });
  if (!r.ok) failures++;
  const m = mib();
  peak = Math.max(peak, m);
  if (i === 9) first = m;
  if ((i + 1) % Math.max(1, Math.round(N / 10)) === 0) {
    marks.push(m.toFixed(0));
    console.log(`after ${i + 1} plans: RSS ${m.toFixed(0)} MiB (peak ${peak.toFixed(0)})`);
  }
}
const last = mib();
console.log(
  `${N} weekly plans in ${((performance.now() - t0) / 1000).toFixed(0)} s, ${failures} failures; RSS MiB after 10: ${first.toFixed(0)}, every 10 %: ${marks.join(' ')}; peak ${peak.toFixed(0)}; growth after warm-up ${(last - first).toFixed(0)} MiB`,
);
const seq: Awaited<ReturnType<typeof generatePlan>>[] = [];
for (let i = 0; i < 8; i++) seq.push(await generatePlan(request!, { registry, model: 'fixture', seed: i }));
const par = await Promise.all(
  Array.from({ length: 8 }, (_, i) => generatePlan(request!, { registry, model: 'fixture', seed: i })),
);
const same = par.every(
  (r, i) => JSON.stringify(r.ok && r.plan) === JSON.stringify(seq[i]!.ok && seq[i]!.plan),
);
console.log(
  `8 parallel generatePlan calls: ${par.filter((r) => r.ok).length} ok, identical to sequential: ${same}`,
);
await registry.dispose();
