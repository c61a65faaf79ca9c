import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isNexFitraError } from '@nexfitra/core';
import { languageVocabulary } from '@nexfitra/core/language';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGpt2Config } from '../src/model/config';
import { TOKENIZER_SPECIAL_IDS } from '../src/tokenizer/hfTokenizer';
import { AdamW, clipByGlobalNorm } from '../src/train/adamw';
import { batchIndices, padBatch, tokenizeExample } from '../src/train/examples';
import { lossChartSvg, parseLossCsv } from '../src/train/lossChart';
import { lrAt } from '../src/train/schedule';
import { DEFAULT_HYPER, type TrainHyper, trainModel } from '../src/train/trainer';

let dir: string;
beforeAll(async () => {
  await tf.setBackend('wasm').catch(() => tf.setBackend('cpu'));
  dir = await mkdtemp(join(tmpdir(), 'nexfitra-train-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lrAt (warm-up + cosine)', () => {
  // Hand values: warm-up is peak·(s+1)/W; the cosine is at its top right after warm-up, halfway
  // between peak and min at the middle of the decay, at min at the end.
  const s = { peak: 1e-3, min: 1e-4, warmupSteps: 10, totalSteps: 110 };
  it('warms up linearly, then decays by a half cosine to min', () => {
    expect(lrAt(0, s)).toBeCloseTo(1e-4, 12);
    expect(lrAt(4, s)).toBeCloseTo(5e-4, 12);
    expect(lrAt(10, s)).toBeCloseTo(1e-3, 12);
    expect(lrAt(60, s)).toBeCloseTo(5.5e-4, 12);
    expect(lrAt(110, s)).toBeCloseTo(1e-4, 12);
    expect(lrAt(500, s)).toBe(1e-4);
  });
  it('refuses a negative step with a typed error', () => {
    expect(() => lrAt(-1, s)).toThrow(/step/);
  });
});

describe('AdamW', () => {
  it('first step moves each parameter by lr·sign(g), decays matrices only (hand calculation)', () => {
    // Step 1: m̂ = g, v̂ = g², so the Adam part is lr·g/|g| (ε negligible). Matrix: 2·(1 − 0.1·0.1) + 0.1 = 2.08.
    const vec = tf.variable(tf.tensor1d([1, -2]));
    const mat = tf.variable(tf.tensor2d([[2]]));
    const opt = new AdamW(
      new Map<string, tf.Variable>([
        ['vec', vec],
        ['mat', mat],
      ]),
      { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1 },
    );
    opt.step({ vec: tf.tensor1d([0.5, -3]), mat: tf.tensor2d([[-1]]) }, 0.1);
    expect([...vec.dataSync()].map((x) => Number(x.toFixed(5)))).toEqual([0.9, -1.9]);
    expect(mat.dataSync()[0]).toBeCloseTo(2.08, 5);
    // Step 2 with the same gradient: m̂ = g and v̂ = g² again, so the same move.
    opt.step({ vec: tf.tensor1d([0.5, -3]), mat: tf.tensor2d([[-1]]) }, 0.1);
    expect(vec.dataSync()[0]).toBeCloseTo(0.8, 5);
    opt.dispose();
  });
  it('clips by global norm: (3, 4) has norm 5, clipped to 1 gives (0.6, 0.8)', () => {
    const { grads, norm } = clipByGlobalNorm({ a: tf.tensor1d([3]), b: tf.tensor1d([4]) }, 1);
    expect(norm).toBeCloseTo(5, 5);
    expect(grads['a']!.dataSync()[0]).toBeCloseTo(0.6, 5);
    expect(grads['b']!.dataSync()[0]).toBeCloseTo(0.8, 5);
  });
});

const V = languageVocabulary();
/** Rows of real vocabulary words (the trainer does not care what they mean). */
function rows(n: number, seed: number) {
  return Array.from({ length: n }, (_, i) => {
    const w = (k: number) => V[4 + ((seed * 31 + i * 7 + k * 13) % 60)]!;
    return {
      id: `r${i}`,
      prompt: [0, 1, 2].map(w).join(' '),
      plan: Array.from({ length: 8 + (i % 4) }, (_, k) => w(k + 3)).join(' '),
    };
  });
}

describe('examples and batches', () => {
  it('masks the loss to the plan part and the final <eos>', () => {
    const e = tokenizeExample({ id: 'x', prompt: `${V[10]} ${V[11]}`, plan: `${V[12]} ${V[13]} ${V[14]}` });
    // <bos> p p P P P <eos>: 7 ids, the plan starts at index 3.
    expect([...e.ids]).toEqual([TOKENIZER_SPECIAL_IDS.bos, 10, 11, 12, 13, 14, TOKENIZER_SPECIAL_IDS.eos]);
    expect(e.planStart).toBe(3);
    const b = padBatch([e, tokenizeExample({ id: 'y', prompt: `${V[10]}`, plan: `${V[12]}` })]);
    expect(b.length).toBe(7);
    // Row 0: positions 2..5 predict plan tokens and <eos>. Row 1 (<bos> p P <eos> + pad): 1..2.
    expect([...b.mask]).toEqual([0, 0, 1, 1, 1, 1, 0, 1, 1, 0, 0, 0]);
    expect(b.inputTokens).toBe(6 + 3);
  });
  it('names the unknown word and its row', () => {
    try {
      tokenizeExample({ id: 'row-9', prompt: 'not-a-word', plan: '' });
      expect.unreachable();
    } catch (e) {
      expect(isNexFitraError(e) && e.path).toEqual(['row-9', 'prompt', 0]);
    }
  });
  it('batch order is a seeded permutation per epoch and a function of the step', () => {
    const epoch0 = [0, 1, 2].flatMap((s) => batchIndices(s, 3, 9, 5));
    expect([...epoch0].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(batchIndices(4, 3, 9, 5)).toEqual(batchIndices(4, 3, 9, 5));
    expect(batchIndices(3, 3, 9, 5)).not.toEqual(batchIndices(0, 3, 9, 5));
  });
});

describe('trainModel (tiny config)', () => {
  const config = checkGpt2Config({
    vocab_size: V.length,
    n_positions: 32,
    n_embd: 16,
    n_layer: 1,
    n_head: 2,
    bos_token_id: 1,
    eos_token_id: 2,
    pad_token_id: 0,
  });
  const train = rows(4, 1).map((r) => tokenizeExample(r));
  const val = rows(2, 2).map((r) => tokenizeExample(r));
  const hyper = (steps: number): TrainHyper => ({
    ...DEFAULT_HYPER,
    seed: 3,
    steps,
    batchSize: 4,
    lr: 1e-2,
    minLr: 1e-3,
    warmupSteps: 2,
    evalEvery: 5,
  });

  it('lowers the loss on a fixed batch', async () => {
    const r = await trainModel({ config, hyper: hyper(15), train, val, runDir: join(dir, 'fit') });
    expect(r.losses[0]).toBeGreaterThan(Math.log(V.length) - 1); // ≈ uniform at start
    expect(r.losses.at(-1)!).toBeLessThan(r.losses[0]! * 0.75);
    expect(r.valLosses.length).toBe(3);
    const csv = (await readFile(join(dir, 'fit', 'loss.csv'), 'utf8')).trim().split('\n');
    expect(csv.length).toBe(16);
  });

  it('resume gives the same weights and optimizer state as an uninterrupted run', async () => {
    await trainModel({ config, hyper: hyper(6), train, val, runDir: join(dir, 'a') });
    const cut = await trainModel({
      config,
      hyper: hyper(6),
      train,
      val,
      runDir: join(dir, 'b'),
      stopAtStep: 3,
    });
    expect(cut.step).toBe(3);
    const rest = await trainModel({ config, hyper: hyper(6), train, val, runDir: join(dir, 'b') });
    expect(rest.resumedFrom).toBe(3);
    for (const f of ['model.safetensors', 'optimizer.safetensors']) {
      const a = await readFile(join(dir, 'a', 'checkpoint', f));
      const b = await readFile(join(dir, 'b', 'checkpoint', f));
      expect(Buffer.compare(a, b), f).toBe(0);
    }
  });

  it('refuses to resume with other hyper-parameters', async () => {
    await expect(
      trainModel({ config, hyper: { ...hyper(6), lr: 5e-3 }, train, val, runDir: join(dir, 'b') }),
    ).rejects.toMatchObject({ code: 'INCONSISTENT', path: ['hyper'] });
  });
});

describe('loss chart', () => {
  it('parses loss.csv and places points by hand-computed coordinates', () => {
    const pts = parseLossCsv(
      'step,lr,loss,val_loss,grad_norm,tokens_per_s,elapsed_s\n1,0.1,4,,1,10,1\n2,0.1,2,3,1,10,2\n',
    );
    expect(pts).toEqual([
      { step: 1, loss: 4 },
      { step: 2, loss: 2, valLoss: 3 },
    ]);
    const svg = lossChartSvg(pts);
    // x = 56 + step/2 · 568; y = 320 − loss/4 · 288: (340, 32) and (624, 176); val (624, 104).
    expect(svg).toContain('points="340.0,32.0 624.0,176.0"');
    expect(svg).toContain('cx="624.0" cy="104.0"');
  });
});
