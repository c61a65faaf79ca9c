import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGpt2Checkpoint, writeGpt2Checkpoint } from '../src/checkpoint/hf';
import { readLlamaCheckpoint, writeLlamaCheckpoint } from '../src/checkpoint/llama';
import { decodeSafetensors, encodeSafetensors } from '../src/checkpoint/safetensors';
import { buildGpt2Onnx } from '../src/export/gpt2-onnx';
import { buildLlamaOnnx } from '../src/export/llama-onnx';
import { checkGpt2Config } from '../src/model/config';
import { Gpt2Model } from '../src/model/gpt2';
import { LlamaModel } from '../src/model/llama';
import { checkLlamaConfig } from '../src/model/llamaConfig';
import { initLlamaWeights } from '../src/model/llamaWeights';
import { languageModelLoss } from '../src/model/train';
import { initGpt2Weights } from '../src/model/weights';
import { trainWithEngine } from '../src/train/engine';
import { batchIndices, padBatch, type TokenizedExample } from '../src/train/examples';
import { decodeTokenFile, encodeTokenFile, writeTokenFile } from '../src/train/tokenFile';
import { findTorch, prepareTorchRun, torchPackageDir } from '../src/train/torchEngine';
import { DEFAULT_HYPER, type TrainHyper, trainModel } from '../src/train/trainer';

/*
 * Engine parity. Expected values are not copied from either engine: each engine is checked
 * against the other two independent implementations (TF.js in TypeScript, PyTorch, and the
 * exported ONNX graph run by onnxruntime), which share only the checkpoint and the batch.
 */

const torch = await findTorch();
if (!torch) {
  console.warn(
    'torch-engine.test: skipping the torch parity tests: no Python with torch (apt-get install python3-torch libopenblas0-pthread, or NEXFITRA_PYTHON=<python with torch>)',
  );
}

const config = checkGpt2Config({
  vocab_size: 61,
  n_positions: 32,
  n_embd: 16,
  n_layer: 2,
  n_head: 2,
  bos_token_id: 1,
  eos_token_id: 2,
  pad_token_id: 0,
});

/** Seeded examples: <bos>, prompt, plan, <eos>; lengths 9–24, weights 1 or 0.5. */
function examples(n: number, seed: number): TokenizedExample[] {
  let s = seed;
  const next = () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s >>> 8;
  };
  return Array.from({ length: n }, (_, i) => {
    const prompt = 3 + (next() % 6);
    const plan = 4 + (next() % 12);
    const ids = [1, ...Array.from({ length: prompt + plan }, () => 3 + (next() % 58)), 2];
    return { ids: Int32Array.from(ids), planStart: 1 + prompt, weight: i % 3 === 2 ? 0.5 : 1 };
  });
}

const python = (args: string[]) =>
  execFileSync(torch!.python, args, {
    env: {
      ...process.env,
      PYTHONPATH: torchPackageDir(),
      OPENBLAS_NUM_THREADS: '1',
      PYTHONDONTWRITEBYTECODE: '1',
    },
    encoding: 'utf8',
    // A time-boxed run on an idle machine prints a progress line for each of thousands of steps.
    maxBuffer: 256 * 2 ** 20,
  });

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = await mkdtemp(join(tmpdir(), 'nf-torch-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('token file', () => {
  it('round-trips ids, plan starts and weights', () => {
    const ex = examples(5, 7);
    const back = decodeTokenFile(encodeTokenFile(ex));
    expect(back.map((e) => [...e.ids])).toEqual(ex.map((e) => [...e.ids]));
    expect(back.map((e) => [e.planStart, e.weight])).toEqual(ex.map((e) => [e.planStart, e.weight]));
  });

  it('uses int32 for ids ≥ 65,536 and rejects a file with another magic', () => {
    const big = [{ ids: Int32Array.from([1, 70_000, 2]), planStart: 1, weight: 1 }];
    expect([...decodeTokenFile(encodeTokenFile(big))[0]!.ids]).toEqual([1, 70_000, 2]);
    expect(() => decodeTokenFile(new Uint8Array(16))).toThrow(/magic/);
  });
});

