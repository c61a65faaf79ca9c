import { NexFitraError } from '@nexfitra/core';
import * as tf from '@tensorflow/tfjs';
import { disposeKv, type Gpt2Model, type LayerKv } from './gpt2';

export interface GreedyOptions {
  readonly maxNewTokens: number;
  /** Stop after emitting this token (it is included in the output). */
  readonly eosTokenId?: number;
}

/**
 * Greedy decoding with the KV cache: one prefill pass over `prompt`, then one token per step.
 * Returns only the new tokens. Ties go to the lowest id (argmax), as in HF and transformers.js.
 */
export function greedyGenerate(model: Gpt2Model, prompt: readonly number[], opts: GreedyOptions): number[] {
  const max = opts.maxNewTokens;
  if (
    !Number.isInteger(max) ||
    max < 0 ||
    prompt.length + max > model.config.n_positions ||
    prompt.length < 1
  ) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: 'greedyGenerate',
      path: ['maxNewTokens'],
      value: max,
      allowed: `an integer ≥ 0 with 1 ≤ prompt length and prompt + new ≤ n_positions = ${model.config.n_positions}`,
    });
  }
  const out: number[] = [];
  let past: LayerKv[] | undefined;
  let next = [...prompt];
  for (let step = 0; step < max; step++) {
    const ids = tf.tensor2d([next], [1, next.length], 'int32');
    const { logits, present } = model.forward(ids, past ? { past } : {});
    const last = tf.tidy(() =>
      logits
        .slice([0, next.length - 1, 0], [1, 1, -1])
        .reshape([-1])
        .argMax(),
    );
    const token = last.dataSync()[0]!;
    for (const t of [ids, logits, last]) t.dispose();
    if (past) disposeKv(past);
    past = present;
    out.push(token);
    if (token === opts.eosTokenId) break;
    next = [token];
  }
  if (past) disposeKv(past);
  return out;
}
