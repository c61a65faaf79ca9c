/**
 * The llama family against an independent reference: datasets/fixtures/torch-tiny-llama/ was
 * written by packages/pipeline/scripts/llama-reference.py, a PyTorch forward written from HF
 * `modeling_llama.py` semantics (RMSNorm, rotary positions with rotate_half, repeat_kv for 2 kv
 * heads under 4 query heads, SiLU-gated MLP, untied head). Every expected logit comes from there.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNexFitraError } from '@nexfitra/core';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { generate } from '@nexfitra/inference';
import { loadModel } from '@nexfitra/inference/node';
import onnxProto from 'onnx-proto';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LlamaCheckpoint, readLlamaCheckpoint, writeLlamaCheckpoint } from '../src/checkpoint/llama';
import { buildLlamaOnnx } from '../src/export/llama-onnx';
import { exportLlamaCheckpoint } from '../src/export/llamaFolder';
import { quantizeInt8, quantizeQ4 } from '../src/export/quantize';
import { disposeKv } from '../src/model/gpt2';
import { LlamaModel, rotaryTables } from '../src/model/llama';
import { checkLlamaConfig } from '../src/model/llamaConfig';
import { initLlamaWeights } from '../src/model/llamaWeights';
import type { HostTensor } from '../src/model/weights';
import { tokenizerFiles } from '../src/tokenizer/hfTokenizer';

const FIXTURE = resolve(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../datasets/fixtures/torch-tiny-llama',
);

interface Reference {
  readonly input_ids: number[];
  readonly logits: number[][];
  readonly padded_batch: number[][];
  readonly padded_mask: number[][];
  readonly padded_logits_row1: number[][];
  readonly greedy: number[];
}

let ref: Reference;
let ck: LlamaCheckpoint;
let model: LlamaModel;
let dir: string;

beforeAll(async () => {
  await tf.setBackend('wasm').catch(() => tf.setBackend('cpu'));
  ref = JSON.parse(await readFile(join(FIXTURE, 'reference.json'), 'utf8'));
  ck = await readLlamaCheckpoint(FIXTURE);
  model = LlamaModel.fromWeights(ck.config, ck.weights);
  dir = await mkdtemp(join(tmpdir(), 'nf-llama-'));
});
afterAll(async () => {
  model.dispose();
  await rm(dir, { recursive: true, force: true });
});

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

function run(m: LlamaModel, ids: number[][], mask?: number[][], pos?: number[][]): Float32Array {
  const r = m.forward(tf.tensor2d(ids, undefined, 'int32'), {
    ...(mask ? { attentionMask: tf.tensor2d(mask, undefined, 'int32') } : {}),
    ...(pos ? { positionIds: tf.tensor2d(pos, undefined, 'int32') } : {}),
  });
  const d = r.logits.dataSync() as Float32Array;
  r.logits.dispose();
  disposeKv(r.present);
  return d;
}

describe('llama config and checkpoint', () => {
  it('reads the HF layout (model.-prefixed, untied lm_head) with GQA fields', () => {
    expect(ck.config).toMatchObject({
      num_attention_heads: 4,
      num_key_value_heads: 2,
      head_dim: 8,
      tie_word_embeddings: false,
    });
    expect(ck.weights.get('layers.0.self_attn.k_proj.weight')!.shape).toEqual([16, 32]);
    expect(ck.weights.has('lm_head.weight')).toBe(true);
  });

  it('round-trips through writeLlamaCheckpoint', async () => {
    await writeLlamaCheckpoint(join(dir, 'ck'), ck);
    const back = await readLlamaCheckpoint(join(dir, 'ck'));
    expect(back.config).toEqual(ck.config);
    for (const [n, t] of ck.weights) expect(back.weights.get(n)!.data, n).toEqual(t.data);
  });

  it('refuses what it does not compute, naming the field', () => {
    const base = JSON.parse(JSON.stringify(ck.config));
    for (const [key, value] of [
      ['num_key_value_heads', 3],
      ['hidden_act', 'gelu'],
      ['rope_scaling', { type: 'linear', factor: 2 }],
      ['attention_bias', true],
    ] as const) {
      try {
        checkLlamaConfig({ ...base, [key]: value });
        expect.unreachable(key);
      } catch (e) {
        expect(isNexFitraError(e) && e.path, key).toEqual(['config', key]);
      }
    }
  });

  it('rotary tables follow RoFormer: position 1 of head_dim 4 at θ = 10000 (hand values)', () => {
    // θ₀ = 1, θ₁ = 10000^(−1/2) = 0.01: cos = [cos 1, cos 0.01, cos 1, cos 0.01].
    const { cos, sin } = rotaryTables([1], 4, 10000);
    expect([...cos].map((v) => v.toFixed(6))).toEqual(['0.540302', '0.999950', '0.540302', '0.999950']);
    expect(sin[1]).toBeCloseTo(Math.sin(0.01), 7);
  });
});

describe('LlamaModel (TF.js) against the PyTorch reference', () => {
  it('logits of a 10-token prompt agree within 1e-4', () => {
    expect(maxAbs(run(model, [ref.input_ids]), ref.logits.flat())).toBeLessThan(1e-4);
  });

  it('a left-padded row (mask + positions) gives the reference logits of its real tokens', () => {
    // HF generate's positions: cumsum(mask) − 1, clamped at 0.
    const pos = ref.padded_mask.map((row) =>
      row.map((_, i) => Math.max(0, row.slice(0, i + 1).reduce((a, b) => a + b, 0) - 1)),
    );
    const l = run(model, ref.padded_batch, ref.padded_mask, pos);
    const V = ck.config.vocab_size;
    const row1 = l.slice(10 * V + 4 * V, 20 * V);
    expect(maxAbs(row1, ref.padded_logits_row1.flat())).toBeLessThan(1e-4);
  });

  it('the KV cache (prefill 4, then one token at a time) gives the full-pass logits', () => {
    const ids = ref.input_ids;
    const V = ck.config.vocab_size;
    const first = model.forward(tf.tensor2d([ids.slice(0, 4)], undefined, 'int32'));
    let past = first.present;
    const got: number[] = [...first.logits.dataSync()];
    first.logits.dispose();
    for (let t = 4; t < ids.length; t++) {
      const r = model.forward(tf.tensor2d([[ids[t]!]], undefined, 'int32'), { past });
      got.push(...r.logits.dataSync());
      r.logits.dispose();
      disposeKv(past);
      past = r.present;
    }
    expect(past[0]!.key.shape).toEqual([1, 2, 10, 8]); // kv heads, not query heads
    disposeKv(past);
    expect(got.length).toBe(10 * V);
    expect(maxAbs(got, ref.logits.flat())).toBeLessThan(1e-4);
  });

  it('greedy decoding reproduces the reference tokens', () => {
    const ids = [...ref.input_ids];
    const V = ck.config.vocab_size;
    while (ids.length < ref.greedy.length) {
      const l = run(model, [ids]);
      const last = l.slice((ids.length - 1) * V);
      ids.push(last.indexOf(Math.max(...last)));
    }
    expect(ids).toEqual(ref.greedy);
  });
});

type Kv = { key: ort.Tensor; value: ort.Tensor }[];
const i64 = (rows: number[][]) =>
  new ort.Tensor('int64', BigInt64Array.from(rows.flat().map(BigInt)), [rows.length, rows[0]!.length]);

async function ortRun(
  s: ort.InferenceSession,
  ids: number[][],
  mask: number[][],
  pos: number[][],
  past?: Kv,
) {
  const feeds: Record<string, ort.Tensor> = {
    input_ids: i64(ids),
    attention_mask: i64(mask),
    position_ids: i64(pos),
  };
  for (let l = 0; l < 2; l++) {
    const empty = () => new ort.Tensor('float32', new Float32Array(0), [ids.length, 2, 0, 8]);
    feeds[`past_key_values.${l}.key`] = past?.[l]?.key ?? empty();
    feeds[`past_key_values.${l}.value`] = past?.[l]?.value ?? empty();
  }
  const r = await s.run(feeds);
  const present: Kv = [0, 1].map((l) => ({ key: r[`present.${l}.key`]!, value: r[`present.${l}.value`]! }));
  return { logits: r['logits']!.data as Float32Array, present };
}

describe('llama ONNX export', () => {
  const VOCAB = ['<pad>', '<bos>', '<eos>', '<unk>', ...Array.from({ length: 92 }, (_, i) => `w${i + 4}`)];
  let out: string;
  const sessions: Record<string, ort.InferenceSession> = {};
  beforeAll(async () => {
    const files = tokenizerFiles(VOCAB);
    const tok = join(dir, 'tok');
    await mkdir(tok, { recursive: true });
    await writeFile(join(tok, 'tokenizer.json'), files['tokenizer.json']);
    await writeFile(join(tok, 'tokenizer_config.json'), files['tokenizer_config.json']);
    out = join(dir, 'export');
    await exportLlamaCheckpoint(FIXTURE, out, { tokenizerDir: tok });
    for (const [dtype, f] of [
      ['fp32', 'model.onnx'],
      ['q8', 'model_quantized.onnx'],
      ['q4', 'model_q4.onnx'],
    ]) {
      sessions[dtype!] = await ort.InferenceSession.create(join(out, 'onnx', f!));
    }
  });

  it('every initializer is used by a node, with and without grouped kv heads', () => {
    // onnxruntime removes an unused initializer at load with a warning on every load (seen on
    // the 6x128 llama with 4 key/value heads of 4: the repeat_kv constants); the ONNX spec lets a
    // graph hold them, so this checks our exporter leaves none, for rep 1 and the fixture's GQA.
    const plain = { ...ck.config, num_key_value_heads: ck.config.num_attention_heads };
    for (const [config, weights] of [
      [ck.config, ck.weights],
      [plain, initLlamaWeights(plain, { seed: 1 })],
    ] as const) {
      const { graph } = onnxProto.onnx.ModelProto.decode(buildLlamaOnnx(config, weights, 'fp32'));
      const used = new Set(graph!.node!.flatMap((n) => n.input ?? []));
      const unused = graph!.initializer!.map((t) => t.name!).filter((n) => !used.has(n));
      expect(unused).toEqual([]);
    }
  });

  it('fp32 logits in onnxruntime-node equal the PyTorch reference within 1e-4', async () => {
    const n = ref.input_ids.length;
    const r = await ortRun(sessions['fp32']!, [ref.input_ids], [Array(n).fill(1)], [[...Array(n).keys()]]);
    expect(maxAbs(r.logits, ref.logits.flat())).toBeLessThan(1e-4);
  });

  it('with the KV cache and a left-padded batch (positions from the mask)', async () => {
    const pos = ref.padded_mask.map((row) =>
      row.map((_, i) => Math.max(0, row.slice(0, i + 1).reduce((a, b) => a + b, 0) - 1)),
    );
    const V = ck.config.vocab_size;
    // Prefill 7 tokens, then 3 single steps.
    const first = await ortRun(
      sessions['fp32']!,
      ref.padded_batch.map((r) => r.slice(0, 7)),
      ref.padded_mask.map((r) => r.slice(0, 7)),
      pos.map((r) => r.slice(0, 7)),
    );
    const row1: number[] = [...first.logits.slice(7 * V + 4 * V, 14 * V)];
    let past = first.present;
    for (let t = 7; t < 10; t++) {
      const r = await ortRun(
        sessions['fp32']!,
        ref.padded_batch.map((row) => [row[t]!]),
        ref.padded_mask.map((row) => row.slice(0, t + 1)),
        pos.map((row) => [row[t]!]),
        past,
      );
      row1.push(...r.logits.slice(V, 2 * V));
      past = r.present;
    }
    expect(past[0]!.key.dims).toEqual([2, 2, 10, 8]);
    expect(maxAbs(row1, ref.padded_logits_row1.flat())).toBeLessThan(1e-4);
  });

  /**
   * The weights each quantised graph really holds, dequantised on the host from the documented
   * formats (int8: w ≈ q·scale per output row; 4-bit: (code − zp)·scale per block of 32 along K),
   * so an fp32 graph of them must give the quantised graph's logits.
   */
  function dequantised(dtype: 'q8' | 'q4'): Map<string, HostTensor> {
    const out = new Map<string, HostTensor>();
    for (const [name, w] of ck.weights) {
      if (w.shape.length !== 2) {
        out.set(name, w);
        continue;
      }
      const [rows, cols] = w.shape as [number, number];
      const data = new Float32Array(rows * cols);
      if (dtype === 'q8' || name === 'embed_tokens.weight') {
        const { q, scales } = quantizeInt8(w.data, rows, cols, 0);
        for (let i = 0; i < data.length; i++) data[i] = q[i]! * scales[Math.floor(i / cols)]!;
      } else {
        const q = quantizeQ4(rows, cols, (n, k) => w.data[n * cols + k]!, 32);
        for (let n = 0; n < rows; n++) {
          for (let k = 0; k < cols; k++) {
            const blk = Math.floor(k / 32);
            const byte = q.packed[(n * q.kBlocks + blk) * 16 + ((k % 32) >> 1)]!;
            const code = k % 2 ? byte >> 4 : byte & 15;
            const zb = q.zeroPoints[n * Math.ceil(q.kBlocks / 2) + (blk >> 1)]!;
            const zp = blk % 2 ? zb >> 4 : zb & 15;
            data[n * cols + k] = (code - zp) * q.scales[n * q.kBlocks + blk]!;
          }
        }
      }
      out.set(name, { shape: w.shape, data });
    }
    return out;
  }

  it('q8 and q4 compute exactly their dequantised weights; their error vs fp32 is the rounding', async () => {
    const n = ref.input_ids.length;
    const feeds: [number[][], number[][], number[][]] = [
      [ref.input_ids],
      [Array(n).fill(1)],
      [[...Array(n).keys()]],
    ];
    const fp = (await ortRun(sessions['fp32']!, ...feeds)).logits;
    for (const dtype of ['q8', 'q4'] as const) {
      // 'basic' keeps the graph as written: at higher levels ORT 1.30 fuses DequantizeLinear +
      // MatMul into MatMulNBits with int8 activations (see export.test.ts), more rounding.
      const file = join(out, 'onnx', dtype === 'q8' ? 'model_quantized.onnx' : 'model_q4.onnx');
      const basic = await ort.InferenceSession.create(file, { graphOptimizationLevel: 'basic' });
      const q = (await ortRun(basic, ...feeds)).logits;
      const s = await ort.InferenceSession.create(buildLlamaOnnx(ck.config, dequantised(dtype), 'fp32'));
      expect(maxAbs(q, (await ortRun(s, ...feeds)).logits), dtype).toBeLessThan(1e-4);
      // And with ORT's default optimisations the shipped graph stays near fp32 (random weights of
      // std 0.3 are harsher than trained ones; measured: q8 ≈ 3 %, q4 ≈ 25 % of the logit range).
      const opt = (await ortRun(sessions[dtype]!, ...feeds)).logits;
      const range = Math.max(...fp) - Math.min(...fp);
      expect(maxAbs(opt, fp) / range, dtype).toBeLessThan(dtype === 'q8' ? 0.05 : 0.4);
    }
  });

  it('@nexfitra/inference loads the exported folder and decodes the reference greedy tokens', async () => {
    const m = await loadModel(out, { verify: false, dtype: 'fp32' });
    expect(m.config.family).toBe('llama');
    expect(m.config.kvHeads).toBe(2);
    const prompt = ref.input_ids
      .slice(1)
      .map((id) => VOCAB[id])
      .join(' ');
    const r = await generate(m, { prompt, maxNewTokens: ref.greedy.length - ref.input_ids.length });
    await m.dispose();
    expect(r.stopReason).toBe('max-tokens');
    expect(r.tokenIds).toEqual(ref.greedy.slice(ref.input_ids.length));
  });

  it('onnxruntime-web (wasm, in Node) runs fp32, q8 and q4 (MatMulNBits) with the tokens of onnxruntime-node', {
    timeout: 60_000,
  }, async () => {
    const prompt = ref.input_ids
      .slice(1)
      .map((id) => VOCAB[id])
      .join(' ');
    for (const dtype of ['fp32', 'q8', 'q4'] as const) {
      const web = await loadModel(out, { verify: false, dtype, backends: ['onnxruntime-web-wasm'] });
      const node = await loadModel(out, { verify: false, dtype });
      const a = await generate(web, { prompt, maxNewTokens: 12 });
      const b = await generate(node, { prompt, maxNewTokens: 12 });
      expect(web.backend).toBe('onnxruntime-web-wasm');
      expect(a.tokenIds, dtype).toEqual(b.tokenIds);
      if (dtype === 'fp32') expect(a.tokenIds).toEqual(ref.greedy.slice(10, 22));
      await web.dispose();
      await node.dispose();
    }
  });
});
