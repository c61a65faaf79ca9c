/**
 * Our decode loop against transformers.js `generate()` on the same ONNX (the committed
 * tiny-plan-gpt2 fixture), side by side in one run:
 * - ours: a complete one-week plan (7 days of meals + a week of sessions), greedy, constrained
 *   by `createGrammar(request)` with jump-forward; the default (the decode graph derived at
 *   load: attention split over past and new positions, no `present` copies, last-position
 *   logits; the KV cache kept by the loop) and, for comparison, KV deltas on the standard graph
 *   (`decodeGraph: false`) and the whole cache fetched and fed back (`kvDeltas: false`);
 * - transformers.js: the SAME token sequence (a logits processor forces our tokens, so both
 *   produce identical text), greedy, its own KV-cache loop.
 * Printed once before the benches, from runs interleaved ours/ours-whole-cache/theirs (so all see
 * the same load on a shared machine): tokens emitted vs model runs, jump-forward share, mask
 * share of our step time, median and p95 wall time, median CPU time of this process (less
 * sensitive to other work on the machine), tokens/s and the ratios — sequential, and with the
 * week's sessions and the meal-plan days decoded as batches (the registry text model's path in
 * generatePlan). With NEXFITRA_BENCH_DEFAULT=1 the same figures for models/plan-default (int8,
 * `model_quantized.onnx` for ours and for transformers.js, 6 layers, fewer runs). While the fixture lags the language (words added after it was built),
 * the constraint leaves out the words its vocabulary lacks (`unknownWords: 'skip'`); the count
 * is printed.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
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
const { AutoModelForCausalLM, env, Tensor } = await import('@huggingface/transformers');
env.allowRemoteModels = false;
/**
 * transformers.js `generate()` on the folder `dir` (local files only), forced to emit `tokens`
 * after `promptIds` (a logits processor), so it writes the same text as ours through its own loop.
 */
async function transformersRunner(dir: string, dtype: 'fp32' | 'q8', promptIds: readonly number[]) {
  env.localModelPath = join(dir, '..');
  const tf = await AutoModelForCausalLM.from_pretrained(basename(dir), { dtype });
  let forcing: readonly number[] = [];
  const force = (ids: bigint[][], logits: { data: Float32Array }) => {
    const k = ids[0]!.length - promptIds.length;
    logits.data.fill(Number.NEGATIVE_INFINITY);
    logits.data[forcing[k] ?? 2] = 0;
    return logits;
  };
  const input_ids = new Tensor('int64', BigInt64Array.from(promptIds.map(BigInt)), [1, promptIds.length]);
  const attention_mask = new Tensor('int64', new BigInt64Array(promptIds.length).fill(1n), [
    1,
    promptIds.length,
  ]);
  return async (tokens: readonly number[]) => {
    forcing = tokens;
    return (await tf.generate({
      input_ids,
      attention_mask,
      max_new_tokens: tokens.length,
      do_sample: false,
      logits_processor: [force],
    } as never)) as { tolist(): bigint[][] };
  };
}
const promptIds = model.tokenizer.encode(prompt);
const target = first.tokenIds;
const theirsOn = await transformersRunner(FIXTURE, 'fp32', promptIds);
const theirs = (tokens: readonly number[] = target) => theirsOn(tokens);
const check = (await theirs()).tolist()[0]!.slice(promptIds.length).map(Number);
if (check.join() !== target.join()) throw new Error('transformers.js did not reproduce the plan tokens');

/** One call's cost: wall and CPU time of this process (user + system), ms. */
interface Cost {
  readonly wall: number;
  readonly cpu: number;
}
async function cost(f: () => Promise<unknown>): Promise<Cost> {
  const c0 = process.cpuUsage();
  const t = performance.now();
  await f();
  const wall = performance.now() - t;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}
