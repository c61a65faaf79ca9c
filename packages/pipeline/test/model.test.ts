import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isNexFitraError } from '@nexfitra/core';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGpt2Checkpoint, writeGpt2Checkpoint } from '../src/checkpoint/hf';
import { decodeSafetensors, encodeSafetensors } from '../src/checkpoint/safetensors';
import { matMul } from '../src/model/_ops';
import { checkGpt2Config, type Gpt2Config } from '../src/model/config';
import { greedyGenerate } from '../src/model/generate';
import { disposeKv, Gpt2Model } from '../src/model/gpt2';
import { languageModelLoss, trainStep } from '../src/model/train';
import { type HostTensor, initGpt2Weights } from '../src/model/weights';

const CONFIG: Gpt2Config = checkGpt2Config({
  vocab_size: 300,
  n_positions: 64,
  n_embd: 64,
  n_layer: 2,
  n_head: 4,
});
const WEIGHTS = initGpt2Weights(CONFIG, { seed: 7, std: 0.2, randomizeAll: true });
let model: Gpt2Model;
let dir: string;

beforeAll(async () => {
  await tf.setBackend('wasm').catch(() => tf.setBackend('cpu'));
  model = Gpt2Model.fromWeights(CONFIG, WEIGHTS);
  dir = await mkdtemp(join(tmpdir(), 'nf-model-'));
});
afterAll(async () => {
  model.dispose();
  await rm(dir, { recursive: true, force: true });
});

/**
 * Reference GPT-2 forward pass for one sequence, in plain loops, written from the definition
 * (Radford et al. 2019 and HF `modeling_gpt2.py`: pre-LN blocks, Conv1D y = x·W + b, causal
 * softmax(q·kᵀ/√d_head), gelu_new, final LN, logits = h·wteᵀ). Shares no code with the model.
 */
