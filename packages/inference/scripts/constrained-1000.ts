/**
 * 1,000 generated requests through an adversarial random-weight model (test/_randomModel.ts),
 * each constrained by core `createGrammar(request)`: counts plans that fail `parsePlan` and hard
 * violations of core `validatePlan`, split into the rules the grammar encodes and the rest (the
 * calorie floor and the training-day count, which generatePlan's repair owns). Samples RSS every
 * 100 plans (one loaded model, 1,000 generations: no growth means caches and tensors are freed)
 * and reloads/disposes the model 100 times (sessions released).
 *
 *   npx tsx --conditions=@nexfitra/source packages/inference/scripts/constrained-1000.ts [n]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { byIdLookup, SCHEMA_VERSION, validatePlan } from '@nexfitra/core';
import { EXERCISES } from '@nexfitra/core/exercises';
import { FOODS } from '@nexfitra/core/foods';
import { createGrammar, formatRequest, parsePlan } from '@nexfitra/core/language';
import { generateRequests, planTargets } from '@nexfitra/planner';
import { generate, grammarConstraint } from '../src/index';
import { loadModel } from '../src/node';
import { writeRandomPlanModel } from '../test/_randomModel';

const N = Number(process.argv[2] ?? 1000);
const GRAMMAR_RULES = new Set([
  'SCHEMA',
  'UNKNOWN_FOOD',
  'ALLERGEN_PRESENT',
  'DIET_MISMATCH',
  'DISLIKED_FOOD',
  'DAY_COUNT_MISMATCH',
  'MEALS_PER_DAY_MISMATCH',
  'UNKNOWN_EXERCISE',
  'EXCLUDED_EXERCISE',
  'EQUIPMENT_MISSING',
  'CONTRAINDICATED_EXERCISE',
]);
const context = { foods: byIdLookup(FOODS), exercises: byIdLookup(EXERCISES) };
const mb = () => (process.memoryUsage().rss / 2 ** 20).toFixed(1);

const tmp = await mkdtemp(join(tmpdir(), 'nf-1000-'));
const dir = await writeRandomPlanModel(join(tmp, 'm'), { seed: 11, adversarial: true, maxPositions: 4096 });
const model = await loadModel(dir);
let refused = 0;
let unparsed = 0;
let grammarHard = 0;
const otherHard = new Map<string, number>();
let tokens = 0;
let runs = 0;
let jumps = 0;
let ms = 0;
let maskMs = 0;
const rss: string[] = [`0:${mb()}`];
const requests = generateRequests(N, 20261130, { days: 7 });
for (const [i, request] of requests.entries()) {
  const t = planTargets(request);
  if (!t.ok) {
    refused++;
    continue;
  }
  const r = await generate(model, {
    prompt: formatRequest(request, t.targets),
    constraint: grammarConstraint(createGrammar(request, { weeks: 1 }), model.tokenizer),
    maxNewTokens: 4000,
  });
  tokens += r.stats.generatedTokens;
  runs += r.stats.modelSteps;
  jumps += r.stats.jumpForwardTokens;
  ms += r.stats.msTotal;
  maskMs += r.stats.maskMs;
  try {
    const plan = { schemaVersion: SCHEMA_VERSION, request, targets: t.targets, ...parsePlan(r.text) };
    for (const v of validatePlan(plan, context).violations) {
      if (v.severity !== 'hard') continue;
      if (GRAMMAR_RULES.has(v.code)) grammarHard++;
      else otherHard.set(v.code, (otherHard.get(v.code) ?? 0) + 1);
    }
  } catch {
    unparsed++;
  }
  if ((i + 1) % 100 === 0) {
    (globalThis as { gc?: () => void }).gc?.();
    rss.push(`${i + 1}:${mb()}`);
  }
}
await model.dispose();
const before = mb();
for (let i = 0; i < 100; i++) await (await loadModel(dir)).dispose();
console.log(
  [
    `requests ${N}, refused by targets ${refused}, plans ${N - refused}`,
    `unparsable ${unparsed}; hard violations of grammar rules ${grammarHard}; other hard (repair's job): ${JSON.stringify(Object.fromEntries(otherHard))}`,
    `tokens ${tokens}, model runs ${runs}, jump-forward ${jumps}; ${(ms / tokens).toFixed(3)} ms/token, mask ${((100 * maskMs) / ms).toFixed(1)} % of the time`,
    `RSS MB by plans done: ${rss.join(' ')}`,
    `RSS MB before/after 100 load+dispose: ${before} / ${mb()}`,
  ].join('\n'),
);
await rm(tmp, { recursive: true, force: true });