/**
 * `n` interleaved rounds of every contender (so all see the same load); each round starts with
 * the next contender, so none always runs right after the one whose garbage the collector is
 * still clearing. A 20 ms pause between calls lets transformers.js's onnxruntime thread pool
 * (its default: as many threads as cores, spinning after each run) go idle, so its spinning is
 * not charged to the process CPU time of whichever contender runs next.
 */
async function sideBySide(n: number, fs: readonly (() => Promise<unknown>)[]): Promise<Cost[][]> {
  const out: Cost[][] = fs.map(() => []);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < fs.length; j++) {
      const k = (i + j) % fs.length;
      await new Promise((resolve) => setTimeout(resolve, 20));
      out[k]!.push(await cost(fs[k]!));
    }
  }
  return out;
}
const med = (xs: readonly Cost[], k: keyof Cost) =>
  quantile(
    xs.map((x) => x[k]),
    0.5,
  );
/** One line per contender: wall median/p95, CPU median, tokens/s of CPU; then the ratios to the first. */
function report(names: readonly string[], costs: readonly Cost[][], tokens: number): string[] {
  const lines = names.map((name, k) => {
    const c = costs[k]!;
    return `  ${name}: wall ${fmt(c.map((x) => x.wall))}; CPU median ${med(c, 'cpu').toFixed(1)} ms (${Math.round((1000 * tokens) / med(c, 'cpu'))} tokens/s)`;
  });
  for (let k = 1; k < names.length; k++) {
    lines.push(
      `  ours is ${(med(costs[k]!, 'cpu') / med(costs[0]!, 'cpu')).toFixed(2)}× faster than ${names[k]} in CPU, ${(med(costs[k]!, 'wall') / med(costs[0]!, 'wall')).toFixed(2)}× in wall time`,
    );
  }
  return lines;
}
const wholeCache = await loadModel(FIXTURE, { kvDeltas: false });
const standardGraph = await loadModel(FIXTURE, { decodeGraph: false });
const oursStandard = () =>
  generate(standardGraph, {
    prompt,
    constraint: grammarConstraint(grammar, standardGraph.tokenizer),
    maxNewTokens: 4000,
  });
if ((await oursStandard()).tokenIds.join() !== target.join())
  throw new Error('the standard-graph loop did not give the same tokens');
const oursWhole = () =>
  generate(wholeCache, {
    prompt,
    constraint: grammarConstraint(grammar, wholeCache.tokenizer),
    maxNewTokens: 4000,
  });
if ((await oursWhole()).tokenIds.join() !== target.join())
  throw new Error('the whole-cache loop did not give the same tokens');