function referenceLogits(
  c: Gpt2Config,
  w: ReadonlyMap<string, HostTensor>,
  ids: readonly number[],
): number[][] {
  const W = (n: string) => w.get(n)!.data;
  const d = c.n_embd;
  const hd = d / c.n_head;
  const ln = (x: number[], p: string) => {
    const mu = x.reduce((a, b) => a + b, 0) / d;
    const v = x.reduce((a, b) => a + (b - mu) ** 2, 0) / d;
    return x.map(
      (xi, i) =>
        ((xi - mu) / Math.sqrt(v + c.layer_norm_epsilon)) * W(`${p}.weight`)[i]! + W(`${p}.bias`)[i]!,
    );
  };
  const lin = (x: number[], p: string) => {
    const wt = W(`${p}.weight`);
    const b = W(`${p}.bias`);
    return Array.from(b, (bj, j) => x.reduce((a, xi, i) => a + xi * wt[i * b.length + j]!, bj));
  };
  const gelu = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
  let xs = ids.map((id, t) =>
    Array.from({ length: d }, (_, i) => W('wte.weight')[id * d + i]! + W('wpe.weight')[t * d + i]!),
  );
  for (let l = 0; l < c.n_layer; l++) {
    const qkv = xs.map((x) => lin(ln(x, `h.${l}.ln_1`), `h.${l}.attn.c_attn`));
    const ctx = xs.map((_, t) => {
      const out = new Array<number>(d).fill(0);
      for (let h = 0; h < c.n_head; h++) {
        const q = qkv[t]!.slice(h * hd, (h + 1) * hd);
        const s = qkv
          .slice(0, t + 1)
          .map((r) => q.reduce((a, qi, i) => a + qi * r[d + h * hd + i]!, 0) / Math.sqrt(hd));
        const mx = Math.max(...s);
        const e = s.map((v) => Math.exp(v - mx));
        const z = e.reduce((a, b) => a + b, 0);
        e.forEach((ei, u) => {
          for (let i = 0; i < hd; i++) out[h * hd + i]! += (ei / z) * qkv[u]![2 * d + h * hd + i]!;
        });
      }
      return out;
    });
    xs = xs.map((x, t) => lin(ctx[t]!, `h.${l}.attn.c_proj`).map((v, i) => v + x[i]!));
    xs = xs.map((x) =>
      lin(lin(ln(x, `h.${l}.ln_2`), `h.${l}.mlp.c_fc`).map(gelu), `h.${l}.mlp.c_proj`).map(
        (v, i) => v + x[i]!,
      ),
    );
  }
  const wte = W('wte.weight');
  return xs.map((x) => {
    const hf = ln(x, 'ln_f');
    return Array.from({ length: c.vocab_size }, (_, v) =>
      hf.reduce((a, hi, i) => a + hi * wte[v * d + i]!, 0),
    );
  });
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

describe('Gpt2Model forward', () => {
  const ids = [5, 17, 200, 3, 99, 42, 7, 250];

  it('matches a plain-loop reference GPT-2 within 1e-4', () => {
    const { logits, present } = model.forward(tf.tensor2d([ids], [1, ids.length], 'int32'));
    const got = logits.dataSync();
    const want = referenceLogits(CONFIG, WEIGHTS, ids).flat();
    expect(maxAbsDiff(got, want)).toBeLessThan(1e-4);
    // Independent sanity: logits are not degenerate (random weights with std 0.2 spread them).
    expect(Math.max(...want) - Math.min(...want)).toBeGreaterThan(1);
    logits.dispose();
    disposeKv(present);
  });

  it('gives the same logits with a KV cache (prefill 3, then one token at a time)', () => {
    const full = model.forward(tf.tensor2d([ids], [1, ids.length], 'int32'));
    const fullData = full.logits.dataSync();
    let step = model.forward(tf.tensor2d([ids.slice(0, 3)], [1, 3], 'int32'));
    expect(maxAbsDiff(step.logits.dataSync(), fullData.slice(0, 3 * 300))).toBeLessThan(1e-5);
    for (let t = 3; t < ids.length; t++) {
      const next = model.forward(tf.tensor2d([[ids[t]!]], [1, 1], 'int32'), { past: step.present });
      expect(next.present[0]!.key.shape).toEqual([1, 4, t + 1, 16]);
      expect(maxAbsDiff(next.logits.dataSync(), fullData.slice(t * 300, (t + 1) * 300))).toBeLessThan(1e-5);
      step.logits.dispose();
      disposeKv(step.present);
      step = next;
    }
    step.logits.dispose();
    disposeKv(step.present);
    full.logits.dispose();
    disposeKv(full.present);
  });

  it('ignores left padding: a padded row gives the unpadded row’s logits', () => {
    // Row 0 = [pad, pad, ids…] with mask 0 on the pads and positions starting at 0 after them.
    const pad = 2;
    const row = ids.slice(0, 5);
    const mask = tf.tensor2d([[0, 0, 1, 1, 1, 1, 1]], [1, 7], 'int32');
    const pos = tf.tensor2d([[0, 0, 0, 1, 2, 3, 4]], [1, 7], 'int32');
    const padded = model.forward(tf.tensor2d([[pad, pad, ...row]], [1, 7], 'int32'), {
      attentionMask: mask,
      positionIds: pos,
    });
    const want = referenceLogits(CONFIG, WEIGHTS, row).flat();
    expect(maxAbsDiff(padded.logits.dataSync().slice(2 * 300), want)).toBeLessThan(1e-4);
    expect(padded.logits.dataSync().every(Number.isFinite)).toBe(true);
    padded.logits.dispose();
    disposeKv(padded.present);
  });

  it('rejects sequences beyond n_positions with a NexFitraError', () => {
    const long = tf.zeros([1, 65], 'int32') as tf.Tensor2D;
    expect(() => model.forward(long)).toThrow(/n_positions = 64/);
    long.dispose();
  });

  it('greedy generation with the cache equals argmax of full passes', () => {
    const prompt = [1, 2, 3];
    const got = greedyGenerate(model, prompt, { maxNewTokens: 8 });
    const seq = [...prompt];
    for (let i = 0; i < 8; i++) {
      const last = referenceLogits(CONFIG, WEIGHTS, seq).at(-1)!;
      seq.push(last.indexOf(Math.max(...last)));
    }
    expect(got).toEqual(seq.slice(prompt.length));
  });
});

describe('training', () => {
  it('matMul custom gradient equals the built-in matMul gradient', () => {
    const a = tf.randomNormal([3, 4, 5], 0, 1, 'float32', 1);
    const b = tf.randomNormal([3, 5, 2], 0, 1, 'float32', 2);
    const [ga, gb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => matMul(x, y).square().sum())([a, b]);
    const [ra, rb] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.matMul(x, y).square().sum())([a, b]);
    expect(maxAbsDiff(ga!.dataSync(), ra!.dataSync())).toBeLessThan(1e-4);
    expect(maxAbsDiff(gb!.dataSync(), rb!.dataSync())).toBeLessThan(1e-4);
    tf.dispose([a, b, ga!, gb!, ra!, rb!]);
  });

  it('starts near ln(vocab) with HF init and Adam lowers the loss on a tiny batch', () => {
    const m = Gpt2Model.fromWeights(CONFIG, initGpt2Weights(CONFIG, { seed: 3 }));
    const batch = tf.tensor2d(
      Array.from({ length: 4 * 17 }, (_, i) => (i * 37 + 11) % 300),
      [4, 17],
      'int32',
    );
    // A near-uniform prediction over 300 tokens has cross-entropy ln 300 ≈ 5.704 nats.
    const first = languageModelLoss(m, batch);
    expect(Math.abs(first.dataSync()[0]! - Math.log(300))).toBeLessThan(0.1);
    first.dispose();
    const before = tf.memory().numTensors;
    const opt = tf.train.adam(3e-3);
    const losses = Array.from({ length: 15 }, () => trainStep(m, opt, batch));
    expect(losses.at(-1)!).toBeLessThan(losses[0]! * 0.7);
    // Only Adam's moment slots (2 per variable) and its step counters may remain.
    expect(tf.memory().numTensors - before).toBeLessThanOrEqual(2 * m.trainableVariables().length + 4);
    opt.dispose();
    batch.dispose();
    m.dispose();
  });
});

