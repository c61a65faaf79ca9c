/**
 * The llama family against an independent reference: datasets/fixtures/torch-tiny-llama/ was
 * written by packages/pipeline/scripts/llama-reference.py, a PyTorch forward written from HF
 * `modeling_llama.py` semantics (RMSNorm, rotary positions with rotate_half, repeat_kv for 2 kv
 * heads under 4 query heads, SiLU-gated MLP, untied head). Every expected logit comes from there.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isNexFitraError } from '@nexfitra/core';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LlamaCheckpoint, readLlamaCheckpoint, writeLlamaCheckpoint } from '../src/checkpoint/llama';
import { disposeKv } from '../src/model/gpt2';
import { LlamaModel, rotaryTables } from '../src/model/llama';
import { checkLlamaConfig } from '../src/model/llamaConfig';

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