describe.skipIf(!torch)('torch engine parity (tiny GPT-2)', () => {
  it('Python reads the token file and forms the same batches (order, padding, loss mask)', {
    timeout: 90_000,
  }, async () => {
    const ex = examples(7, 3);
    await writeTokenFile(join(dir, 'b.nftok'), ex);
    const out = python([
      '-c',
      `import json, sys
from nexfitra_torch.data import TokenFile, batch_indices, pad_batch
d = TokenFile(sys.argv[1])
res = []
for step in range(6):
    idx = batch_indices(step, 3, len(d), 20261129)
    t, m, n = pad_batch(d, idx, 0)
    res.append({"idx": idx, "tokens": t.tolist(), "mask": m.tolist(), "n": n})
print(json.dumps(res))`,
      join(dir, 'b.nftok'),
    ]);
    const py = JSON.parse(out) as { idx: number[]; tokens: number[][]; mask: number[][]; n: number }[];
    for (let step = 0; step < 6; step++) {
      const idx = batchIndices(step, 3, ex.length, 20261129);
      const b = padBatch(idx.map((i) => ex[i]!));
      expect(py[step]!.idx).toEqual(idx);
      expect(py[step]!.tokens.flat()).toEqual([...b.tokens]);
      expect(py[step]!.mask.flat()).toEqual([...b.mask]);
      expect(py[step]!.n).toBe(b.inputTokens);
    }
  });

  it('same checkpoint and batch: logits and masked loss of TF.js, torch and ONNX agree within 1e-4', {
    timeout: 90_000,
  }, async () => {
    const weights = initGpt2Weights(config, { seed: 5, std: 0.2, randomizeAll: true });
    await writeGpt2Checkpoint(join(dir, 'fwd'), { config, weights });
    const b = padBatch(examples(3, 11));
    const seq = b.length - 1;
    // TF.js
    const model = Gpt2Model.fromWeights(config, weights);
    const tokensT = tf.tensor2d(b.tokens, [b.batch, b.length], 'int32');
    const inputs = tokensT.slice([0, 0], [b.batch, seq]);
    const { logits } = model.forward(inputs as tf.Tensor2D, { cache: false });
    const tfLogits = logits.dataSync() as Float32Array;
    const tfLoss = languageModelLoss(
      model,
      tokensT,
      tf.tensor2d(b.mask, [b.batch, seq], 'float32'),
    ).dataSync()[0]!;
    model.dispose();
    // torch
    const tokF = Float32Array.from(b.tokens);
    const feed = new Map([
      ['tokens', { shape: [b.batch, b.length], data: tokF }],
      ['mask', { shape: [b.batch, seq], data: b.mask }],
    ]);
    await writeFile(join(dir, 'feed.safetensors'), encodeSafetensors(feed));
    python([
      '-m',
      'nexfitra_torch.forward',
      '--checkpoint',
      join(dir, 'fwd'),
      '--tokens',
      join(dir, 'feed.safetensors'),
      '--out',
      join(dir, 'out.safetensors'),
    ]);
    const pt = decodeSafetensors(new Uint8Array(await readFile(join(dir, 'out.safetensors'))));
    // ONNX (the exporter's fp32 graph)
    const session = await ort.InferenceSession.create(buildGpt2Onnx(config, weights, 'fp32'));
    const ids: bigint[] = [];
    for (let r = 0; r < b.batch; r++)
      for (let t = 0; t < seq; t++) ids.push(BigInt(b.tokens[r * b.length + t]!));
    const i64 = (v: bigint[]) => new ort.Tensor('int64', BigInt64Array.from(v), [b.batch, seq]);
    const feeds: Record<string, ort.Tensor> = {
      input_ids: i64(ids),
      attention_mask: i64(ids.map(() => 1n)),
      position_ids: i64(ids.map((_, k) => BigInt(k % seq))),
    };
    for (let l = 0; l < config.n_layer; l++) {
      for (const kv of ['key', 'value']) {
        feeds[`past_key_values.${l}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [
          b.batch,
          2,
          0,
          8,
        ]);
      }
    }
    const onnxLogits = (await session.run(feeds))['logits']!.data as Float32Array;
    const ptLogits = pt.get('logits')!.data;
    const figures = {
      tfVsTorch: maxAbsDiff(tfLogits, ptLogits),
      tfVsOnnx: maxAbsDiff(tfLogits, onnxLogits),
      torchVsOnnx: maxAbsDiff(ptLogits, onnxLogits),
      loss: Math.abs(tfLoss - pt.get('loss')!.data[0]!),
    };
    console.log('forward parity (max |Δ|):', figures);
    for (const [k, v] of Object.entries(figures)) expect(v, k).toBeLessThan(1e-4);
  });

  const train = examples(6, 21);
  const val = examples(3, 22);
  const hyper = (steps: number): TrainHyper => ({
    ...DEFAULT_HYPER,
    seed: 9,
    steps,
    batchSize: 3,
    lr: 1e-2,
    minLr: 1e-3,
    warmupSteps: 2,
    evalEvery: 2,
    evalBatches: 0,
  });

  it('one optimizer step from the same state gives the same weights and moments in both engines', {
    timeout: 90_000,
  }, async () => {
    const a = await trainWithEngine({
      engine: 'tfjs',
      config,
      hyper: hyper(1),
      train,
      val,
      runDir: join(dir, 'tf1'),
    });
    const b = await trainWithEngine({
      engine: 'torch',
      torch: { threads: 1, blasThreads: 1 },
      config,
      hyper: hyper(1),
      train,
      val,
      runDir: join(dir, 'pt1'),
    });
    expect(Math.abs(a.losses[0]! - b.losses[0]!)).toBeLessThan(1e-5);
    const wa = (await readGpt2Checkpoint(join(dir, 'tf1', 'checkpoint'))).weights;
    const wb = (await readGpt2Checkpoint(join(dir, 'pt1', 'checkpoint'))).weights;
    const init = initGpt2Weights(config, { seed: 9 });
    let maxW = 0;
    let maxMove = 0;
    for (const [name, t] of wa) {
      maxW = Math.max(maxW, maxAbsDiff(t.data, wb.get(name)!.data));
      maxMove = Math.max(maxMove, maxAbsDiff(t.data, init.get(name)!.data));
    }
    const oa = decodeSafetensors(
      new Uint8Array(await readFile(join(dir, 'tf1', 'checkpoint', 'optimizer.safetensors'))),
    );
    const ob = decodeSafetensors(
      new Uint8Array(await readFile(join(dir, 'pt1', 'checkpoint', 'optimizer.safetensors'))),
    );
    let maxM = 0;
    for (const [name, t] of oa) maxM = Math.max(maxM, maxAbsDiff(t.data, ob.get(name)!.data));
    console.log('one-step parity:', { loss: Math.abs(a.losses[0]! - b.losses[0]!), maxW, maxM, maxMove });
    // The step moves weights by up to lr = 1e-2 (first Adam step ≈ lr·sign(g)); both engines land
    // on the same weights far within that.
    expect(maxMove).toBeGreaterThan(5e-3);
    expect(maxW).toBeLessThan(1e-4);
    expect(maxM).toBeLessThan(1e-5);
  });

  it('a few steps lower the loss and a resumed torch run equals an uninterrupted one; either engine resumes the other', {
    timeout: 180_000,
  }, async () => {
    const opts = { engine: 'torch' as const, torch: { threads: 1, blasThreads: 1 }, config, train, val };
    const full = await trainWithEngine({ ...opts, hyper: hyper(6), runDir: join(dir, 'ptA') });
    expect(full.losses.at(-1)!).toBeLessThan(full.losses[0]!);
    expect(full.valLosses.map((v) => v.step)).toEqual([2, 4, 6]);
    const cut = await trainWithEngine({ ...opts, hyper: hyper(6), runDir: join(dir, 'ptB'), stopAtStep: 3 });
    expect(cut.step).toBe(3);
    // The torch checkpoint at step 3 also resumes in TF.js (same files), ending near the torch run.
    await cp(join(dir, 'ptB'), join(dir, 'ptC'), { recursive: true });
    const rest = await trainWithEngine({ ...opts, hyper: hyper(6), runDir: join(dir, 'ptB') });
    expect(rest.resumedFrom).toBe(3);
    for (const f of ['model.safetensors', 'optimizer.safetensors']) {
      const x = await readFile(join(dir, 'ptA', 'checkpoint', f));
      const y = await readFile(join(dir, 'ptB', 'checkpoint', f));
      expect(Buffer.compare(x, y), f).toBe(0);
    }
    const mixed = await trainModel({ config, hyper: hyper(6), train, val, runDir: join(dir, 'ptC') });
    expect(mixed.resumedFrom).toBe(3);
    const wa = (await readGpt2Checkpoint(join(dir, 'ptA', 'checkpoint'))).weights;
    const wc = (await readGpt2Checkpoint(join(dir, 'ptC', 'checkpoint'))).weights;
    let max = 0;
    for (const [name, t] of wa) max = Math.max(max, maxAbsDiff(t.data, wc.get(name)!.data));
    expect(max).toBeLessThan(1e-3);
  });

  it('two data-parallel processes (gloo) make the update one process makes on the whole batch', {
    timeout: 180_000,
  }, async () => {
    const one = await trainWithEngine({
      engine: 'torch',
      torch: { threads: 1, blasThreads: 1 },
      config,
      hyper: hyper(2),
      train,
      val,
      runDir: join(dir, 'ddp1'),
    });
    const two = await trainWithEngine({
      engine: 'torch',
      torch: { threads: 1, blasThreads: 1, nproc: 2 },
      config,
      hyper: hyper(2),
      train,
      val,
      runDir: join(dir, 'ddp2'),
    });
    expect(two.step).toBe(2);
    expect(Math.abs(one.losses[1]! - two.losses[1]!)).toBeLessThan(1e-5);
    const wa = (await readGpt2Checkpoint(join(dir, 'ddp1', 'checkpoint'))).weights;
    const wb = (await readGpt2Checkpoint(join(dir, 'ddp2', 'checkpoint'))).weights;
    let max = 0;
    for (const [name, t] of wa) max = Math.max(max, maxAbsDiff(t.data, wb.get(name)!.data));
    console.log('data-parallel parity (max |Δw|, 2 steps):', max);
    expect(max).toBeLessThan(1e-5);
  });

  it('refuses to resume with other hyper-parameters (typed error from the subprocess)', {
    timeout: 90_000,
  }, async () => {
    await expect(
      trainWithEngine({
        engine: 'torch',
        config,
        hyper: { ...hyper(6), lr: 5e-3 },
        train,
        val,
        runDir: join(dir, 'ptA'),
      }),
    ).rejects.toMatchObject({ code: 'INCONSISTENT', fn: 'trainWithTorch', path: ['hyper'] });
  });
});

describe('torch engine availability', () => {
  it('a Python without torch gives a typed error that says how to install it', async () => {
    await expect(
      trainWithEngine({
        engine: 'torch',
        torch: { python: '/nonexistent/python3' },
        config,
        hyper: { ...DEFAULT_HYPER, seed: 1, steps: 1, batchSize: 1 },
        train: examples(2, 1),
        val: [],
        runDir: join(dir, 'none'),
      }),
    ).rejects.toThrow(/apt-get install python3-torch libopenblas0-pthread/);
  });
});

describe.skipIf(!torch)('torch engine, llama family', () => {
  const llama = checkLlamaConfig({
    model_type: 'llama',
    vocab_size: 61,
    hidden_size: 16,
    intermediate_size: 24,
    num_hidden_layers: 2,
    num_attention_heads: 4,
    num_key_value_heads: 2,
    max_position_embeddings: 32,
    bos_token_id: 1,
    eos_token_id: 2,
    pad_token_id: 0,
  });

  it('same checkpoint and batch: logits of TF.js, torch and the exported ONNX agree within 1e-4 (grouped kv heads, untied head)', {
    timeout: 90_000,
  }, async () => {
    const weights = initLlamaWeights(llama, { seed: 6, std: 0.2, randomizeAll: true });
    await writeLlamaCheckpoint(join(dir, 'llama-fwd'), { config: llama, weights });
    const b = padBatch(examples(2, 13));
    const seq = b.length - 1;
    const model = LlamaModel.fromWeights(llama, weights);
    const inputs = tf.tensor2d(b.tokens, [b.batch, b.length], 'int32').slice([0, 0], [b.batch, seq]);
    const { logits } = model.forward(inputs as tf.Tensor2D, { cache: false });
    const tfLogits = logits.dataSync() as Float32Array;
    model.dispose();
    const feed = new Map([
      ['tokens', { shape: [b.batch, b.length], data: Float32Array.from(b.tokens) }],
      ['mask', { shape: [b.batch, seq], data: b.mask }],
    ]);
    await writeFile(join(dir, 'llama-feed.safetensors'), encodeSafetensors(feed));
    python([
      '-m',
      'nexfitra_torch.forward',
      '--checkpoint',
      join(dir, 'llama-fwd'),
      '--tokens',
      join(dir, 'llama-feed.safetensors'),
      '--out',
      join(dir, 'llama-out.safetensors'),
    ]);
    const ptLogits = decodeSafetensors(
      new Uint8Array(await readFile(join(dir, 'llama-out.safetensors'))),
    ).get('logits')!.data;
    const session = await ort.InferenceSession.create(buildLlamaOnnx(llama, weights, 'fp32'));
    const ids: bigint[] = [];
    for (let r = 0; r < b.batch; r++)
      for (let t = 0; t < seq; t++) ids.push(BigInt(b.tokens[r * b.length + t]!));
    const i64 = (v: bigint[]) => new ort.Tensor('int64', BigInt64Array.from(v), [b.batch, seq]);
    const feeds: Record<string, ort.Tensor> = {
      input_ids: i64(ids),
      attention_mask: i64(ids.map(() => 1n)),
      position_ids: i64(ids.map((_, k) => BigInt(k % seq))),
    };
    for (let l = 0; l < llama.num_hidden_layers; l++) {
      for (const kv of ['key', 'value']) {
        feeds[`past_key_values.${l}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [
          b.batch,
          llama.num_key_value_heads,
          0,
          llama.head_dim,
        ]);
      }
    }
    const onnxLogits = (await session.run(feeds))['logits']!.data as Float32Array;
    const figures = {
      tfVsTorch: maxAbsDiff(tfLogits, ptLogits),
      torchVsOnnx: maxAbsDiff(ptLogits, onnxLogits),
    };
    console.log('llama forward parity (max |Δ|):', figures);
    for (const [k, v] of Object.entries(figures)) expect(v, k).toBeLessThan(1e-4);
  });

  it('trains a llama from scratch (loss falls), writes an HF llama checkpoint, and the tfjs engine refuses it', {
    timeout: 90_000,
  }, async () => {
    const hyper: TrainHyper = {
      ...DEFAULT_HYPER,
      seed: 2,
      steps: 8,
      batchSize: 3,
      lr: 1e-2,
      minLr: 1e-3,
      warmupSteps: 2,
      evalEvery: 4,
      evalBatches: 0,
    };
    const common = { config: llama, hyper, train: examples(6, 31), val: examples(3, 32) };
    const r = await trainWithEngine({
      ...common,
      engine: 'torch',
      torch: { threads: 1, blasThreads: 1 },
      runDir: join(dir, 'llama-run'),
    });
    expect(r.step).toBe(8);
    expect(r.losses.at(-1)!).toBeLessThan(r.losses[0]! - 0.2);
    const saved = await readLlamaCheckpoint(join(dir, 'llama-run', 'checkpoint'));
    expect(saved.config.num_key_value_heads).toBe(2);
    expect(saved.weights.has('lm_head.weight')).toBe(true);
    await expect(
      trainWithEngine({ ...common, engine: 'tfjs', runDir: join(dir, 'llama-tfjs') }),
    ).rejects.toMatchObject({ code: 'INCONSISTENT', path: ['engine'] });
  });
});

