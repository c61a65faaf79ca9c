/**
 * The tiny plan-language fixture (datasets/fixtures/tiny-plan-gpt2, made by
 * scripts/make-plan-fixture.ts) end to end: the real domain tokenizer, the same greedy tokens
 * from TF.js (safetensors checkpoint), onnxruntime-node (KV cache) and transformers.js, the
 * quantised files, and a grammar-constrained decode whose text parsePlan reads.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlanRequestT } from '@nexfitra/core';
import { createGrammar, formatRequest, languageVocabulary, parsePlan } from '@nexfitra/core/language';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRequest, person } from '../../core/test/fixtures/requests';
import {
  makeTinyPlanGpt2Fixture,
  PLAN_FIXTURE_DIR,
  TINY_PLAN_GPT2_CONFIG,
} from '../scripts/make-plan-fixture';
import { readGpt2Checkpoint } from '../src/checkpoint/hf';
import { greedyGenerate } from '../src/model/generate';
import { Gpt2Model } from '../src/model/gpt2';

const VOCAB = languageVocabulary();
const ID = new Map(VOCAB.map((t, i) => [t, i]));
const V = VOCAB.length;
const LAYERS = TINY_PLAN_GPT2_CONFIG.n_layer;
const HEADS = TINY_PLAN_GPT2_CONFIG.n_head;
const HEAD_DIM = TINY_PLAN_GPT2_CONFIG.n_embd / HEADS;
// The ids the tokenizer's special tokens must have (datasets/tokenizer/README.md).
const PAD = 0;
const BOS = 1;
const EOS = 2;

/** A hand-written request: 1 plan day, 2 meals, 1 training day (not one of the training set). */
const REQUEST: PlanRequestT = makeRequest({
  profile: person('female', 41, 68, 170, 'light'),
  goal: { type: 'lose', rate: { value: 0.5, unit: 'kg/week' } },
  preferences: {
    mealsPerDay: 2,
    trainingDaysPerWeek: 1,
    sessionMinutes: 45,
    equipment: ['bodyweight', 'dumbbells'],
  },
});
const PROMPT = formatRequest(REQUEST, { kcal: 1800, proteinG: 120, fatG: 60, carbsG: 190, fiberG: 25 });
/** What the tokenizer must give: `<bos>` (add_bos_token), then each word's languageVocabulary() index. */
const PROMPT_IDS = [BOS, ...PROMPT.split(' ').map((t) => VOCAB.indexOf(t))];

let model: Gpt2Model;
let fp32: ort.InferenceSession;

beforeAll(async () => {
  await tf.setBackend('wasm');
  const { config, weights } = await readGpt2Checkpoint(PLAN_FIXTURE_DIR);
  model = Gpt2Model.fromWeights(config, weights);
  fp32 = await ort.InferenceSession.create(join(PLAN_FIXTURE_DIR, 'onnx', 'model.onnx'));
});
afterAll(() => model?.dispose());

type Kv = { key: ort.Tensor; value: ort.Tensor }[];
const i64 = (row: readonly number[]) =>
  new ort.Tensor('int64', BigInt64Array.from(row.map(BigInt)), [1, row.length]);

/** One ORT call for batch 1: `ids` after `past` (`pastLength` tokens); logits of the last position. */
async function ortStep(s: ort.InferenceSession, ids: readonly number[], pastLength: number, past?: Kv) {
  const total = pastLength + ids.length;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: i64(ids),
    attention_mask: i64(Array(total).fill(1)),
    position_ids: i64(ids.map((_, i) => pastLength + i)),
  };
  for (let l = 0; l < LAYERS; l++) {
    const empty = () => new ort.Tensor('float32', new Float32Array(0), [1, HEADS, 0, HEAD_DIM]);
    feeds[`past_key_values.${l}.key`] = past?.[l]?.key ?? empty();
    feeds[`past_key_values.${l}.value`] = past?.[l]?.value ?? empty();
  }
  const r = await s.run(feeds);
  const logits = r['logits']!.data as Float32Array;
  return {
    last: logits.subarray((ids.length - 1) * V, ids.length * V),
    present: Array.from({ length: LAYERS }, (_, l) => ({
      key: r[`present.${l}.key`]!,
      value: r[`present.${l}.value`]!,
    })) as Kv,
  };
}

/** Index of the largest score among `allowed` (all ids by default); ties go to the lowest id. */
function argmax(scores: Float32Array, allowed?: readonly number[]): number {
  const ids = allowed ?? Array.from({ length: scores.length }, (_, i) => i);
  let best = ids[0]!;
  for (const i of ids) if (scores[i]! > scores[best]!) best = i;
  return best;
}