describe('checkpoints (HF format)', () => {
  it('round-trips write → read with identical tensors and HF names', async () => {
    const trained = model.getWeights();
    await writeGpt2Checkpoint(join(dir, 'ck'), { config: CONFIG, weights: trained });
    const back = await readGpt2Checkpoint(join(dir, 'ck'));
    expect(back.config).toEqual(CONFIG);
    expect([...back.weights.keys()]).toEqual([...trained.keys()]);
    for (const [name, t] of trained) {
      expect(back.weights.get(name)!.shape).toEqual(t.shape);
      expect(Buffer.from(back.weights.get(name)!.data.buffer).equals(Buffer.from(t.data.buffer))).toBe(true);
    }
    const cfg = JSON.parse(await readFile(join(dir, 'ck', 'config.json'), 'utf8'));
    expect(cfg).toMatchObject({
      architectures: ['GPT2LMHeadModel'],
      model_type: 'gpt2',
      n_embd: 64,
      n_layer: 2,
    });
    // safetensors layout by hand: u64 LE header length, JSON header, data right after it.
    const bytes = await readFile(join(dir, 'ck', 'model.safetensors'));
    const n = Number(bytes.readBigUInt64LE(0));
    expect((8 + n) % 8).toBe(0);
    const header = JSON.parse(bytes.subarray(8, 8 + n).toString('utf8'));
    expect(header['lm_head.weight']).toBeUndefined();
    expect(header['transformer.wte.weight']).toEqual({
      dtype: 'F32',
      shape: [300, 64],
      data_offsets: [0, 300 * 64 * 4],
    });
    expect(bytes.readFloatLE(8 + n)).toBe(trained.get('wte.weight')!.data[0]);
  });

  it('reads a save_pretrained-style F16 file with attn buffers and a tied lm_head', async () => {
    const c = checkGpt2Config({ vocab_size: 4, n_positions: 2, n_embd: 2, n_layer: 1, n_head: 1 });
    const w = initGpt2Weights(c, { seed: 1 });
    // Half-precision bit patterns (IEEE 754 binary16): 0x3C00 = 1, 0xC000 = −2,
    // 0x7BFF = 65504 (largest normal), 0x0001 = 2⁻²⁴ (smallest subnormal).
    const halves = [0x3c00, 0xc000, 0x7bff, 0x0001, 0x3c00, 0xc000, 0x7bff, 0x0001];
    const wanted = [1, -2, 65504, 2 ** -24, 1, -2, 65504, 2 ** -24];
    const entries: [string, string, number[], Uint8Array][] = [];
    const f32 = (t: HostTensor) => new Uint8Array(Float32Array.from(t.data).buffer);
    for (const [name, t] of w) {
      if (name === 'wte.weight') continue;
      entries.push([`transformer.${name}`, 'F32', [...t.shape], f32(t)]);
    }
    const f16 = new Uint8Array(Uint16Array.from(halves).buffer);
    entries.push(['transformer.wte.weight', 'F16', [4, 2], f16], ['lm_head.weight', 'F16', [4, 2], f16]);
    entries.push(['transformer.h.0.attn.bias', 'F32', [1, 1, 2, 2], new Uint8Array(16)]);
    entries.push(['transformer.h.0.attn.masked_bias', 'F32', [], new Uint8Array(4)]);
    await writeRawSafetensors(join(dir, 'hf', 'model.safetensors'), entries);
    await writeFile(
      join(dir, 'hf', 'config.json'),
      JSON.stringify({ model_type: 'gpt2', vocab_size: 4, n_positions: 2, n_embd: 2, n_layer: 1, n_head: 1 }),
    );
    const { weights } = await readGpt2Checkpoint(join(dir, 'hf'));
    expect([...weights.get('wte.weight')!.data]).toEqual(wanted);
    expect(weights.has('h.0.attn.bias')).toBe(false);
    expect(weights.get('h.0.mlp.c_fc.weight')!.data).toEqual(w.get('h.0.mlp.c_fc.weight')!.data);

    // An untied lm_head is refused, naming it.
    entries[entries.findIndex(([n]) => n === 'lm_head.weight')]![3] = new Uint8Array(16);
    await writeRawSafetensors(join(dir, 'hf', 'model.safetensors'), entries);
    await expect(readGpt2Checkpoint(join(dir, 'hf'))).rejects.toThrow(/lm_head\.weight/);
    // A missing tensor is named.
    await writeRawSafetensors(
      join(dir, 'hf', 'model.safetensors'),
      entries.filter(([n]) => n !== 'transformer.h.0.ln_2.bias' && n !== 'lm_head.weight'),
    );
    const err = await readGpt2Checkpoint(join(dir, 'hf')).catch((e: unknown) => e);
    expect(isNexFitraError(err) && err.code === 'BAD_DATA' && err.path.join('.')).toBe(
      'weights.h.0.ln_2.bias',
    );
  });

  it('safetensors: truncated data and unknown dtypes are BAD_DATA errors', () => {
    const bytes = encodeSafetensors(new Map([['x', { shape: [2], data: Float32Array.of(1, 2) }]]));
    expect(decodeSafetensors(bytes).get('x')!.data).toEqual(Float32Array.of(1, 2));
    expect(() => decodeSafetensors(bytes.subarray(0, bytes.length - 1))).toThrow(/file truncated/);
    const i64 = encodeRawHeader({ y: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, 8);
    expect(() => decodeSafetensors(i64)).toThrow(/y\.dtype/);
  });
});

function encodeRawHeader(header: Record<string, unknown>, dataBytes: number): Uint8Array {
  const json = Buffer.from(JSON.stringify(header));
  const out = Buffer.alloc(8 + json.length + dataBytes);
  out.writeBigUInt64LE(BigInt(json.length), 0);
  json.copy(out, 8);
  return out;
}

/** A safetensors writer independent of ours (no padding, given dtypes), like PyTorch's output. */
async function writeRawSafetensors(
  path: string,
  entries: [string, string, number[], Uint8Array][],
): Promise<void> {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let off = 0;
  for (const [name, dtype, shape, data] of entries) {
    header[name] = { dtype, shape, data_offsets: [off, off + data.length] };
    off += data.length;
  }
  const head = encodeRawHeader(header, 0);
  const { mkdir } = await import('node:fs/promises');
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, Buffer.concat([head, ...entries.map(([, , , d]) => d)]));
}
