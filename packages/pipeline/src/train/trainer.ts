import { appendFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import * as tf from '@tensorflow/tfjs';
import { readGpt2Checkpoint, writeGpt2Checkpoint } from '../checkpoint/hf';
import { decodeSafetensors, encodeSafetensors } from '../checkpoint/safetensors';
import { checkGpt2Config, type Gpt2Config } from '../model/config';
import { Gpt2Model } from '../model/gpt2';
import { languageModelLoss } from '../model/train';
import { initGpt2Weights } from '../model/weights';
import { AdamW, type AdamWOptions, clipByGlobalNorm, DEFAULT_ADAMW } from './adamw';
import { batchIndices, type HostBatch, padBatch, type TokenizedExample } from './examples';
import { lrAt } from './schedule';

const FN = 'trainModel';

/** Hyper-parameters of a run (saved in the checkpoint; a resume must use the same ones). */
export interface TrainHyper {
  readonly seed: number;
  /** Optimizer steps of the whole run (the cosine reaches `minLr` there). */
  readonly steps: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly minLr: number;
  readonly warmupSteps: number;
  readonly clipNorm: number;
  readonly adamw: AdamWOptions;
  /** Validate every this many steps (and at the end). */
  readonly evalEvery: number;
  /** Validation batches (of `batchSize`, in order) per evaluation; 0 = the whole val set. */
  readonly evalBatches: number;
}

export const DEFAULT_HYPER: Omit<TrainHyper, 'seed' | 'steps'> = {
  batchSize: 8,
  lr: 3e-3,
  minLr: 3e-4,
  warmupSteps: 20,
  clipNorm: 1,
  adamw: DEFAULT_ADAMW,
  evalEvery: 50,
  evalBatches: 4,
};

export interface TrainOptions {
  readonly config: Gpt2Config;
  readonly hyper: TrainHyper;
  readonly train: readonly TokenizedExample[];
  readonly val: readonly TokenizedExample[];
  /** Run folder: `checkpoint/`, `loss.csv`. */
  readonly runDir: string;
  /** Continue from `runDir/checkpoint` when there is one (default true). */
  readonly resume?: boolean;
  /** Save a checkpoint every this many steps (default: only at the end). */
  readonly checkpointEvery?: number;
  /** … and whenever this many ms passed since the last one. */
  readonly checkpointEveryMs?: number;
  /** Stop (with a checkpoint) after this step even if `hyper.steps` is larger: an interruption. */
  readonly stopAtStep?: number;
  /** Stop (with a checkpoint) after this many ms. */
  readonly maxMs?: number;
  readonly onProgress?: (p: TrainProgress) => void;
}

export interface TrainProgress {
  readonly step: number;
  readonly steps: number;
  readonly loss: number;
  readonly valLoss?: number;
  readonly lr: number;
  readonly gradNorm: number;
  readonly tokensPerSecond: number;
  readonly etaSeconds: number;
}

export interface TrainResult {
  /** Steps done in total (including those before a resume). */
  readonly step: number;
  readonly losses: readonly number[];
  readonly valLosses: readonly { step: number; loss: number }[];
  /** Input tokens per second over this call's steps. */
  readonly tokensPerSecond: number;
  readonly ms: number;
  readonly resumedFrom: number;
}

interface TrainerState {
  readonly step: number;
  readonly hyper: TrainHyper;
  readonly trainExamples: number;
}

const CSV_HEADER = 'step,lr,loss,val_loss,grad_norm,tokens_per_s,elapsed_s\n';

async function exists(p: string): Promise<boolean> {
  return stat(p).then(
    () => true,
    () => false,
  );
}

/** Mean masked loss over `batches` (weighted by their mask sums). */
function evaluate(model: Gpt2Model, batches: readonly HostBatch[]): number {
  let sum = 0;
  let weight = 0;
  for (const b of batches) {
    const w = b.mask.reduce((a, x) => a + x, 0);
    if (w === 0) continue;
    const loss = tf.tidy(() => {
      const tokens = tf.tensor2d(b.tokens, [b.batch, b.length], 'int32');
      const mask = tf.tensor2d(b.mask, [b.batch, b.length - 1], 'float32');
      return languageModelLoss(model, tokens, mask).dataSync()[0]!;
    });
    sum += loss * w;
    weight += w;
  }
  return weight === 0 ? Number.NaN : sum / weight;
}

async function saveCheckpoint(
  runDir: string,
  model: Gpt2Model,
  opt: AdamW,
  state: TrainerState,
): Promise<void> {
  const tmp = join(runDir, 'checkpoint.tmp');
  const dir = join(runDir, 'checkpoint');
  await rm(tmp, { recursive: true, force: true });
  await mkdir(tmp, { recursive: true });
  await writeGpt2Checkpoint(tmp, { config: model.config, weights: model.getWeights() });
  await writeFile(
    join(tmp, 'optimizer.safetensors'),
    encodeSafetensors(opt.getState(), { format: 'nexfitra-adamw' }),
  );
  await writeFile(
    join(tmp, 'trainer_state.json'),
    `${JSON.stringify({ ...state, adamT: opt.t }, null, 2)}\n`,
  );
  // Swap in whole: a run killed mid-save keeps the previous checkpoint.
  await rm(dir, { recursive: true, force: true });
  await rename(tmp, dir);
}

function sameHyper(a: TrainHyper, b: TrainHyper): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Trains a GPT-2 plan model with AdamW, linear warm-up + cosine decay, gradient clipping by
 * global norm and the loss masked to the plan part (`padBatch`); validates every
 * `hyper.evalEvery` steps; writes `loss.csv` and a checkpoint (`config.json` +
 * `model.safetensors` with HF names, `optimizer.safetensors`, `trainer_state.json`). Seeded: the
 * initial weights and the batch order depend on `hyper.seed` only, and a run resumed from a
 * checkpoint gives the same weights as an uninterrupted one (the batches are a function of the
 * step; the moments are saved exactly). Uses the current TF.js backend.
 *
 * @throws NexFitraError `INCONSISTENT` when resuming with other hyper-parameters, config or data size
 */
export async function trainModel(options: TrainOptions): Promise<TrainResult> {
  const { hyper, runDir } = options;
  const config = checkGpt2Config(options.config, FN);
  if (options.train.length < hyper.batchSize) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: ['train', 'length'],
      value: options.train.length,
      allowed: `at least batchSize = ${hyper.batchSize} examples`,
    });
  }
  const longest = Math.max(
    ...options.train.map((e) => e.ids.length),
    ...options.val.map((e) => e.ids.length),
  );
  if (longest > config.n_positions + 1) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: ['train', 'ids', 'length'],
      value: longest,
      allowed: `examples of at most n_positions + 1 = ${config.n_positions + 1} tokens (drop or shorten longer rows first)`,
    });
  }
  await mkdir(runDir, { recursive: true });
  const ckpt = join(runDir, 'checkpoint');
  let start = 0;
  let model: Gpt2Model;
  let opt: AdamW;
  if (options.resume !== false && (await exists(join(ckpt, 'trainer_state.json')))) {
    const state = JSON.parse(await readFile(join(ckpt, 'trainer_state.json'), 'utf8')) as TrainerState & {
      adamT: number;
    };
    const saved = await readGpt2Checkpoint(ckpt);
    const mismatch = !sameHyper(state.hyper, hyper)
      ? ['hyper', state.hyper]
      : JSON.stringify(saved.config) !== JSON.stringify(config)
        ? ['config', saved.config]
        : state.trainExamples !== options.train.length
          ? ['train', state.trainExamples]
          : undefined;
    if (mismatch) {
      throw new NexFitraError({
        code: 'INCONSISTENT',
        fn: FN,
        path: [mismatch[0] as string],
        value: mismatch[1],
        allowed: `what the checkpoint in ${ckpt} was trained with (or resume: false to start over)`,
      });
    }
    model = Gpt2Model.fromWeights(config, saved.weights);
    opt = new AdamW(model.variables, hyper.adamw);
    opt.setState(decodeSafetensors(await readFile(join(ckpt, 'optimizer.safetensors'))), state.adamT);
    start = state.step;
  } else {
    model = Gpt2Model.fromWeights(config, initGpt2Weights(config, { seed: hyper.seed }));
    opt = new AdamW(model.variables, hyper.adamw);
    await writeFile(join(runDir, 'loss.csv'), CSV_HEADER);
  }
  const valBatches: HostBatch[] = [];
  const nVal = hyper.evalBatches === 0 ? Math.ceil(options.val.length / hyper.batchSize) : hyper.evalBatches;
  for (let i = 0; i < nVal && i * hyper.batchSize < options.val.length; i++) {
    valBatches.push(padBatch(options.val.slice(i * hyper.batchSize, (i + 1) * hyper.batchSize)));
  }
  const schedule = {
    peak: hyper.lr,
    min: hyper.minLr,
    warmupSteps: hyper.warmupSteps,
    totalSteps: hyper.steps,
  };
  const end = Math.min(hyper.steps, options.stopAtStep ?? hyper.steps);
  const losses: number[] = [];
  const valLosses: { step: number; loss: number }[] = [];
  const t0 = performance.now();
  let lastSave = t0;
  let tokens = 0;
  let step = start;
  const names = [...model.variables.keys()];
  const save = () =>
    saveCheckpoint(runDir, model, opt, { step, hyper, trainExamples: options.train.length }).then(() => {
      lastSave = performance.now();
    });
  try {
    while (step < end) {
      const b = padBatch(
        batchIndices(step, hyper.batchSize, options.train.length, hyper.seed).map((i) => options.train[i]!),
      );
      const lr = lrAt(step, schedule);
      const tokensT = tf.tensor2d(b.tokens, [b.batch, b.length], 'int32');
      const maskT = tf.tensor2d(b.mask, [b.batch, b.length - 1], 'float32');
      const { value, grads } = tf.variableGrads(
        () => languageModelLoss(model, tokensT, maskT),
        model.trainableVariables(),
      );
      const byName: Record<string, tf.Tensor> = {};
      model.trainableVariables().forEach((v, i) => {
        byName[names[i]!] = grads[v.name]!;
      });
      const clipped = clipByGlobalNorm(byName, hyper.clipNorm);
      opt.step(clipped.grads, lr);
      const loss = value.dataSync()[0]!;
      for (const t of [value, tokensT, maskT, ...Object.values(clipped.grads)]) t.dispose();
      if (!Number.isFinite(loss)) {
        throw new NexFitraError({
          code: 'BAD_DATA',
          fn: FN,
          path: ['loss', step],
          value: loss,
          allowed: 'a finite loss (lower hyper.lr or raise clipping; the last checkpoint is kept)',
        });
      }
      losses.push(loss);
      tokens += b.inputTokens;
      step++;
      let valLoss: number | undefined;
      if (valBatches.length > 0 && (step % hyper.evalEvery === 0 || step === hyper.steps)) {
        valLoss = evaluate(model, valBatches);
        valLosses.push({ step, loss: valLoss });
      }
      const elapsed = (performance.now() - t0) / 1000;
      const tps = tokens / Math.max(elapsed, 1e-9);
      await appendFile(
        join(runDir, 'loss.csv'),
        `${step},${lr},${loss},${valLoss ?? ''},${clipped.norm},${tps.toFixed(1)},${elapsed.toFixed(2)}\n`,
      );
      options.onProgress?.({
        step,
        steps: hyper.steps,
        loss,
        ...(valLoss !== undefined ? { valLoss } : {}),
        lr,
        gradNorm: clipped.norm,
        tokensPerSecond: tps,
        etaSeconds: ((hyper.steps - step) * elapsed) / Math.max(1, step - start),
      });
      const due =
        (options.checkpointEvery !== undefined && step % options.checkpointEvery === 0) ||
        (options.checkpointEveryMs !== undefined &&
          performance.now() - lastSave >= options.checkpointEveryMs);
      if (due && step < end) await save();
      if (options.maxMs !== undefined && performance.now() - t0 >= options.maxMs) break;
    }
    await save();
  } finally {
    opt.dispose();
    model.dispose();
  }
  const ms = performance.now() - t0;
  return { step, losses, valLosses, tokensPerSecond: tokens / (ms / 1000), ms, resumedFrom: start };
}
