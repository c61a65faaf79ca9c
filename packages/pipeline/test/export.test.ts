import { copyFile, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNexFitraError } from '@nexfitra/core';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureVocabulary, makeTinyGpt2Fixture, TINY_GPT2_CONFIG } from '../scripts/make-fixtures';
import { writeGpt2Checkpoint } from '../src/checkpoint/hf';
import { DT, GraphBuilder } from '../src/export/_graph';
import { exportGpt2Checkpoint, exportGpt2ToTransformersJs } from '../src/export/folder';
import { buildGpt2Onnx } from '../src/export/gpt2-onnx';
import { quantizeInt8, quantizeQ4 } from '../src/export/quantize';
import { checkGpt2Config, type Gpt2Config } from '../src/model/config';
import { greedyGenerate } from '../src/model/generate';
import { disposeKv, Gpt2Model } from '../src/model/gpt2';
import { type HostTensor, initGpt2Weights } from '../src/model/weights';

const FIXTURE_DIR = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../datasets/fixtures/tiny-gpt2',
);
const CONFIG: Gpt2Config = checkGpt2Config({
  vocab_size: 300,
  n_positions: 128,
  n_embd: 64,
  n_layer: 2,
  n_head: 4,
  bos_token_id: 0,
  eos_token_id: 0,
  pad_token_id: 2,
});
const WEIGHTS = initGpt2Weights(CONFIG, { seed: 11, std: 0.2, randomizeAll: true });
const H = 4;
const HD = 16;
const V = 300;

let model: Gpt2Model;
let out: string;
const sessions: Partial<Record<'fp32' | 'q8' | 'q4', ort.InferenceSession>> = {};

beforeAll(async () => {
  await tf.setBackend('wasm').catch(() => tf.setBackend('cpu'));
  model = Gpt2Model.fromWeights(CONFIG, WEIGHTS);
  out = await mkdtemp(join(tmpdir(), 'nf-export-'));
  await exportGpt2ToTransformersJs(join(out, 'm'), CONFIG, WEIGHTS, { tokenizerDir: FIXTURE_DIR });
  sessions.fp32 = await ort.InferenceSession.create(join(out, 'm', 'onnx', 'model.onnx'));
});
afterAll(async () => {
  model.dispose();
  await rm(out, { recursive: true, force: true });
});

type Kv = { key: ort.Tensor; value: ort.Tensor }[];
const i64 = (rows: number[][]) =>
  new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [rows.length, rows[0]!.length]);

/** One ORT call: new tokens `ids` after `past` (empty by default), positions from the mask. */
async function ortStep(
  s: ort.InferenceSession,
  ids: number[][],
  mask: number[][],
  past?: Kv,
  pos?: number[][],
) {
  const batch = ids.length;
  const seq = ids[0]!.length;
  const pastLen = mask[0]!.length - seq;
  const feeds: Record<string, ort.Tensor> = {
    input_ids: i64(ids),
    attention_mask: i64(mask),
    position_ids: i64(pos ?? ids.map(() => Array.from({ length: seq }, (_, i) => pastLen + i))),
  };
  for (let l = 0; l < CONFIG.n_layer; l++) {
    const empty = () => new ort.Tensor('float32', new Float32Array(0), [batch, H, 0, HD]);
    feeds[`past_key_values.${l}.key`] = past?.[l]?.key ?? empty();
    feeds[`past_key_values.${l}.value`] = past?.[l]?.value ?? empty();
  }
  const r = await s.run(feeds);
  const present: Kv = Array.from({ length: CONFIG.n_layer }, (_, l) => ({
    key: r[`present.${l}.key`]!,
    value: r[`present.${l}.value`]!,
  }));
  return { logits: r['logits']!.data as Float32Array, dims: r['logits']!.dims, present };
}

function tfLogits(
  m: Gpt2Model,
  ids: number[][],
  opts: { mask?: number[][]; pos?: number[][] } = {},
): Float32Array {
  const r = m.forward(tf.tensor2d(ids, undefined, 'int32'), {
    ...(opts.mask ? { attentionMask: tf.tensor2d(opts.mask, undefined, 'int32') } : {}),
    ...(opts.pos ? { positionIds: tf.tensor2d(opts.pos, undefined, 'int32') } : {}),
  });
  const data = r.logits.dataSync() as Float32Array;
  r.logits.dispose();
  disposeKv(r.present);
  return data;
}

