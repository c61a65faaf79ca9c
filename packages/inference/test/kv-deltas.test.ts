/**
 * KV deltas (the cache kept by the loop, `exposeKvDeltas` + `_KvDecoder`) against the reference
 * semantics of the standard graph: `present.*` = `Concat(past, new, axis 2)` fed back as the next
 * run's past. Expected values come from the unmodified graph, run by onnxruntime-node:
 * - the added output equals the last `seq` positions of `present` (the Concat's definition);
 * - greedy, seeded-sampling and batched (`generateBranches`) generation give the same token ids
 *   with deltas as with the whole cache fed back (`kvDeltas: false`), on the committed fixtures.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createGrammar, formatRequest, parsePlan } from '@nexfitra/core/language';
import { generateRequests, planTargets } from '@nexfitra/planner';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate, generateBranches, grammarConstraint, type LoadedModel } from '../src/index';
import { loadModel } from '../src/node';
import { exposeKvDeltas } from '../src/runtime/_kvDelta';

const PLAN = join(__dirname, '../../../datasets/fixtures/tiny-plan-gpt2');
const GPT2 = join(__dirname, '../../../datasets/fixtures/tiny-gpt2');

const [request] = generateRequests(1, 9, { days: 7 });
const t = planTargets(request!);
if (!t.ok) throw new Error('fixture request refused');
const prompt = formatRequest(request!, t.targets);
const grammar = createGrammar(request!, { weeks: 1 });

let withDeltas: LoadedModel;
let whole: LoadedModel;
beforeAll(async () => {
  // KV deltas on the standard graph (the default decode graph: runtime-decode-graph.test.ts).
  withDeltas = await loadModel(PLAN, { decodeGraph: false });
  whole = await loadModel(PLAN, { kvDeltas: false });
});
afterAll(async () => {
  await withDeltas?.dispose();
  await whole?.dispose();
});

describe('exposeKvDeltas', () => {
  it('adds, per present output, the positions a run adds: equal to the tail of present', async () => {
    const bytes = new Uint8Array(await readFile(join(PLAN, 'onnx/model.onnx')));
    const g = exposeKvDeltas(bytes);
    expect(g).toBeDefined();
    // 2 layers (config.json n_layer), key and value each.
    expect(Object.keys(g!.deltas).sort()).toEqual([
      'present.0.key',
      'present.0.value',
      'present.1.key',
      'present.1.value',
    ]);
    const s = await ort.InferenceSession.create(g!.bytes);
    const [B, H, T, n, D] = [2, 2, 3, 2, 16]; // n_head 2, n_embd 32 → head size 16
    let seed = 1;
    const rand = () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647 - 0.5;
    };
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from([5n, 6n, 7n, 8n]), [B, n]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(B * (T + n)).fill(1n), [B, T + n]),
      position_ids: new ort.Tensor('int64', BigInt64Array.from([3n, 4n, 3n, 4n]), [B, n]),
    };
    for (let l = 0; l < 2; l++) {
      for (const kv of ['key', 'value'])
        feeds[`past_key_values.${l}.${kv}`] = new ort.Tensor(
          'float32',
          Float32Array.from({ length: B * H * T * D }, rand),
          [B, H, T, D],
        );
    }
    const out = await s.run(feeds);
    for (const [present, delta] of Object.entries(g!.deltas)) {
      const p = out[present]!.data as Float32Array;
      const d = out[delta]!;
      expect(d.dims).toEqual([B, H, n, D]);
      const tail: number[] = [];
      for (let k = 0; k < B * H; k++) tail.push(...p.subarray((k * (T + n) + T) * D, (k + 1) * (T + n) * D));
      expect([...(d.data as Float32Array)]).toEqual(tail);
    }
    await s.release();
  });

  it('leaves a graph without Concat(past, new) presents, and bytes that are no ONNX, alone', () => {
    expect(exposeKvDeltas(new Uint8Array([0xff, 0xff, 0xff]))).toBeUndefined();
    expect(exposeKvDeltas(new TextEncoder().encode('not an onnx file at all'))).toBeUndefined();
  });

  it('the onnxruntime-node adapter exposes them; kvDeltas: false loads the graph as it is', () => {
    expect(Object.keys(withDeltas.session.kvDeltas ?? {})).toHaveLength(4);
    expect(whole.session.kvDeltas).toBeUndefined();
    // The added outputs are the adapter's business: the graph's own outputs are listed as before.
    expect(withDeltas.session.outputNames).toEqual(whole.session.outputNames);
  });
});

describe('generation with the cache kept by the loop is token-identical', () => {
  it('a constrained greedy one-week plan (jump-forward runs of several tokens included)', async () => {
    const run = (m: LoadedModel) =>
      generate(m, {
        prompt,
        constraint: grammarConstraint(grammar, m.tokenizer, { unknownWords: 'skip' }),
        maxNewTokens: 4000,
      });
    const [a, b] = [await run(withDeltas), await run(whole)];
    expect(a.stopReason).toBe('grammar-complete');
    expect(a.tokenIds).toEqual(b.tokenIds);
    expect(a.stats.modelSteps).toBe(b.stats.modelSteps);
    expect(parsePlan(a.text).mealPlan.days).toHaveLength(7);
  });

  it('seeded sampling, free text on the BPE-free GPT-2 fixture', async () => {
    const [d, w] = [
      await loadModel(GPT2, { decodeGraph: false }),
      await loadModel(GPT2, { kvDeltas: false }),
    ];
    try {
      for (const sampling of [{}, { temperature: 1, seed: 3 }, { temperature: 0.8, topK: 20, seed: 9 }]) {
        const opts = { prompt: 'the', maxNewTokens: 60, sampling };
        expect((await generate(d, opts)).tokenIds).toEqual((await generate(w, opts)).tokenIds);
      }
    } finally {
      await d.dispose();
      await w.dispose();
    }
  });

  it('the days of a meal plan as one batch (the shared prompt tiled to 7 rows)', async () => {
    // The text up to the first meal-plan day, as the registry's batched path decodes it.
    const full = await generate(whole, {
      prompt,
      constraint: grammarConstraint(grammar, whole.tokenizer, { unknownWords: 'skip' }),
      maxNewTokens: 4000,
    });
    const words = full.text.split(' ');
    const head = words.slice(0, words.indexOf('<day>') + 1).join(' ');
    let st = grammar.start;
    for (const w of head.split(' ')) st = grammar.advance(st, w);
    const dayId = whole.tokenizer.idOf('<day>')!;
    const run = (m: LoadedModel) =>
      generateBranches(m, {
        prompt: `${prompt} ${head}`,
        branches: Array.from({ length: 7 }, () =>
          grammarConstraint(grammar, m.tokenizer, { from: st, unknownWords: 'skip' }),
        ),
        stopIds: [dayId, whole.tokenizer.idOf('</plan>')!],
        maxNewTokens: 400,
        diverse: true,
      });
    const [a, b] = [await run(withDeltas), await run(whole)];
    expect(a.branches.map((x) => x.tokenIds)).toEqual(b.branches.map((x) => x.tokenIds));
    expect(a.stats.modelSteps).toBe(b.stats.modelSteps);
    expect(a.branches.every((x) => x.tokenIds.length > 0)).toBe(true);
  });
});