let maskMs = 0;
let stepMs = 0;
const seq = await sideBySide(20, [
  async () => {
    const r = await ours();
    maskMs += r.stats.maskMs;
    stepMs += r.stats.msTotal;
  },
  oursStandard,
  oursWhole,
  () => theirs(),
]);
console.info(
  [
    `sequential one-week plan: ${s.generatedTokens} tokens emitted, ${s.modelSteps} model runs (${s.jumpForwardTokens} jump-forward), prompt ${s.promptTokens}; 20 interleaved rounds`,
    ...report(
      [
        'ours (decode graph)',
        'ours, KV deltas on the standard graph (decodeGraph: false)',
        'ours, whole cache fed back (kvDeltas: false)',
        'transformers.js generate() (same tokens)',
      ],
      seq,
      s.generatedTokens,
    ),
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
const textWhole = textModelFromLoaded(wholeCache);
const textStandard = textModelFromLoaded(standardGraph);
const sessionDays = programWorkout(request, { seed: 0, weeks: 4 }).program.weeks[0]!.sessions.map(
  (x) => x.day,
);
const batchedInput = { prompt, grammar, seed: 0, maxNewTokens: 4000, batchDays: request.days, sessionDays };
const oursBatched = () => textModel.generate(batchedInput);
const batched = await oursBatched();
let replay = grammar.start;
for (const w of batched.text.split(' ')) replay = grammar.advance(replay, w);
if (!grammar.isComplete(replay)) throw new Error('the batched plan is incomplete');
if ((await textWhole.generate(batchedInput)).text !== batched.text)
  throw new Error('the whole-cache batches did not give the same plan');
if ((await textStandard.generate(batchedInput)).text !== batched.text)
  throw new Error('the standard-graph batches did not give the same plan');
const batchedTarget = model.tokenizer.encode(batched.text).slice(1);
const bat = await sideBySide(20, [
  oursBatched,
  () => textStandard.generate(batchedInput),
  () => textWhole.generate(batchedInput),
  () => theirs(batchedTarget),
]);
console.info(
  [
    `sessions and days as batches: ${batched.tokensEmitted} tokens emitted, ${batched.tokensRun} model runs; 20 interleaved rounds`,
    ...report(
      [
        'ours (decode graph)',
        'ours, KV deltas on the standard graph (decodeGraph: false)',
        'ours, whole cache fed back (kvDeltas: false)',
        'transformers.js generate() (same tokens)',
      ],
      bat,
      batched.tokensEmitted,
    ),
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

// The trained default model (int8, GPT-2 6×128), same request, batched as in generatePlan: ours
// (decode graph) vs KV deltas on the standard graph vs the whole cache vs transformers.js on the
// same tokens and the same ONNX file. Opt-in (≈ 1 s a plan).
if (process.env['NEXFITRA_BENCH_DEFAULT'] === '1') {
  const DEFAULT = join(__dirname, '../../../models/plan-default');
  const [d, dStandard, dWhole] = [
    await loadModel(DEFAULT, { dtype: 'q8' }),
    await loadModel(DEFAULT, { dtype: 'q8', decodeGraph: false }),
    await loadModel(DEFAULT, { dtype: 'q8', kvDeltas: false }),
  ];
  const [tm, tmStandard, tmWhole] = [
    textModelFromLoaded(d),
    textModelFromLoaded(dStandard),
    textModelFromLoaded(dWhole),
  ];
  const out = await tm.generate(batchedInput);
  // int8 weights run as onnxruntime's 8-bit MatMulNBits, which quantizes activations: a last-bit
  // difference can flip a near-tie, so equality is reported here (and tested on fixed requests
  // in test/runtime-decode-graph.test.ts), not required.
  const sameAs = async (m: typeof tm) => ((await m.generate(batchedInput)).text === out.text ? 'yes' : 'no');
  console.info(
    `plan-default (int8): same plan as the standard graph: ${await sameAs(tmStandard)}, as the whole cache: ${await sameAs(tmWhole)}`,
  );
  const tokens = d.tokenizer.encode(out.text).slice(1);
  const theirsDefault = await transformersRunner(DEFAULT, 'q8', d.tokenizer.encode(prompt));
  const check = (await theirsDefault(tokens)).tolist()[0]!.slice(d.tokenizer.encode(prompt).length);
  if (check.map(Number).join() !== tokens.join())
    throw new Error('plan-default: transformers.js did not reproduce the plan tokens');
  const costs = await sideBySide(5, [
    () => tm.generate(batchedInput),
    () => tmStandard.generate(batchedInput),
    () => tmWhole.generate(batchedInput),
    () => theirsDefault(tokens),
  ]);
  console.info(
    [
      `models/plan-default (int8), sessions and days as batches: ${out.tokensEmitted} tokens emitted, ${out.tokensRun} model runs; 5 interleaved rounds`,
      ...report(
        [
          'ours (decode graph)',
          'ours, KV deltas on the standard graph (decodeGraph: false)',
          'ours, whole cache fed back (kvDeltas: false)',
          'transformers.js generate() (same tokens)',
        ],
        costs,
        out.tokensEmitted,
      ),
    ].join('\n'),
  );
  await d.dispose();
  await dStandard.dispose();
  await dWhole.dispose();
}