function errors(a: ArrayLike<number>, b: ArrayLike<number>): { max: number; mean: number } {
  expect(a.length).toBe(b.length);
  let max = 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) {
    const e = Math.abs(a[i]! - b[i]!);
    max = Math.max(max, e);
    sum += e;
  }
  return { max, mean: sum / a.length };
}

const argmaxLast = (logits: Float32Array, row = 0, seq = 1, at = seq - 1) => {
  const base = (row * seq + at) * V;
  let best = 0;
  for (let v = 1; v < V; v++) if (logits[base + v]! > logits[base + best]!) best = v;
  return best;
};

/** Deterministic pseudo-random token ids in [3, 300). */
const tokens = (n: number, seed: number) =>
  Array.from({ length: n }, (_, i) => 3 + ((i * 97 + seed * 31) % 297));

describe('ONNX fp32 parity with the TF.js model', () => {
  it('full pass, batch 2: logits agree within 1e-4', async () => {
    const ids = [tokens(12, 1), tokens(12, 2)];
    const ort1 = await ortStep(
      sessions.fp32!,
      ids,
      ids.map((r) => r.map(() => 1)),
    );
    expect(ort1.dims).toEqual([2, 12, V]);
    expect(errors(ort1.logits, tfLogits(model, ids)).max).toBeLessThan(1e-4);
  });

  it('KV cache: prefill 5, then 7 single steps match the TF full pass within 1e-4', async () => {
    const ids = tokens(12, 3);
    const want = tfLogits(model, [ids]);
    let r = await ortStep(sessions.fp32!, [ids.slice(0, 5)], [Array(5).fill(1)]);
    expect(errors(r.logits, want.subarray(0, 5 * V)).max).toBeLessThan(1e-4);
    for (let t = 5; t < 12; t++) {
      r = await ortStep(sessions.fp32!, [[ids[t]!]], [Array(t + 1).fill(1)], r.present);
      expect(r.present[0]!.key.dims).toEqual([1, H, t + 1, HD]);
      expect(errors(r.logits, want.subarray(t * V, (t + 1) * V)).max).toBeLessThan(1e-4);
    }
  });

  it('padding with a past: a left-padded row continues exactly like the unpadded row', async () => {
    // Row 0 has 3 pads on the left; row 1 is full. Both then take 2 cached steps.
    const a = tokens(4, 4);
    const b = tokens(7, 5);
    const mask = [[0, 0, 0, 1, 1, 1, 1], Array(7).fill(1)];
    const pos = [
      [1, 1, 1, 0, 1, 2, 3],
      [0, 1, 2, 3, 4, 5, 6],
    ]; // transformers.js: cumsum − 1, pads → 1
    let r = await ortStep(sessions.fp32!, [[2, 2, 2, ...a], b], mask, undefined, pos);
    let alone = await ortStep(sessions.fp32!, [a], [Array(4).fill(1)]);
    expect(errors(r.logits.subarray(3 * V, 7 * V), alone.logits).max).toBeLessThan(1e-4);
    expect(errors(r.logits.subarray(7 * V), tfLogits(model, [b])).max).toBeLessThan(1e-4);
    expect(r.logits.every(Number.isFinite)).toBe(true);
    for (let step = 0; step < 2; step++) {
      const next = [[5 + step], [9 + step]];
      for (const m of mask) m.push(1);
      r = await ortStep(sessions.fp32!, next, mask, r.present, [[4 + step], [7 + step]]);
      alone = await ortStep(sessions.fp32!, [next[0]!], [Array(5 + step).fill(1)], alone.present);
      expect(errors(r.logits.subarray(0, V), alone.logits).max).toBeLessThan(1e-4);
      const tfRow1 = tfLogits(model, [[...b, 9, 10].slice(0, 8 + step)]);
      expect(errors(r.logits.subarray(V), tfRow1.subarray((7 + step) * V)).max).toBeLessThan(1e-4);
    }
  });

  it('greedy generation of 64 tokens is identical in TF.js and ORT', async () => {
    const prompt = tokens(6, 6);
    const tfTokens = greedyGenerate(model, prompt, { maxNewTokens: 64 });
    const ortTokens: number[] = [];
    let r = await ortStep(sessions.fp32!, [prompt], [prompt.map(() => 1)]);
    for (let i = 0; i < 64; i++) {
      const next = argmaxLast(r.logits, 0, i === 0 ? prompt.length : 1);
      ortTokens.push(next);
      if (i < 63)
        r = await ortStep(sessions.fp32!, [[next]], [Array(prompt.length + i + 1).fill(1)], r.present);
    }
    expect(ortTokens).toHaveLength(64);
    expect(ortTokens).toEqual(tfTokens);
    expect(new Set(tfTokens).size).toBeGreaterThan(3); // not a degenerate constant output
  });
});

