import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import * as tf from '@tensorflow/tfjs';
import { type Gpt2Checkpoint, writeGpt2Checkpoint } from '../checkpoint/hf';
import { type LlamaCheckpoint, writeLlamaCheckpoint } from '../checkpoint/llama';
import { checkGpt2Config, type Gpt2Config } from '../model/config';
import { Gpt2Model } from '../model/gpt2';
import { LlamaModel } from '../model/llama';
import { checkLlamaConfig, type LlamaConfig } from '../model/llamaConfig';
import { llamaWeightShapes } from '../model/llamaWeights';
import { languageModelLoss } from '../model/train';
import { gpt2WeightShapes, type HostTensor } from '../model/weights';
import { AdamW, type AdamWOptions, clipByGlobalNorm, DEFAULT_ADAMW } from '../train/adamw';
import { batchIndices, type HostBatch, padBatch, type TokenizedExample } from '../train/examples';
import { lrAt } from '../train/schedule';
import { PEFT_PREFIX_GPT2, PEFT_PREFIX_LLAMA, writeLoraAdapter } from './adapterFile';
import { EarlyStopping } from './earlyStopping';
import {
  DEFAULT_LORA_TARGETS_LLAMA,
  LoraAdapter,
  type LoraOptions,
  loraSpec,
  loraTargets,
  mergeLora,
} from './lora';

const FN = 'finetuneModel';

export type FinetuneMethod = 'full' | 'lora';

export interface FinetuneHyper {
  readonly seed: number;
  /** Most optimizer steps (early stopping may end sooner). */
  readonly steps: number;
  readonly batchSize: number;
  readonly lr: number;
  readonly minLr: number;
  readonly warmupSteps: number;
  readonly clipNorm: number;
  readonly adamw: AdamWOptions;
  /** Validate every this many steps (and at the start and the end). */
  readonly evalEvery: number;
  /** Validation batches per evaluation; 0 = the whole val set. */
  readonly evalBatches: number;
  /** Stop after this many evaluations in a row without a new best val loss. */
  readonly patience: number;
  /** An improvement must beat the best by more than this (nats). */
  readonly minDelta: number;
}

/**
 * Defaults per method. Both learn 10× (full) or 3× (LoRA) slower than pre-training's 3e-3
 * (`DEFAULT_HYPER`): fine-tuning moves a trained model a little, it does not retrain it. LoRA
 * takes no weight decay (peft's practice: decaying A and B pulls the update towards zero).
 */
export const FINETUNE_DEFAULTS: Readonly<Record<FinetuneMethod, Omit<FinetuneHyper, 'seed' | 'steps'>>> = {
  full: {
    batchSize: 8,
    lr: 3e-4,
    minLr: 3e-5,
    warmupSteps: 10,
    clipNorm: 1,
    adamw: DEFAULT_ADAMW,
    evalEvery: 25,
    evalBatches: 4,
    patience: 3,
    minDelta: 0,
  },
  lora: {
    batchSize: 8,
    lr: 1e-3,
    minLr: 1e-4,
    warmupSteps: 10,
    clipNorm: 1,
    adamw: { ...DEFAULT_ADAMW, weightDecay: 0 },
    evalEvery: 25,
    evalBatches: 4,
    patience: 3,
    minDelta: 0,
  },
};

export interface FinetuneOptions {
  /** The model to start from (`readGpt2Checkpoint`). */
  readonly base: Gpt2Checkpoint | LlamaCheckpoint;
  readonly method: FinetuneMethod;
  /** LoRA rank, alpha and target modules (method `lora`). */
  readonly lora?: LoraOptions;
  readonly hyper: FinetuneHyper;
  readonly train: readonly TokenizedExample[];
  readonly val: readonly TokenizedExample[];
  /** Writes `checkpoint/` (merged weights), `adapter/` (LoRA, peft layout), `loss.csv`, `finetune.json`. */
  readonly outDir: string;
  readonly onProgress?: (p: {
    step: number;
    steps: number;
    loss: number;
    valLoss?: number;
    lr: number;
  }) => void;
}

export interface FinetuneResult {
  /** Steps run (≤ hyper.steps). */
  readonly step: number;
  readonly stoppedEarly: boolean;
  /** Step of the best validation loss (0 = the base model itself); its weights are written. */
  readonly bestStep: number;
  readonly bestValLoss: number;
  readonly baseValLoss: number;
  readonly losses: readonly number[];
  readonly valLosses: readonly { step: number; loss: number }[];
  readonly trainableParameters: number;
  readonly totalParameters: number;
  readonly tokensPerSecond: number;
  readonly ms: number;
}