describe('a run prepared here, trained elsewhere (GPU host / cluster)', () => {
  const hyper: TrainHyper = {
    ...DEFAULT_HYPER,
    seed: 5,
    steps: 1_000,
    batchSize: 2,
    lr: 3e-3,
    minLr: 3e-4,
    warmupSteps: 500,
    evalEvery: 50,
    evalBatches: 1,
  };
  const train = examples(8, 31);
  const val = examples(2, 32);

  it('prepareTorchRun writes the token files, config, hyper-parameters and seeded init, and returns the trainer command', async () => {
    const runDir = join(dir, 'prep');
    const { args } = await prepareTorchRun(
      { config, hyper, train, val, runDir },
      { device: 'cuda', threads: 4 },
    );
    // Round trip: the token file holds exactly the examples given.
    const back = decodeTokenFile(new Uint8Array(await readFile(join(runDir, 'data', 'train.nftok'))));
    expect(back.map((e) => [...e.ids])).toEqual(train.map((e) => [...e.ids]));
    expect(JSON.parse(await readFile(join(runDir, 'torch', 'hyper.json'), 'utf8'))).toEqual(hyper);
    const init = await readGpt2Checkpoint(join(runDir, 'torch', 'init'));
    expect(init.config.n_embd).toBe(config.n_embd);
    expect(args.slice(0, 2)).toEqual(['-m', 'nexfitra_torch.train']);
    expect(args[args.indexOf('--device') + 1]).toBe('cuda');
    expect(args[args.indexOf('--init') + 1]).toBe(join(runDir, 'torch', 'init'));
  });

  it.skipIf(!torch)(
    'timebox sizes the schedule to the box, and --keep-best keeps the lowest-validation checkpoint',
    {
      timeout: 120_000,
    },
    async () => {
      const runDir = join(dir, 'box');
      const { args } = await prepareTorchRun(
        { config, hyper, train, val, runDir },
        { device: 'cpu', threads: 1 },
      );
      python([
        '-m',
        'nexfitra_torch.timebox',
        '--seconds',
        '2',
        '--calib-steps',
        '6',
        '--eval-points',
        '4',
        '--',
        ...args.slice(2),
        '--keep-best',
      ]);
      const boxed = JSON.parse(
        await readFile(join(runDir, 'torch', 'hyper.timebox.json'), 'utf8'),
      ) as TrainHyper;
      // The box sets steps from the measured step time and spreads 4 validation passes over them.
      expect(boxed.steps).toBeGreaterThanOrEqual(6);
      expect(boxed.evalEvery).toBe(Math.max(1, Math.floor(boxed.steps / 4)));
      expect(boxed.warmupSteps).toBeLessThanOrEqual(Math.max(1, Math.floor(boxed.steps / 10)));
      const state = JSON.parse(await readFile(join(runDir, 'checkpoint', 'trainer_state.json'), 'utf8'));
      expect(state.step).toBe(boxed.steps);
      // Independent check of "best": the lowest val_loss column of loss.csv, and its step.
      const rows = (await readFile(join(runDir, 'loss.csv'), 'utf8'))
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split(','))
        .filter((r) => r[3] !== '');
      const lowest = rows.reduce((a, r) => (Number(r[3]) < Number(a[3]) ? r : a));
      const best = JSON.parse(await readFile(join(runDir, 'best', 'trainer_state.json'), 'utf8'));
      expect(best.step).toBe(Number(lowest[0]));
      expect(best.valLoss).toBeCloseTo(Number(lowest[3]), 12);
    },
  );
});
