import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isNexFitraError } from '@nexfitra/core';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGpt2Checkpoint } from '../src/checkpoint/hf';
import { readLlamaCheckpoint } from '../src/checkpoint/llama';
import { buildGpt2Onnx } from '../src/export/gpt2-onnx';
import { tokenizeWithVocab } from '../src/finetune/_vocab';
import { PEFT_PREFIX_LLAMA, readLoraAdapter, writeLoraAdapter } from '../src/finetune/adapterFile';
import { EarlyStopping } from '../src/finetune/earlyStopping';
import { FINETUNE_DEFAULTS, finetuneModel } from '../src/finetune/finetune';
import { LoraAdapter, loraSpec, loraTargets, mergeLora } from '../src/finetune/lora';
import { checkGpt2Config, type Gpt2Config } from '../src/model/config';
import { disposeKv, Gpt2Model } from '../src/model/gpt2';
import { LlamaModel } from '../src/model/llama';
import { checkLlamaConfig } from '../src/model/llamaConfig';
import { initLlamaWeights, llamaWeightShapes } from '../src/model/llamaWeights';
import { languageModelLoss } from '../src/model/train';
import { gpt2WeightShapes, type HostTensor, initGpt2Weights } from '../src/model/weights';
import { AdamW } from '../src/train/adamw';
import type { TokenizedExample } from '../src/train/examples';

const CONFIG: Gpt2Config = checkGpt2Config({
  vocab_size: 300,
  n_positions: 32,
  n_embd: 32,
  n_layer: 2,
  n_head: 4,
});
const WEIGHTS = initGpt2Weights(CONFIG, { seed: 11, std: 0.2, randomizeAll: true });
let dir: string;

