/**
 * Our decode loop against transformers.js `generate()` on the same ONNX (the committed
 * tiny-plan-gpt2 fixture), side by side in one run:
 * - ours: a complete one-week plan (7 days of meals + a week of sessions), greedy, constrained
 *   by `createGrammar(request)` with jump-forward;
 * - transformers.js: the SAME token sequence (a logits processor forces our tokens, so both
 *   produce identical text), greedy, its own KV-cache loop.
 * Printed once before the benches: tokens emitted vs model runs, jump-forward share, mask share
 * of the time, median and p95 of ours. While the fixture lags the language (words added after it
 * was built), the constraint leaves out the words its vocabulary lacks (`unknownWords: 'skip'`);
 * the count is printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGrammar, formatRequest, languageVocabulary } from '@nexfitra/core/language';
import { generateRequests, planTargets } from '@nexfitra/planner';
import { bench, describe } from 'vitest';
import { generate, generateBranches, grammarConstraint, type TokenConstraint } from '../src/index';
import { loadModel } from '../src/node';

const FIXTURE = join(__dirname, '../../../datasets/fixtures/tiny-plan-gpt2');
const fixtureVocab = new Set(
  Object.keys(JSON.parse(readFileSync(join(FIXTURE, 'tokenizer.json'), 'utf8')).model.vocab),
);
const lacking = languageVocabulary().filter((w) => !fixtureVocab.has(w));
console.info(`words of the current language the fixture lacks (left out of the choices): ${lacking.length}`);

const [base] = generateRequests(1, 9, { days: 7 });
const request = { ...base!, preferences: { ...base!.preferences, trainingDaysPerWeek: 4 } };
const t = planTargets(request);
if (!t.ok) throw new Error('bench request refused');
const prompt = formatRequest(request, t.targets);
const model = await loadModel(FIXTURE);
const grammar = createGrammar(request, { weeks: 1 });
const ours = () =>
  generate(model, { prompt, constraint: grammarConstraint(grammar, model.tokenizer), maxNewTokens: 4000 });

const first = await ours();
if (first.stopReason !== 'grammar-complete') throw new Error(`no complete plan: ${first.stopReason}`);
const times: number[] = [];
let mask = 0;
for (let i = 0; i < 30; i++) {
  const r = await ours();
  times.push(r.stats.msTotal);
  mask += r.stats.maskMs;
}
times.sort((a, b) => a - b);
const total = times.reduce((a, b) => a + b, 0);
const s = first.stats;
console.info(
  [
    `plan: ${s.generatedTokens} tokens emitted, ${s.modelSteps} model runs (${s.jumpForwardTokens} jump-forward), prompt ${s.promptTokens}`,
    `ours over 30 runs: median ${times[15]!.toFixed(1)} ms, p95 ${times[28]!.toFixed(1)} ms, ${(total / 30 / s.generatedTokens).toFixed(3)} ms/token; mask ${((100 * mask) / total).toFixed(1)} % of the time`,
  ].join('\n'),
);

const { AutoModelForCausalLM, env } = await import('@huggingface/transformers');
env.allowRemoteModels = false;
env.localModelPath = join(FIXTURE, '..');
const tf = await AutoModelForCausalLM.from_pretrained('tiny-plan-gpt2', { dtype: 'fp32' });
const promptIds = model.tokenizer.encode(prompt);
const target = first.tokenIds;
let forcing: readonly number[] = target;
/** Forces the next token of `forcing`: the same text as ours, through transformers.js's own loop. */
const force = (ids: bigint[][], logits: { data: Float32Array }) => {
  const k = ids[0]!.length - promptIds.length;
  logits.data.fill(Number.NEGATIVE_INFINITY);
  logits.data[forcing[k] ?? 2] = 0;
  return logits;
};
const { Tensor } = await import('@huggingface/transformers');
const input_ids = new Tensor('int64', BigInt64Array.from(promptIds.map(BigInt)), [1, promptIds.length]);
const attention_mask = new Tensor('int64', new BigInt64Array(promptIds.length).fill(1n), [
  1,
  promptIds.length,
]);
const theirs = async (tokens: readonly number[] = target) => {
  forcing = tokens;
  return (await tf.generate({
    input_ids,
    attention_mask,
    max_new_tokens: tokens.length,
    do_sample: false,
    logits_processor: [force],
  } as never)) as {
    tolist(): bigint[][];
  };
};
const check = (await theirs()).tolist()[0]!.slice(promptIds.length).map(Number);
if (check.join() !== target.join()) throw new Error('transformers.js did not reproduce the plan tokens');