describe('transformers.js loads the exported folder', () => {
  it('text-generation (greedy, 64 tokens) gives the TF.js tokens', { timeout: 60_000 }, async () => {
    const { env, pipeline } = await import('@huggingface/transformers');
    env.allowRemoteModels = false;
    env.localModelPath = `${out}/`;
    const gen = await pipeline('text-generation', 'm', { dtype: 'fp32' });
    const promptText = 'squat bench press 3 sets';
    const promptIds = (gen.tokenizer.encode(promptText) as number[]).map(Number);
    const vocab = fixtureVocabulary(V); // the list tokenizer.json was written from
    expect(promptIds).toEqual(promptText.split(' ').map((w) => vocab.indexOf(w)));
    // eos = 0 would stop generation early: take the TF.js tokens up to and including an eos.
    const tfTokens = greedyGenerate(model, promptIds, { maxNewTokens: 64, eosTokenId: 0 });
    expect(tfTokens).toHaveLength(64); // these weights never pick eos, so all 64 are compared
    const ids = await gen.model.generate({
      input_ids: new (await import('@huggingface/transformers')).Tensor(
        'int64',
        BigInt64Array.from(promptIds.map(BigInt)),
        [1, 5],
      ),
      max_new_tokens: 64,
      do_sample: false,
    });
    const generated = Array.from((ids as { data: BigInt64Array }).data, Number).slice(5);
    expect(generated).toEqual(tfTokens);
    const text = await gen(promptText, { max_new_tokens: 64, do_sample: false });
    const want = gen.tokenizer.decode([...promptIds, ...tfTokens], { skip_special_tokens: true });
    expect((text as { generated_text: string }[])[0]!.generated_text).toBe(want);
  });

  it('dtype q8 and q4 load through the same pipeline', { timeout: 60_000 }, async () => {
    const { pipeline } = await import('@huggingface/transformers');
    for (const dtype of ['q8', 'q4'] as const) {
      const gen = await pipeline('text-generation', 'm', { dtype });
      const [res] = (await gen('squat', { max_new_tokens: 8, do_sample: false })) as {
        generated_text: string;
      }[];
      expect(res!.generated_text.split(' ').length).toBeGreaterThan(1);
    }
  });
});