beforeAll(async () => {
  await tf.setBackend('wasm').catch(() => tf.setBackend('cpu'));
  dir = await mkdtemp(join(tmpdir(), 'nf-finetune-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function logitsOf(m: Gpt2Model, ids: number[][]): Float32Array {
  const r = m.forward(tf.tensor2d(ids, undefined, 'int32'));
  const data = r.logits.dataSync() as Float32Array;
  r.logits.dispose();
  disposeKv(r.present);
  return data;
}

const maxAbs = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
};

/** Deterministic factors with B ≠ 0, so the adapter changes the output. */
function randomFactors(a: LoraAdapter, seed: number): void {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31 - 0.5;
  };
  for (const v of a.variables.values())
    v.assign(tf.tensor(Float32Array.from({ length: v.size }, next), v.shape));
}

describe('LoRA', () => {
  const spec = loraSpec({ rank: 4, alpha: 8 });
  const targets = loraTargets(gpt2WeightShapes(CONFIG), spec.targetModules, 'in_out');

  it('adapts every linear weight by default and counts r·(in + out) trainable parameters each', () => {
    // Per layer (hand count, d = 32, MLP 128, r = 4): c_attn 4·(32+96) = 512, attn.c_proj
    // 4·(32+32) = 256, c_fc 4·(32+128) = 640, mlp.c_proj 4·(128+32) = 640 → 2,048; 2 layers 4,096.
    expect(targets.map((t) => t.module)).toEqual([
      'h.0.attn.c_attn',
      'h.0.attn.c_proj',
      'h.0.mlp.c_fc',
      'h.0.mlp.c_proj',
      'h.1.attn.c_attn',
      'h.1.attn.c_proj',
      'h.1.mlp.c_fc',
      'h.1.mlp.c_proj',
    ]);
    const a = new LoraAdapter(spec, targets);
    expect(a.parameterCount).toBe(4096);
    a.dispose();
  });

  it('names an unknown target module with what this model has', () => {
    try {
      loraTargets(gpt2WeightShapes(CONFIG), ['q_proj'], 'in_out');
      expect.unreachable();
    } catch (e) {
      expect(isNexFitraError(e) && e.path).toEqual(['targetModules', 'q_proj']);
      expect((e as Error).message).toMatch(/c_attn/);
    }
  });

  it('merge is W + (α/r)·(B·A)ᵀ for a Conv1D weight (hand calculation)', () => {
    // r = 1, α = 2 → scale 2; A = [1 2] (in = 2), B = [3 4 5]ᵀ (out = 3): B·A = [[3,6],[4,8],[5,10]],
    // so in the [in, out] layout ΔW = 2·[[3,4,5],[6,8,10]] = [[6,8,10],[12,16,20]].
    const w: HostTensor = { shape: [2, 3], data: Float32Array.from([1, 1, 1, 0, 0, 0]) };
    const merged = mergeLora(
      new Map([['m.weight', w]]),
      loraSpec({ rank: 1, alpha: 2, targetModules: ['m'] }),
      [{ module: 'm', inDim: 2, outDim: 3, layout: 'in_out' }],
      new Map([
        ['m.lora_A.weight', { shape: [1, 2], data: Float32Array.from([1, 2]) }],
        ['m.lora_B.weight', { shape: [3, 1], data: Float32Array.from([3, 4, 5]) }],
      ]),
    );
    expect([...merged.get('m.weight')!.data]).toEqual([7, 9, 11, 12, 16, 20]);
    expect([...w.data]).toEqual([1, 1, 1, 0, 0, 0]); // the base is not changed
  });

  it('a few steps lower the loss on a fixed batch while the base weights stay bit-identical', () => {
    const model = Gpt2Model.fromWeights(CONFIG, WEIGHTS);
    const lora = new LoraAdapter(spec, targets, 3);
    model.setWeightAdapter(lora.adapter());
    const tokens = tf.tensor2d(
      Array.from({ length: 4 }, (_, r) =>
        Array.from({ length: 12 }, (_, i) => 3 + ((r * 37 + i * 11) % 290)),
      ),
      undefined,
      'int32',
    );
    const opt = new AdamW(lora.variables, { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
    const losses: number[] = [];
    for (let s = 0; s < 8; s++) {
      const { value, grads } = tf.variableGrads(
        () => languageModelLoss(model, tokens),
        [...lora.variables.values()],
      );
      const byName: Record<string, tf.Tensor> = {};
      for (const [n, v] of lora.variables) byName[n] = grads[v.name]!;
      opt.step(byName, 1e-2);
      losses.push(value.dataSync()[0]!);
      for (const t of [value, ...Object.values(grads)]) t.dispose();
    }
    expect(losses[7]!).toBeLessThan(losses[0]! - 0.1);
    const after = model.getWeights();
    for (const [name, t] of WEIGHTS) expect(after.get(name)!.data, name).toEqual(t.data);
    opt.dispose();
    lora.dispose();
    model.dispose();
  });

  it('merged weights give the logits of base + adapter, in TF.js and in the exported ONNX', async () => {
    const ids = [[5, 17, 42, 9, 100, 250, 3, 77]];
    const model = Gpt2Model.fromWeights(CONFIG, WEIGHTS);
    const lora = new LoraAdapter(spec, targets, 5);
    randomFactors(lora, 9);
    const baseLogits = logitsOf(model, ids);
    model.setWeightAdapter(lora.adapter());
    const adapted = logitsOf(model, ids);
    expect(maxAbs(adapted, baseLogits)).toBeGreaterThan(0.1); // the adapter does something
    const merged = mergeLora(WEIGHTS, spec, targets, lora.getWeights());
    const m2 = Gpt2Model.fromWeights(CONFIG, merged);
    expect(maxAbs(logitsOf(m2, ids), adapted)).toBeLessThan(1e-4);
    // Kept separate: the adapter folder read back and applied at load gives the same weights.
    await writeLoraAdapter(join(dir, 'adapter'), spec, lora.getWeights());
    const file = await readLoraAdapter(join(dir, 'adapter'));
    expect(file.spec).toEqual(spec);
    const fromFile = mergeLora(WEIGHTS, file.spec, targets, file.factors);
    for (const [n, t] of merged) expect(fromFile.get(n)!.data, n).toEqual(t.data);
    const cfg = JSON.parse(await readFile(join(dir, 'adapter', 'adapter_config.json'), 'utf8'));
    expect(cfg).toMatchObject({ peft_type: 'LORA', r: 4, lora_alpha: 8, fan_in_fan_out: true });
    // ONNX export of the merged weights (onnxruntime-node).
    const s = await ort.InferenceSession.create(buildGpt2Onnx(CONFIG, merged, 'fp32'));
    const n = ids[0]!.length;
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', BigInt64Array.from(ids[0]!, BigInt), [1, n]),
      attention_mask: new ort.Tensor('int64', new BigInt64Array(n).fill(1n), [1, n]),
      position_ids: new ort.Tensor(
        'int64',
        BigInt64Array.from(ids[0]!, (_, i) => BigInt(i)),
        [1, n],
      ),
    };
    for (let l = 0; l < CONFIG.n_layer; l++) {
      for (const kv of ['key', 'value']) {
        feeds[`past_key_values.${l}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [1, 4, 0, 8]);
      }
    }
    const onnxLogits = (await s.run(feeds))['logits']!.data as Float32Array;
    expect(maxAbs(onnxLogits, adapted)).toBeLessThan(1e-4);
    lora.dispose();
    model.dispose();
    m2.dispose();
  });
});

describe('early stopping', () => {
  it('stops after `patience` evaluations without a new best (hand sequence)', () => {
    const e = new EarlyStopping(2, 0.01);
    expect(e.update(0, 3)).toEqual({ improved: true, stop: false });
    expect(e.update(10, 2.5)).toEqual({ improved: true, stop: false });
    expect(e.update(20, 2.495)).toEqual({ improved: false, stop: false }); // within minDelta
    expect(e.update(30, 2.6)).toEqual({ improved: false, stop: true });
    expect([e.bestStep, e.best]).toEqual([10, 2.5]);
  });

  // Train rows end in token 10, val rows in token 20 after the same prompts. The random base is
  // confidently wrong everywhere, so the first steps help both sets (they learn which positions
  // hold which token ranges); then raising p(10) keeps lowering p(20) and the val loss climbs.
  const rows = (last: number, n: number): TokenizedExample[] =>
    Array.from({ length: n }, (_, i) => ({
      ids: Int32Array.from([1, 3 + (i % 7), 4 + (i % 5), last, 2]),
      planStart: 3,
      weight: 1,
    }));

  /** Masked loss of a checkpoint on 8 val rows (plain recomputation, not finetune's evaluate). */
  function valLossOf(weights: ReadonlyMap<string, HostTensor>, last: number): number {
    const m = Gpt2Model.fromWeights(CONFIG, weights);
    const b = rows(last, 8);
    const v = tf.tidy(() => {
      const tokens = tf.tensor2d(
        b.flatMap((e) => [...e.ids]),
        [8, 5],
        'int32',
      );
      const mask = tf.tensor2d(
        b.flatMap(() => [0, 0, 1, 1]),
        [8, 4],
      );
      return languageModelLoss(m, tokens, mask).dataSync()[0]!;
    });
    m.dispose();
    return v;
  }

  for (const method of ['full', 'lora'] as const) {
    it(`${method}: stops once the val loss has risen for \`patience\` evaluations, writes the best weights`, async () => {
      const out = join(dir, `es-${method}`);
      const patience = 3;
      const r = await finetuneModel({
        base: { config: CONFIG, weights: WEIGHTS },
        method,
        lora: { rank: 2 },
        hyper: {
          ...FINETUNE_DEFAULTS[method],
          seed: 1,
          steps: 200,
          batchSize: 4,
          lr: 1e-2,
          warmupSteps: 0,
          evalEvery: 2,
          patience,
        },
        train: rows(10, 16),
        val: rows(20, 8),
        outDir: out,
      });
      expect(r.stoppedEarly).toBe(true);
      const best = r.valLosses.reduce((a, b) => (b.loss < a.loss ? b : a));
      expect([r.bestStep, r.bestValLoss]).toEqual([best.step, best.loss]);
      expect(r.bestStep).toBeGreaterThan(0);
      expect(r.step).toBe(r.bestStep + patience * 2);
      for (const v of r.valLosses.filter((v) => v.step > r.bestStep))
        expect(v.loss).toBeGreaterThan(r.bestValLoss);
      expect(r.losses[r.losses.length - 1]!).toBeLessThan(r.losses[0]!); // training kept lowering the train loss
      const saved = (await readGpt2Checkpoint(join(out, 'checkpoint'))).weights;
      expect(valLossOf(saved, 20)).toBeCloseTo(r.bestValLoss, 4); // the best, not the last, weights
      if (method === 'lora') {
        // 2 layers · r = 2 · (c_attn 32+96, attn.c_proj 32+32, c_fc 32+128, mlp.c_proj 128+32) = 2,048.
        expect(r.trainableParameters).toBe(2 * 2 * (32 + 96 + (32 + 32) + 2 * (32 + 128)));
        // Kept separately: base + the adapter folder applied at load = the merged checkpoint.
        const adapter = await readLoraAdapter(join(out, 'adapter'));
        const targets = loraTargets(gpt2WeightShapes(CONFIG), adapter.spec.targetModules, 'in_out');
        const applied = mergeLora(WEIGHTS, adapter.spec, targets, adapter.factors);
        for (const [n, t] of saved) expect(applied.get(n)!.data, n).toEqual(t.data);
        for (const n of ['wte.weight', 'h.0.ln_1.weight'])
          expect(saved.get(n)!.data).toEqual(WEIGHTS.get(n)!.data);
      } else {
        expect(r.trainableParameters).toBe(r.totalParameters);
      }
    });
  }

  it('keeps training while the val loss falls, and writes the last best weights', async () => {
    const out = join(dir, 'es-fall');
    const r = await finetuneModel({
      base: { config: CONFIG, weights: WEIGHTS },
      method: 'lora',
      hyper: {
        ...FINETUNE_DEFAULTS.lora,
        seed: 1,
        steps: 8,
        batchSize: 4,
        lr: 1e-2,
        warmupSteps: 0,
        evalEvery: 4,
      },
      train: rows(10, 16),
      val: rows(10, 8),
      outDir: out,
    });
    expect(r.stoppedEarly).toBe(false);
    expect(r.bestStep).toBe(8);
    expect(r.bestValLoss).toBeLessThan(r.baseValLoss);
    expect(valLossOf((await readGpt2Checkpoint(join(out, 'checkpoint'))).weights, 10)).toBeCloseTo(
      r.bestValLoss,
      4,
    );
  });

  it('refuses an empty validation set with a typed error', async () => {
    await expect(
      finetuneModel({
        base: { config: CONFIG, weights: WEIGHTS },
        method: 'full',
        hyper: { ...FINETUNE_DEFAULTS.full, seed: 1, steps: 2, batchSize: 4 },
        train: rows(10, 8),
        val: [],
        outDir: join(dir, 'none'),
      }),
    ).rejects.toThrow(/val/);
  });
});

describe('LoRA on the llama family', () => {
  const LCONFIG = checkLlamaConfig({
    model_type: 'llama',
    vocab_size: 300,
    hidden_size: 16,
    intermediate_size: 24,
    num_hidden_layers: 1,
    num_attention_heads: 4,
    num_key_value_heads: 2,
    max_position_embeddings: 32,
  });
  const LWEIGHTS = initLlamaWeights(LCONFIG, { seed: 5, std: 0.3, randomizeAll: true });

  it('merge is W + (α/r)·B·A for an nn.Linear weight [out, in] (hand calculation)', () => {
    // Same factors as the Conv1D case: 2·B·A = [[6,12],[8,16],[10,20]], now in W's [out, in] layout.
    const merged = mergeLora(
      new Map([['m.weight', { shape: [3, 2], data: new Float32Array(6) }]]),
      loraSpec({ rank: 1, alpha: 2, targetModules: ['m'] }),
      [{ module: 'm', inDim: 2, outDim: 3, layout: 'out_in' }],
      new Map([
        ['m.lora_A.weight', { shape: [1, 2], data: Float32Array.from([1, 2]) }],
        ['m.lora_B.weight', { shape: [3, 1], data: Float32Array.from([3, 4, 5]) }],
      ]),
    );
    expect([...merged.get('m.weight')!.data]).toEqual([6, 12, 8, 16, 10, 20]);
  });

  it('fine-tunes q/k/v/o/gate/up/down; the merged checkpoint = base + the peft adapter', async () => {
    const out = join(dir, 'llama-lora');
    const rows = (n: number): TokenizedExample[] =>
      Array.from({ length: n }, (_, i) => ({
        ids: Int32Array.from([1, 3 + (i % 7), 4 + (i % 5), 10, 2]),
        planStart: 3,
        weight: 1,
      }));
    const r = await finetuneModel({
      base: { config: LCONFIG, weights: LWEIGHTS },
      method: 'lora',
      lora: { rank: 2 },
      hyper: {
        ...FINETUNE_DEFAULTS.lora,
        seed: 1,
        steps: 6,
        batchSize: 4,
        lr: 1e-2,
        warmupSteps: 0,
        evalEvery: 3,
      },
      train: rows(16),
      val: rows(8),
      outDir: out,
    });
    // Hand count, r = 2: q, o 2·(16+16); k, v 2·(16+8); gate, up, down 2·(16+24) → 464.
    expect(r.trainableParameters).toBe(464);
    expect(r.bestValLoss).toBeLessThan(r.baseValLoss);
    const saved = await readLlamaCheckpoint(join(out, 'checkpoint'));
    const adapter = await readLoraAdapter(join(out, 'adapter'), PEFT_PREFIX_LLAMA);
    expect(adapter.spec.targetModules).toEqual([
      'q_proj',
      'k_proj',
      'v_proj',
      'o_proj',
      'gate_proj',
      'up_proj',
      'down_proj',
    ]);
    const base = LlamaModel.fromWeights(LCONFIG, LWEIGHTS);
    const lora = new LoraAdapter(
      adapter.spec,
      loraTargets(llamaWeightShapes(LCONFIG), adapter.spec.targetModules, 'out_in'),
      0,
      adapter.factors,
    );
    base.setWeightAdapter(lora.adapter());
    const merged = LlamaModel.fromWeights(saved.config, saved.weights);
    const ids = tf.tensor2d([[1, 5, 9, 10, 2, 7]], undefined, 'int32');
    const a = base.forward(ids, { cache: false }).logits;
    const b = merged.forward(ids, { cache: false }).logits;
    expect(maxAbs(a.dataSync(), b.dataSync())).toBeLessThan(1e-4);
    for (const n of ['embed_tokens.weight', 'norm.weight', 'lm_head.weight'])
      expect(saved.weights.get(n)!.data).toEqual(LWEIGHTS.get(n)!.data);
    for (const t of [a, b, ids]) t.dispose();
    lora.dispose();
    base.dispose();
    merged.dispose();
  });
});

describe("tokenizing with the checkpoint's own vocabulary", () => {
  it("maps words through the model's tokenizer.json and names a word it does not know", () => {
    const vocab = new Map([
      ['<pad>', 0],
      ['<bos>', 1],
      ['<eos>', 2],
      ['<unk>', 3],
      ['<request>', 7],
      ['<plan>', 9],
    ]);
    // Hand: <bos>=1, <request>=7, <plan>=9, <eos>=2; the plan starts after bos + 1 prompt word.
    const e = tokenizeWithVocab({ id: 'r1', prompt: '<request>', plan: '<plan>', weight: 2 }, vocab, 'test');
    expect([...e.ids]).toEqual([1, 7, 9, 2]);
    expect([e.planStart, e.weight]).toEqual([2, 2]);
    try {
      tokenizeWithVocab({ id: 'r2', prompt: '<request>', plan: '<plan> dish:new-dish' }, vocab, 'test');
      expect.unreachable();
    } catch (err) {
      expect(isNexFitraError(err) && [err.path, err.value]).toEqual([['r2', 'plan', 1], 'dish:new-dish']);
    }
  });
});