/** Greedy decoding in onnxruntime-node: prefill, then one cached step per token. */
async function ortGreedy(s: ort.InferenceSession, prompt: readonly number[], n: number): Promise<number[]> {
  const out: number[] = [];
  let r = await ortStep(s, prompt, 0);
  for (let i = 0; i < n; i++) {
    out.push(argmax(r.last));
    if (out.at(-1) === EOS) break;
    if (i < n - 1) r = await ortStep(s, [out.at(-1)!], prompt.length + i, r.present);
  }
  return out;
}

const words = (ids: readonly number[]) => ids.map((i) => VOCAB[i]!);

describe('the fixture folder', () => {
  it('is exactly what make-plan-fixture.ts writes (training included), under 1.5 MB', {
    // Training alone takes 60–90 s on a busy 2-core machine.
    timeout: 180_000,
  }, async () => {
    const out = await mkdtemp(join(tmpdir(), 'nf-plan-fixture-'));
    try {
      const { losses } = await makeTinyPlanGpt2Fixture(out);
      const list = async (d: string): Promise<string[]> =>
        (await readdir(d, { recursive: true, withFileTypes: true }))
          .filter((e) => e.isFile())
          .map((e) => join(e.parentPath, e.name).slice(d.length + 1))
          .sort();
      const committed = await list(PLAN_FIXTURE_DIR);
      expect(committed).toEqual([
        'config.json',
        'generation_config.json',
        'model.safetensors',
        'onnx/model.onnx',
        'onnx/model_q4.onnx',
        'onnx/model_quantized.onnx',
        'tokenizer.json',
        'tokenizer_config.json',
      ]);
      expect(await list(out)).toEqual(committed);
      let bytes = 0;
      for (const f of committed) {
        const want = await readFile(join(PLAN_FIXTURE_DIR, f));
        bytes += want.length;
        // Stale after a change to the language, tokenizer, catalogues or planner: rerun
        // `npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/make-plan-fixture.ts`.
        expect((await readFile(join(out, f))).equals(want), `${f} is stale`).toBe(true);
      }
      expect(bytes).toBeLessThan(1.5e6);
      // Training did something: cross-entropy fell from ≈ ln(187) = 5.2 (near-zero initial logits
      // over the 187 distinct tokens the texts use) to well below 1 nat.
      expect(losses[0]).toBeGreaterThan(4);
      expect(losses.at(-1)).toBeLessThan(1);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  });

  it('config, generation config and tokenizer agree with the domain tokenizer', async () => {
    const json = async (f: string) => JSON.parse(await readFile(join(PLAN_FIXTURE_DIR, f), 'utf8'));
    const config = await json('config.json');
    expect(config).toMatchObject({
      model_type: 'gpt2',
      vocab_size: V,
      n_positions: 1024,
      n_embd: 32,
      n_layer: 2,
    });
    const tokCfg = await json('tokenizer_config.json');
    // The specials' ids, looked up by name in the vocabulary the tokenizer was written from.
    const ids = {
      bos_token_id: ID.get(tokCfg.bos_token),
      eos_token_id: ID.get(tokCfg.eos_token),
      pad_token_id: ID.get(tokCfg.pad_token),
    };
    expect(ids).toEqual({ bos_token_id: BOS, eos_token_id: EOS, pad_token_id: PAD });
    expect(await json('generation_config.json')).toMatchObject(ids);
    expect(config).toMatchObject(ids);
    for (const f of ['tokenizer.json', 'tokenizer_config.json']) {
      const copied = await readFile(join(PLAN_FIXTURE_DIR, f), 'utf8');
      expect(copied).toBe(await readFile(join(PLAN_FIXTURE_DIR, '..', '..', 'tokenizer', f), 'utf8'));
    }
  });
});

describe('greedy decoding agrees across runtimes', () => {
  let tfTokens: number[];

  it('TF.js (safetensors) and onnxruntime-node (fp32, KV cache) give the same 32 tokens', async () => {
    tfTokens = greedyGenerate(model, PROMPT_IDS, { maxNewTokens: 32, eosTokenId: EOS });
    expect(tfTokens).toHaveLength(32); // no early <eos>: all 32 are compared
    expect(await ortGreedy(fp32, PROMPT_IDS, 32)).toEqual(tfTokens);
    // Every training text continues `</request>` with `<plan> <workout> split:…`.
    expect(words(tfTokens).slice(0, 2)).toEqual(['<plan>', '<workout>']);
    expect(words(tfTokens)[2]).toMatch(/^split:/);
    // …and, unconstrained, it already keeps to the request's grammar (advance throws otherwise).
    const grammar = createGrammar(REQUEST);
    let state = grammar.start;
    for (const t of words(tfTokens)) state = grammar.advance(state, t);
  });

  it('transformers.js: AutoTokenizer ids and text-generation tokens', { timeout: 60_000 }, async () => {
    const { AutoTokenizer, env, pipeline, Tensor } = await import('@huggingface/transformers');
    env.allowRemoteModels = false;
    env.localModelPath = `${join(PLAN_FIXTURE_DIR, '..')}/`;
    const tokenizer = await AutoTokenizer.from_pretrained('tiny-plan-gpt2');
    expect(tokenizer.encode(PROMPT)).toEqual(PROMPT_IDS);
    const gen = await pipeline('text-generation', 'tiny-plan-gpt2', { dtype: 'fp32' });
    const ids = await gen.model.generate({
      input_ids: new Tensor('int64', BigInt64Array.from(PROMPT_IDS.map(BigInt)), [1, PROMPT_IDS.length]),
      max_new_tokens: 32,
      do_sample: false,
    });
    const generated = Array.from((ids as { data: BigInt64Array }).data, Number).slice(PROMPT_IDS.length);
    expect(generated).toEqual(tfTokens);
    const [res] = (await gen(PROMPT, { max_new_tokens: 32, do_sample: false })) as {
      generated_text: string;
    }[];
    expect(res!.generated_text).toBe(`${PROMPT} ${words(tfTokens).join(' ')}`);
  });
});

describe('quantised files in onnxruntime-node', () => {
  // Bounds on mean |logit error| / mean |logit|: int8 per-channel rounding is ≤ 1/254 of a
  // channel's range per weight, 4-bit blocks ≤ 1/30 of a block's range (16× coarser).
  it.each([
    ['q8', 'model_quantized.onnx', 0.05],
    ['q4', 'model_q4.onnx', 0.25],
  ])('%s loads, runs with the KV cache, and stays close to fp32', async (_, file, bound) => {
    const s = await ort.InferenceSession.create(join(PLAN_FIXTURE_DIR, 'onnx', file));
    const ref = await ortStep(fp32, PROMPT_IDS, 0);
    const r = await ortStep(s, PROMPT_IDS, 0);
    expect(r.last.every(Number.isFinite)).toBe(true);
    // Mean |error| small against the mean |logit| (quantisation noise, not a different model).
    let err = 0;
    let size = 0;
    for (let v = 0; v < V; v++) {
      err += Math.abs(r.last[v]! - ref.last[v]!);
      size += Math.abs(ref.last[v]!);
    }
    expect(err / size).toBeLessThan(bound);
    const next = await ortStep(s, [argmax(r.last)], PROMPT_IDS.length, r.present);
    expect(next.present[0]!.key.dims).toEqual([1, HEADS, PROMPT_IDS.length + 1, HEAD_DIM]);
    expect(next.last.every(Number.isFinite)).toBe(true);
  });
});

describe('grammar-constrained greedy decoding (onnxruntime-node, KV cache)', () => {
  it('writes a complete plan for the request that parsePlan reads', async () => {
    const grammar = createGrammar(REQUEST);
    let state = grammar.start;
    const emitted: string[] = [];
    let r = await ortStep(fp32, PROMPT_IDS, 0);
    const MAX_STEPS = 400;
    for (let step = 0; step < MAX_STEPS && !grammar.isComplete(state); step++) {
      const allowed = [...grammar.allowedNext(state)].map((t) => ID.get(t)!);
      const token = VOCAB[argmax(r.last, allowed)]!;
      state = grammar.advance(state, token); // throws if the token was not allowed
      emitted.push(token);
      r = await ortStep(fp32, [ID.get(token)!], PROMPT_IDS.length + step, r.present);
    }
    expect(emitted.length).toBeLessThan(MAX_STEPS);
    expect(grammar.isComplete(state)).toBe(true);
    const plan = parsePlan(emitted.join(' '));
    expect(plan.mealPlan.days).toHaveLength(1);
    expect(plan.mealPlan.days[0]!.meals).toHaveLength(2);
    for (const week of plan.workoutProgram.weeks) expect(week.sessions.length).toBeLessThanOrEqual(1);
  });
});