type AnyModel = Gpt2Model | LlamaModel;

/** languageModelLoss reads only `forward` and `config.vocab_size`, which both families have. */
const lossOf = (model: AnyModel, tokens: tf.Tensor2D, mask: tf.Tensor2D) =>
  languageModelLoss(model as Gpt2Model, tokens, mask);

function isLlama(c: Gpt2Config | LlamaConfig): c is LlamaConfig {
  return (c as { model_type?: string }).model_type === 'llama';
}

function evaluate(model: AnyModel, batches: readonly HostBatch[]): number {
  let sum = 0;
  let weight = 0;
  for (const b of batches) {
    const w = b.mask.reduce((a, x) => a + x, 0);
    if (w === 0) continue;
    sum +=
      w *
      tf.tidy(
        () =>
          lossOf(
            model,
            tf.tensor2d(b.tokens, [b.batch, b.length], 'int32'),
            tf.tensor2d(b.mask, [b.batch, b.length - 1], 'float32'),
          ).dataSync()[0]!,
      );
    weight += w;
  }
  return sum / weight;
}

function hostCopy(vars: ReadonlyMap<string, tf.Variable>): Map<string, HostTensor> {
  const out = new Map<string, HostTensor>();
  for (const [n, v] of vars) out.set(n, { shape: [...v.shape], data: new Float32Array(v.dataSync()) });
  return out;
}

/**
 * Fine-tunes a GPT-2 or llama checkpoint on new examples: every weight (`full`) or LoRA factors on frozen
 * weights (`lora`), AdamW with warm-up + cosine, clipping, the loss masked to the plan and
 * weighted by each row's weight (`padBatch`). Validates at step 0 (the base) and every
 * `evalEvery` steps; stops early after `patience` evaluations without improvement and keeps the
 * best evaluation's weights (the base itself when nothing helped). LoRA is merged into the
 * written checkpoint (W + (α/r)·B·A, ready to export) and also kept as a peft adapter folder.
 *
 * @throws NexFitraError for too few train rows, no val rows, or rows longer than the model
 */