describe('quantised exports', () => {
  it('int8 (q8) equals the fp32 graph on dequantised weights, and runs in onnxruntime-node', async () => {
    // 'basic' keeps the graph as written; at 'extended' and above ORT 1.30 fuses
    // DequantizeLinear + MatMul into an 8-bit MatMulNBits with int8 activations (its
    // session.qdq_matmulnbits_accuracy_level defaults to 4), which adds activation rounding.
    const file = join(out, 'm', 'onnx', 'model_quantized.onnx');
    const s = await ort.InferenceSession.create(file, { graphOptimizationLevel: 'basic' });
    // Dequantise exactly as DequantizeLinear does, (q − 0)·scale, and run the TF.js model on it.
    const deq = new Map<string, HostTensor>();
    for (const [name, t] of WEIGHTS) {
      if (t.shape.length === 1) deq.set(name, t);
      else {
        const [r, c] = t.shape as [number, number];
        const axis = name === 'wte.weight' || name === 'wpe.weight' ? 0 : 1;
        const { q, scales } = quantizeInt8(t.data, r, c, axis);
        const data = Float32Array.from(q, (v, i) => v * scales[axis === 0 ? Math.floor(i / c) : i % c]!);
        deq.set(name, { shape: t.shape, data });
      }
    }
    const m = Gpt2Model.fromWeights(CONFIG, deq);
    const ids = [tokens(10, 7)];
    const r = await ortStep(s, ids, [Array(10).fill(1)]);
    expect(errors(r.logits, tfLogits(m, ids)).max).toBeLessThan(1e-4);
    m.dispose();
    // With ORT's default optimisations it still runs and stays close to fp32.
    const fused = await ortStep(await ort.InferenceSession.create(file), ids, [Array(10).fill(1)]);
    const fp = await ortStep(sessions.fp32!, ids, [Array(10).fill(1)]);
    expect(errors(fused.logits, fp.logits).mean).toBeLessThan(
      0.1 * errors(fp.logits, new Float32Array(fp.logits.length)).mean,
    );
  });

  it('MatMulNBits reads our 4-bit packing: one node equals x · dequant(B)ᵀ (K = 40, padded)', async () => {
    const n = 5;
    const k = 40;
    const b = Float32Array.from({ length: n * k }, (_, i) => Math.sin(i * 1.7) * (1 + (i % 7)));
    const q = quantizeQ4(n, k, (r, c) => b[r * k + c]!);
    // Dequantise by the spec: nibble j of block bl is byte j>>1, low nibble for even j.
    const zpBytes = Math.ceil(q.kBlocks / 2);
    const deq = (r: number, c: number) => {
      const bl = Math.floor(c / 32);
      const j = c % 32;
      const byte = q.packed[(r * q.kBlocks + bl) * 16 + (j >> 1)]!;
      const code = j & 1 ? byte >> 4 : byte & 15;
      const zpByte = q.zeroPoints[r * zpBytes + (bl >> 1)]!;
      const zp = bl & 1 ? zpByte >> 4 : zpByte & 15;
      return (code - zp) * q.scales[r * q.kBlocks + bl]!;
    };
    // The rounding error is at most half a step: |w − deq(w)| ≤ scale / 2.
    for (let r = 0; r < n; r++) {
      for (let c = 0; c < k; c++) {
        expect(Math.abs(b[r * k + c]! - deq(r, c))).toBeLessThanOrEqual(
          q.scales[r * q.kBlocks + Math.floor(c / 32)]! / 2 + 1e-6,
        );
      }
    }
    const g = new GraphBuilder();
    g.input('x', DT.FLOAT, [3, k]);
    const bn = g.initializer('B', DT.UINT8, [n, q.kBlocks, 16], q.packed);
    const sn = g.floats('scales', [n * q.kBlocks], q.scales);
    const zn = g.initializer('zp', DT.UINT8, [q.zeroPoints.length], q.zeroPoints);
    g.node(
      'MatMulNBits',
      ['x', bn, sn, zn],
      { K: k, N: n, bits: 4, block_size: 32 },
      { outputs: ['y'], domain: 'com.microsoft' },
    );
    g.output('y', DT.FLOAT, [3, n]);
    const s = await ort.InferenceSession.create(g.encode('nbits', ''));
    const x = Float32Array.from({ length: 3 * k }, (_, i) => Math.cos(i * 0.3));
    const y = (await s.run({ x: new ort.Tensor('float32', x, [3, k]) }))['y']!.data as Float32Array;
    const want = Array.from({ length: 3 * n }, (_, i) => {
      let acc = 0;
      for (let c = 0; c < k; c++) acc += x[Math.floor(i / n) * k + c]! * deq(i % n, c);
      return acc;
    });
    expect(errors(y, want).max).toBeLessThan(1e-4);
  });

  it('q4 runs with the KV cache and stays close to fp32', async () => {
    const s = await ort.InferenceSession.create(join(out, 'm', 'onnx', 'model_q4.onnx'));
    const ids = tokens(10, 8);
    const full = await ortStep(s, [ids], [Array(10).fill(1)]);
    const fp = await ortStep(sessions.fp32!, [ids], [Array(10).fill(1)]);
    const e = errors(full.logits, fp.logits);
    const spread = errors(fp.logits, new Float32Array(fp.logits.length)).mean; // mean |logit|
    expect(e.mean).toBeLessThan(0.25 * spread);
    let r = await ortStep(s, [ids.slice(0, 6)], [Array(6).fill(1)]);
    for (let t = 6; t < 10; t++) r = await ortStep(s, [[ids[t]!]], [Array(t + 1).fill(1)], r.present);
    expect(errors(r.logits, full.logits.subarray(9 * V)).max).toBeLessThan(1e-4);
  });
});

