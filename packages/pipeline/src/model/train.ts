import { NexFitraError } from '@nexfitra/core';
import * as tf from '@tensorflow/tfjs';
import type { Gpt2Model } from './gpt2';

/**
 * Mean next-token cross-entropy (nats) of `model` on `tokens` `[batch, seq + 1]`: position t
 * predicts token t + 1. `lossMask` `[batch, seq]` (1 = count) excludes padding or prompt tokens.
 */
export function languageModelLoss(model: Gpt2Model, tokens: tf.Tensor2D, lossMask?: tf.Tensor2D): tf.Scalar {
  const [batch, len] = tokens.shape;
  if (len < 2) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: 'languageModelLoss',
      path: ['tokens', 'shape', 1],
      value: len,
      allowed: 'at least 2 tokens per row (inputs and their next tokens)',
    });
  }
  return tf.tidy(() => {
    const inputs = tokens.slice([0, 0], [batch, len - 1]);
    const targets = tokens
      .slice([0, 1], [batch, len - 1])
      .reshape([-1])
      .toInt();
    const { logits } = model.forward(inputs, { cache: false });
    const logp = tf.logSoftmax(logits.reshape([batch * (len - 1), model.config.vocab_size]));
    const nll = tf.neg(tf.sum(logp.mul(tf.oneHot(targets, model.config.vocab_size)), 1));
    if (!lossMask) return tf.mean(nll) as tf.Scalar;
    const m = lossMask.reshape([-1]).toFloat();
    return tf.div(tf.sum(nll.mul(m)), tf.maximum(tf.sum(m), 1)) as tf.Scalar;
  });
}

/**
 * One optimisation step on a batch; returns the loss before the update.
 * @example const opt = tf.train.adam(1e-3); const loss = trainStep(model, opt, batch);
 */
export function trainStep(
  model: Gpt2Model,
  optimizer: tf.Optimizer,
  tokens: tf.Tensor2D,
  lossMask?: tf.Tensor2D,
): number {
  const loss = optimizer.minimize(
    () => languageModelLoss(model, tokens, lossMask),
    true,
    model.trainableVariables(),
  );
  const value = loss!.dataSync()[0]!;
  loss!.dispose();
  return value;
}