export async function finetuneModel(options: FinetuneOptions): Promise<FinetuneResult> {
  const { hyper, outDir, method } = options;
  const llama = isLlama(options.base.config);
  const config = llama ? checkLlamaConfig(options.base.config, FN) : checkGpt2Config(options.base.config, FN);
  const maxPositions = isLlama(config) ? config.max_position_embeddings : config.n_positions;
  if (options.train.length < hyper.batchSize) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: ['train', 'length'],
      value: options.train.length,
      allowed: `at least batchSize = ${hyper.batchSize} examples`,
    });
  }
  if (options.val.length === 0) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: ['val', 'length'],
      value: 0,
      allowed: 'at least 1 validation example (early stopping needs a validation loss)',
    });
  }
  const longest = Math.max(
    ...options.train.map((e) => e.ids.length),
    ...options.val.map((e) => e.ids.length),
  );
  if (longest > maxPositions + 1) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: ['train', 'ids', 'length'],
      value: longest,
      allowed: `examples of at most ${maxPositions + 1} tokens (the model's positions + 1)`,
    });
  }
  const model: AnyModel = isLlama(config)
    ? LlamaModel.fromWeights(config, options.base.weights)
    : Gpt2Model.fromWeights(config, options.base.weights);
  let lora: LoraAdapter | undefined;
  let params: ReadonlyMap<string, tf.Variable> = model.variables;
  if (method === 'lora') {
    const spec = loraSpec({
      ...(isLlama(config) ? { targetModules: DEFAULT_LORA_TARGETS_LLAMA } : {}),
      ...options.lora,
    });
    const targets = isLlama(config)
      ? loraTargets(llamaWeightShapes(config), spec.targetModules, 'out_in')
      : loraTargets(gpt2WeightShapes(config), spec.targetModules, 'in_out');
    lora = new LoraAdapter(spec, targets, options.lora?.seed ?? hyper.seed);
    model.setWeightAdapter(lora.adapter());
    params = lora.variables;
  }
  const opt = new AdamW(params, hyper.adamw);
  const varList = [...params.values()];
  const names = [...params.keys()];
  const totalParameters = [...model.variables.values()].reduce((n, v) => n + v.size, 0);
  const trainableParameters = varList.reduce((n, v) => n + v.size, 0);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'loss.csv'), 'step,lr,loss,val_loss\n');
  const valBatches: HostBatch[] = [];
  const nVal = hyper.evalBatches === 0 ? Math.ceil(options.val.length / hyper.batchSize) : hyper.evalBatches;
  for (let i = 0; i < nVal && i * hyper.batchSize < options.val.length; i++) {
    valBatches.push(padBatch(options.val.slice(i * hyper.batchSize, (i + 1) * hyper.batchSize)));
  }
  const stopper = new EarlyStopping(hyper.patience, hyper.minDelta);
  const baseValLoss = evaluate(model, valBatches);
  stopper.update(0, baseValLoss);
  let best = hostCopy(params);
  const schedule = {
    peak: hyper.lr,
    min: hyper.minLr,
    warmupSteps: hyper.warmupSteps,
    totalSteps: hyper.steps,
  };
  const losses: number[] = [];
  const valLosses = [{ step: 0, loss: baseValLoss }];
  await appendFile(join(outDir, 'loss.csv'), `0,0,,${baseValLoss}\n`);
  const t0 = performance.now();
  let tokens = 0;
  let step = 0;
  let stoppedEarly = false;
  try {
    while (step < hyper.steps) {
      const b = padBatch(
        batchIndices(step, hyper.batchSize, options.train.length, hyper.seed).map((i) => options.train[i]!),
      );
      const lr = lrAt(step, schedule);
      const tokensT = tf.tensor2d(b.tokens, [b.batch, b.length], 'int32');
      const maskT = tf.tensor2d(b.mask, [b.batch, b.length - 1], 'float32');
      const { value, grads } = tf.variableGrads(() => lossOf(model, tokensT, maskT), varList);
      const byName: Record<string, tf.Tensor> = {};
      varList.forEach((v, i) => {
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
          allowed: 'a finite loss (lower hyper.lr)',
        });
      }
      losses.push(loss);
      tokens += b.inputTokens;
      step++;
      let valLoss: number | undefined;
      if (step % hyper.evalEvery === 0 || step === hyper.steps) {
        valLoss = evaluate(model, valBatches);
        valLosses.push({ step, loss: valLoss });
        const { improved, stop } = stopper.update(step, valLoss);
        if (improved) best = hostCopy(params);
        stoppedEarly = stop && step < hyper.steps;
      }
      await appendFile(join(outDir, 'loss.csv'), `${step},${lr},${loss},${valLoss ?? ''}\n`);
      options.onProgress?.({
        step,
        steps: hyper.steps,
        loss,
        ...(valLoss !== undefined ? { valLoss } : {}),
        lr,
      });
      if (stoppedEarly) break;
    }
    // Write the best evaluation's weights.
    const baseWeights = lora ? options.base.weights : best;
    const weights = lora ? mergeLora(baseWeights, lora.spec, lora.targets, best) : best;
    if (isLlama(config)) await writeLlamaCheckpoint(join(outDir, 'checkpoint'), { config, weights });
    else await writeGpt2Checkpoint(join(outDir, 'checkpoint'), { config, weights });
    if (lora) {
      await writeLoraAdapter(
        join(outDir, 'adapter'),
        lora.spec,
        best,
        llama
          ? { prefix: PEFT_PREFIX_LLAMA, fanInFanOut: false }
          : { prefix: PEFT_PREFIX_GPT2, fanInFanOut: true },
      );
    }
  } finally {
    opt.dispose();
    lora?.dispose();
    model.dispose();
  }
  const ms = performance.now() - t0;
  const result: FinetuneResult = {
    step,
    stoppedEarly,
    bestStep: stopper.bestStep,
    bestValLoss: stopper.best,
    baseValLoss,
    losses,
    valLosses,
    trainableParameters,
    totalParameters,
    tokensPerSecond: tokens / Math.max(ms / 1000, 1e-9),
    ms,
  };
  await writeFile(
    join(outDir, 'finetune.json'),
    `${JSON.stringify({ method, lora: lora ? lora.spec : null, hyper, ...result, losses: undefined }, null, 2)}\n`,
  );
  return result;
}