describe(`one-week plan, ${target.length} tokens (tiny-plan-gpt2 fp32)`, () => {
  bench(
    'ours: constrained greedy + jump-forward (onnxruntime-node)',
    async () => {
      await ours();
    },
    { time: 3000, warmupIterations: 2 },
  );
  bench(
    'transformers.js generate(): same tokens',
    async () => {
      await theirs();
    },
    { time: 3000, warmupIterations: 2 },
  );
});

// Mask cost against step cost, each alone over the same plan (wall time on a shared machine
// includes preemption, so the two are measured the same way, side by side).
const notEos = Array.from({ length: model.config.vocabSize }, (_, i) => i).filter(
  (i) => !model.tokenizer.eosIds.includes(i),
);
const free = { start: 0, allowed: () => notEos, advance: (s: number) => s + 1, isComplete: () => false };
describe(`mask vs model, ${target.length} steps`, () => {
  bench(
    'mask only: a fresh grammar constraint walked through the plan',
    () => {
      const c = grammarConstraint(grammar, model.tokenizer);
      let st = c.start;
      for (const id of target) {
        c.allowed(st);
        st = c.advance(st, id);
      }
    },
    { time: 2000 },
  );
  bench(
    'model only: the same number of cached steps, no grammar',
    async () => {
      await generate(model, { prompt, constraint: free, maxNewTokens: target.length });
    },
    { time: 3000, warmupIterations: 2 },
  );
});

// The same request with the meal-plan days decoded as one batch (generateBranches): the workout
// and `<meals> <day>` sequentially, then one row per day, each under the grammar from the state
// after the first `<day>`, ending when it chooses the next `<day>`.
const dayId = model.tokenizer.idOf('<day>')!;
const endId = model.tokenizer.idOf('</plan>')!;
async function oursBatched() {
  const c = grammarConstraint(grammar, model.tokenizer);
  const head: TokenConstraint<{ s: unknown; done: boolean }> = {
    start: { s: c.start, done: false },
    allowed: (st) => (st.done ? [] : c.allowed(st.s)),
    advance: (st, id) => ({ s: c.advance(st.s, id), done: id === dayId }),
    isComplete: (st) => st.done || c.isComplete(st.s),
  };
  const a = await generate(model, { prompt, constraint: head as TokenConstraint, maxNewTokens: 4000 });
  let st = grammar.start;
  for (const w of a.text.split(' ')) st = grammar.advance(st, w);
  const b = await generateBranches(model, {
    prompt: `${prompt} ${a.text}`,
    branches: Array.from({ length: request.days }, () =>
      grammarConstraint(grammar, model.tokenizer, { from: st }),
    ),
    stopIds: [dayId, endId],
    maxNewTokens: 4000,
  });
  const text = [a.text, b.branches.map((x) => x.text).join(' <day> '), '</plan>'].join(' ');
  return { text, runs: a.stats.modelSteps + b.stats.modelSteps };
}
const batched = await oursBatched();
let replay = grammar.start;
for (const w of batched.text.split(' ')) replay = grammar.advance(replay, w);
if (!grammar.isComplete(replay)) throw new Error('the batched plan is incomplete');
const batchedTarget = model.tokenizer.encode(batched.text).slice(1);
const btimes: number[] = [];
for (let i = 0; i < 20; i++) {
  const t1 = performance.now();
  await oursBatched();
  btimes.push(performance.now() - t1);
}
btimes.sort((a, b) => a - b);
console.info(
  `days as one batch: ${batchedTarget.length} tokens, ${batched.runs} model runs; median ${btimes[10]!.toFixed(1)} ms, p95 ${btimes[18]!.toFixed(1)} ms`,
);
describe(`one-week plan with the ${request.days} days as one batch, ${batchedTarget.length} tokens`, () => {
  bench(
    'ours: workout sequential + days batched (generateBranches)',
    async () => {
      await oursBatched();
    },
    { time: 3000, warmupIterations: 2 },
  );
  bench(
    'transformers.js generate(): same tokens',
    async () => {
      await theirs(batchedTarget);
    },
    { time: 3000, warmupIterations: 2 },
  );
});
