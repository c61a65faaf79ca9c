/**
 * Our decode loop against transformers.js `generate()` on the same ONNX (the committed
 * tiny-plan-gpt2 fixture), side by side in one run:
 * - ours: a complete one-week plan (7 days of meals + a week of sessions), greedy, constrained
 *   by `createGrammar(request)` with jump-forward;
 * - transformers.js: the SAME token sequence (a logits processor forces our tokens, so both
 *   produce identical text), greedy, its own KV-cache loop.
 * Printed once before the benches, from runs interleaved ours/theirs (so both see the same load
 * on a shared machine): tokens emitted vs model runs, jump-forward share, mask share of our step
 * time, median and p95 of each and the ratio — sequential, and with the meal-plan days decoded
 * as one batch (the registry text model's path in generatePlan). While the fixture lags the language (words added after it
 * was built), the constraint leaves out the words its vocabulary lacks (`unknownWords: 'skip'`);
 * the count is printed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createGrammar, formatRequest, languageVocabulary } from '@nexfitra/core/language';
import { generateRequests, planTargets, programWorkout } from '@nexfitra/planner';
import { bench, describe } from 'vitest';
import { generate, grammarConstraint } from '../src/index';
import { loadModel } from '../src/node';
import { textModelFromLoaded } from '../src/plans';

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
const s = first.stats;
const quantile = (xs: readonly number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const fmt = (xs: readonly number[]) =>
  `median ${quantile(xs, 0.5).toFixed(1)} ms, p95 ${quantile(xs, 0.95).toFixed(1)} ms`;
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

/** `n` interleaved runs of each (ours, theirs): wall times, and our mask share of step time. */
async function sideBySide(n: number, a: () => Promise<unknown>, b: () => Promise<unknown>) {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    await a();
    ta.push(performance.now() - t);
    t = performance.now();
    await b();
    tb.push(performance.now() - t);
  }
  return { ta, tb, ratio: quantile(tb, 0.5) / quantile(ta, 0.5) };
}
let maskMs = 0;
let stepMs = 0;
const seq = await sideBySide(
  20,
  async () => {
    const r = await ours();
    maskMs += r.stats.maskMs;
    stepMs += r.stats.msTotal;
  },
  () => theirs(),
);
console.info(
  [
    `sequential one-week plan: ${s.generatedTokens} tokens emitted, ${s.modelSteps} model runs (${s.jumpForwardTokens} jump-forward), prompt ${s.promptTokens}`,
    `  ours ${fmt(seq.ta)}; transformers.js (same tokens) ${fmt(seq.tb)}; ours ${seq.ratio.toFixed(2)}× faster`,
    `  mask ${((100 * maskMs) / stepMs).toFixed(1)} % of our decode time`,
  ].join('\n'),
);

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

// The same request decoded in batches, as generatePlan runs it (the registry text model: the
// head sequentially, the week's sessions as one batch on the programmer's weekdays, then the
// meal-plan days as one batch).
const textModel = textModelFromLoaded(model);
const sessionDays = programWorkout(request, { seed: 0, weeks: 4 }).program.weeks[0]!.sessions.map(
  (x) => x.day,
);
const oursBatched = () =>
  textModel.generate({ prompt, grammar, seed: 0, maxNewTokens: 4000, batchDays: request.days, sessionDays });
const batched = await oursBatched();
let replay = grammar.start;
for (const w of batched.text.split(' ')) replay = grammar.advance(replay, w);
if (!grammar.isComplete(replay)) throw new Error('the batched plan is incomplete');
const batchedTarget = model.tokenizer.encode(batched.text).slice(1);
const bat = await sideBySide(20, oursBatched, () => theirs(batchedTarget));
console.info(
  [
    `sessions and days as batches: ${batched.tokensEmitted} tokens emitted, ${batched.tokensRun} model runs`,
    `  ours ${fmt(bat.ta)}; transformers.js (same tokens) ${fmt(bat.tb)}; ours ${bat.ratio.toFixed(2)}× faster`,
  ].join('\n'),
);
describe(`one-week plan with sessions and days as batches, ${batchedTarget.length} tokens`, () => {
  bench(
    'ours: sessions batched + days batched (registry text model)',
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