describe('exporter input checks', () => {
  const broken = (edit: (w: Map<string, HostTensor>) => void) => {
    const w = new Map(WEIGHTS);
    edit(w);
    return w;
  };
  const thrown = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      return e;
    }
    return undefined;
  };

  it('names a tensor with the wrong shape', () => {
    const w = broken((m) =>
      m.set('h.1.attn.c_attn.weight', { shape: [64, 64], data: new Float32Array(64 * 64) }),
    );
    const e = thrown(() => buildGpt2Onnx(CONFIG, w));
    expect(isNexFitraError(e) && e.code === 'BAD_DATA').toBe(true);
    expect(String(e)).toMatch(/buildGpt2Onnx: weights\.h\.1\.attn\.c_attn\.weight\.shape .*\[64, 192\]/);
  });

  it('names a missing tensor', () => {
    const e = thrown(() =>
      buildGpt2Onnx(
        CONFIG,
        broken((m) => m.delete('ln_f.bias')),
      ),
    );
    expect(String(e)).toMatch(/weights\.ln_f\.bias = undefined/);
  });

  it('names a tensor holding NaN, with the element index', () => {
    const w = broken((m) => {
      const t = m.get('h.0.mlp.c_fc.weight')!;
      const data = Float32Array.from(t.data);
      data[17] = Number.NaN;
      m.set('h.0.mlp.c_fc.weight', { shape: t.shape, data });
    });
    expect(() => buildGpt2Onnx(CONFIG, w, 'q4')).toThrow(/weights\.h\.0\.mlp\.c_fc\.weight\.17 = NaN/);
  });

  it('names an unexpected tensor and a bad config field', () => {
    const w = broken((m) => m.set('h.2.ln_1.weight', { shape: [64], data: new Float32Array(64) }));
    expect(() => buildGpt2Onnx(CONFIG, w)).toThrow(/weights\.h\.2\.ln_1\.weight/);
    expect(() => buildGpt2Onnx({ ...CONFIG, n_head: 5 }, WEIGHTS)).toThrow(/config\.n_head/);
  });

  it('requires tokenizer.json and tokenizer_config.json when a tokenizer folder is given', async () => {
    await mkdir(join(out, 'tok'), { recursive: true });
    await copyFile(join(FIXTURE_DIR, 'tokenizer.json'), join(out, 'tok', 'tokenizer.json'));
    await expect(
      exportGpt2ToTransformersJs(join(out, 'x'), CONFIG, WEIGHTS, {
        tokenizerDir: join(out, 'tok'),
        dtypes: [],
      }),
    ).rejects.toThrow(/tokenizerDir\.tokenizer_config\.json/);
  });
});

describe('checkpoint → export and fixtures', () => {
  it('exports a written HF checkpoint to a folder whose fp32 logits match the TF.js model', async () => {
    await writeGpt2Checkpoint(join(out, 'ck'), { config: CONFIG, weights: model.getWeights() });
    const files = await exportGpt2Checkpoint(join(out, 'ck'), join(out, 'ck-onnx'), { dtypes: ['fp32'] });
    expect(files.map((f) => f.path)).toEqual(['config.json', 'generation_config.json', 'onnx/model.onnx']);
    const s = await ort.InferenceSession.create(join(out, 'ck-onnx', 'onnx', 'model.onnx'));
    const ids = [tokens(6, 9)];
    expect(errors((await ortStep(s, ids, [Array(6).fill(1)])).logits, tfLogits(model, ids)).max).toBeLessThan(
      1e-4,
    );
  });

  it('the committed tiny-gpt2 fixture is exactly what make-fixtures.ts writes', async () => {
    const regen = join(out, 'fixture');
    await makeTinyGpt2Fixture(regen);
    const list = async (d: string): Promise<string[]> =>
      (await readdir(d, { recursive: true, withFileTypes: true }))
        .filter((e) => e.isFile())
        .map((e) => join(e.parentPath, e.name).slice(d.length + 1))
        .sort();
    const committed = await list(FIXTURE_DIR);
    expect(committed).toContain('onnx/model_q4.onnx');
    expect(await list(regen)).toEqual(committed);
    for (const f of committed) {
      expect((await readFile(join(regen, f))).equals(await readFile(join(FIXTURE_DIR, f))), f).toBe(true);
    }
    expect(JSON.parse(await readFile(join(FIXTURE_DIR, 'config.json'), 'utf8')).n_embd).toBe(
      TINY_GPT2_CONFIG.n_embd,
    );
  });
});
