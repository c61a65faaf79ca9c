import * as tf from '@tensorflow/tfjs';

/** @internal The most negative float32, HF's `torch.finfo(float32).min`, used as the masked score. */
export const MASKED_SCORE = -3.4028234663852886e38;

function swapLastTwo(t: tf.Tensor): tf.Tensor {
  const r = t.rank;
  const perm = [...Array(r).keys()];
  perm[r - 2] = r - 1;
  perm[r - 1] = r - 2;
  return tf.transpose(t, perm);
}

/**
 * @internal `a · b` (same-rank, batch dims equal) whose gradient uses explicit transposes: on the
 * wasm backend a matMul with transposeA/B set is 5–10× slower than transpose + matMul, and the
 * built-in gradient sets those flags (measured here, see docs/recipes.md "TensorFlow.js training").
 */
export const matMul: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor = tf.customGrad(
  // biome-ignore lint/suspicious/noExplicitAny: tf.customGrad's declared signature is variadic
  ((a: tf.Tensor, b: tf.Tensor, save: tf.GradSaveFunc): any => {
    save([a, b]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sa, sb] = saved as [tf.Tensor, tf.Tensor];
        return [tf.matMul(dy, swapLastTwo(sb)), tf.matMul(swapLastTwo(sa), dy)];
      },
    };
  }) as unknown as Parameters<typeof tf.customGrad>[0],
) as unknown as (a: tf.Tensor, b: tf.Tensor) => tf.Tensor;

/** @internal `swapLastTwo` exported for attention's K transpose. */
export { swapLastTwo };

/**
 * @internal Row lookup written as oneHot · table: the wasm backend has no gradient for
 * tf.gather (its UnsortedSegmentSum kernel is missing), while matMul has one.
 */
export function embed(ids: tf.Tensor, table: tf.Tensor): tf.Tensor2D {
  const flat = ids.reshape([-1]).toInt() as tf.Tensor1D;
  return matMul(tf.oneHot(flat, table.shape[0]!).toFloat(), table) as tf.Tensor2D;
}

/**
 * @internal GELU, tanh approximation (HF "gelu_new"; Hendrycks & Gimpel 2016, eq. in §2):
 * 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))). x³ is written x·x·x: tf.pow is slow on wasm.
 */
export function geluNew(x: tf.Tensor): tf.Tensor {
  const c = Math.sqrt(2 / Math.PI);
  const inner = x.add(x.mul(x).mul(x).mul(0.044715)).mul(c);
  return x.mul(0.5).mul(tf.tanh(inner).add(1));
}

/** @internal Layer normalisation over the last axis (biased variance, as torch.nn.LayerNorm). */
export function layerNorm(x: tf.Tensor, gain: tf.Tensor, bias: tf.Tensor, eps: number): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return x
    .sub(mean)
    .mul(tf.rsqrt(variance.add(eps)))
    .mul(gain)
    .add(bias);
}
