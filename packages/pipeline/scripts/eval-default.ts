/**
 * Evaluates an exported plan model on the held-out test split: per request, `generatePlan` with
 * constrained decoding, repair and validation (parse rate, hard violations, time), and — on the
 * model's own text, before repair — the daily kcal error against the targets in the prompt.
 *
 * Run: npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/eval-default.ts
 *        [--model models/plan-default] [--data datasets/build/training-default] [--n 16] [--save eval.json]
 */
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { PlanRequestT } from '@nexfitra/core';
import { FOODS } from '@nexfitra/core/foods';
import { createGrammar, formatRequest, parsePlan } from '@nexfitra/core/language';
import { registerModelFolder } from '@nexfitra/inference/node';
import { createRegistry, generatePlan } from '@nexfitra/inference/plan';
import { planTargets } from '@nexfitra/planner';
import type { TrainingRow } from '../src/data/row';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
};
const modelDir = resolve(arg('model', join(ROOT, 'models', 'plan-default')));
const data = resolve(arg('data', join(ROOT, 'datasets', 'build', 'training-default')));
const n = Number(arg('n', '16'));

const rows: TrainingRow[] = [];
for await (const line of createInterface({ input: createReadStream(join(data, 'test.jsonl')) })) {
  if (line.trim() !== '' && rows.length < n) rows.push(JSON.parse(line) as TrainingRow);
}
const registry = registerModelFolder(createRegistry(), modelDir, { id: 'default' });
const model = await registry.get('default');
const per100 = new Map(FOODS.map((f) => [f.id, f.per100g]));
let parsed = 0;
let ok = 0;
let hard = 0;
const kcalErr: number[] = [];
const teacherKcalErr: number[] = [];
let shown = false;
const ms: number[] = [];
const failures: Record<string, number> = {};
for (const row of rows) {
  const request = JSON.parse(row.request) as PlanRequestT;
  const t0 = performance.now();
  const r = await generatePlan(request, { model: 'default', registry, seed: 1 });
  ms.push(performance.now() - t0);
  if (r.ok) {
    ok++;
    parsed++;
    hard += r.report.validation.hard.length;
  } else if (!r.refused) {
    failures[r.failure.code] = (failures[r.failure.code] ?? 0) + 1;
    if (r.failure.code !== 'UNPARSEABLE') parsed++;
    hard += r.failure.violations.filter((v) => v.severity === 'hard').length;
  }
  // Before repair: the model's own text, greedy, the same grammar the runtime uses.
  if (model.kind !== 'text') continue;
  const t = planTargets(request);
  if (!t.ok) continue;
  const out = await model.generate({
    prompt: formatRequest(request, t.targets),
    grammar: createGrammar(request, { weeks: 1 }),
    seed: 1,
    maxNewTokens: 4000,
  });
  if (!shown) {
    console.log(`model text, first test request (first 600 characters):\n${out.text.slice(0, 600)}\n`);
    shown = true;
  }
  const dayErrors = (text: string, into: number[]) => {
    try {
      for (const day of parsePlan(text).mealPlan.days) {
        let kcal = 0;
        for (const m of day.meals)
          for (const it of m.items) kcal += ((per100.get(it.foodId)?.kcal ?? 0) * it.grams) / 100;
        into.push(Math.abs(kcal - t.targets.kcal) / t.targets.kcal);
      }
    } catch {
      // an unparseable text is counted by generatePlan above
    }
  };
  dayErrors(out.text, kcalErr);
  dayErrors(row.plan, teacherKcalErr);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const summary = {
  model: relative(ROOT, modelDir),
  requests: rows.length,
  parseRate: parsed / rows.length,
  okRate: ok / rows.length,
  hardViolationsInReturnedPlans: hard,
  failures,
  kcalAbsRelErrorBeforeRepair: { mean: mean(kcalErr), median: median(kcalErr), days: kcalErr.length },
  teacherKcalAbsRelError: { mean: mean(teacherKcalErr), median: median(teacherKcalErr) },
  msPerPlan: { mean: mean(ms), median: median(ms) },
  teacherMsPerPlan: {
    mean: mean(rows.map((r) => r.teacherMs)),
    median: median(rows.map((r) => r.teacherMs)),
  },
};
const text = `${JSON.stringify(summary, null, 2)}\n`;
console.log(text);
const save = arg('save', '');
if (save !== '') await writeFile(save, text);
