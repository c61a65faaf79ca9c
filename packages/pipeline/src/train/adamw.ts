import { NexFitraError } from '@nexfitra/core';
import * as tf from '@tensorflow/tfjs';
import type { HostTensor } from '../model/weights';

export interface AdamWOptions {
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  /** Decoupled weight decay, applied to parameters of rank ≥ 2 only (not biases or norms). */
  readonly weightDecay: number;
}

export const DEFAULT_ADAMW: AdamWOptions = { beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1 };

/**
 * AdamW (Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization", Algorithm 2), in the
 * form of PyTorch's `torch.optim.AdamW`: p ← p·(1 − lr·λ), then p ← p − lr·m̂/(√v̂ + ε) with
 * m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ). The moments are tensors here and host arrays in a checkpoint,
 * so a resumed run continues exactly.
 */
export class AdamW {
  readonly options: AdamWOptions;
  /** Steps taken (t in the bias corrections). */
  t = 0;
  private readonly m = new Map<string, tf.Variable>();
  private readonly v = new Map<string, tf.Variable>();

  constructor(
    private readonly params: ReadonlyMap<string, tf.Variable>,
    options: AdamWOptions = DEFAULT_ADAMW,
  ) {
    this.options = options;
    for (const [name, p] of params) {
      this.m.set(name, tf.variable(tf.zerosLike(p), false));
      this.v.set(name, tf.variable(tf.zerosLike(p), false));
    }
  }

  /** One update with `grads` (by parameter name) at learning rate `lr`. */
  step(grads: Readonly<Record<string, tf.Tensor>>, lr: number): void {
    const { beta1, beta2, eps, weightDecay } = this.options;
    this.t++;
    const c1 = 1 - beta1 ** this.t;
    const c2 = 1 - beta2 ** this.t;
    tf.tidy(() => {
      for (const [name, p] of this.params) {
        const g = grads[name];
        if (!g) continue;
        const m = this.m.get(name)!;
        const v = this.v.get(name)!;
        const m1 = m.mul(beta1).add(g.mul(1 - beta1));
        const v1 = v.mul(beta2).add(g.mul(g).mul(1 - beta2));
        m.assign(m1);
        v.assign(v1);
        const decayed = p.rank >= 2 && weightDecay > 0 ? p.mul(1 - lr * weightDecay) : p;
        const update = m1.div(c1).div(v1.div(c2).sqrt().add(eps)).mul(lr);
        p.assign(decayed.sub(update));
      }
    });
  }

  /** The moments as host tensors, `m.<name>` and `v.<name>`. */
  getState(): Map<string, HostTensor> {
    const out = new Map<string, HostTensor>();
    for (const [prefix, map] of [['m', this.m] as const, ['v', this.v] as const]) {
      for (const [name, t] of map) {
        out.set(`${prefix}.${name}`, {
          shape: [...t.shape],
          data: new Float32Array(t.dataSync() as Float32Array),
        });
      }
    }
    return out;
  }

  /** Restores moments saved by {@link getState} and the step count. */
  setState(state: ReadonlyMap<string, HostTensor>, t: number): void {
    for (const [prefix, map] of [['m', this.m] as const, ['v', this.v] as const]) {
      for (const [name, variable] of map) {
        const s = state.get(`${prefix}.${name}`);
        if (!s || s.data.length !== variable.size) {
          throw new NexFitraError({
            code: 'BAD_DATA',
            fn: 'AdamW.setState',
            path: [`${prefix}.${name}`],
            value: s ? s.shape : undefined,
            allowed: `a tensor of shape [${variable.shape.join(', ')}] (the optimizer state of this model)`,
          });
        }
        variable.assign(tf.tensor(s.data, [...s.shape], 'float32'));
      }
    }
    this.t = t;
  }

  dispose(): void {
    for (const t of [...this.m.values(), ...this.v.values()]) t.dispose();
  }
}

/**
 * Scales `grads` so that their global L2 norm is at most `maxNorm` (Pascanu et al. 2013, "On the
 * difficulty of training recurrent neural networks", §3.2); returns the norm before clipping.
 * The returned tensors replace the inputs (which are disposed).
 */
export function clipByGlobalNorm(
  grads: Record<string, tf.Tensor>,
  maxNorm: number,
): { grads: Record<string, tf.Tensor>; norm: number } {
  const norm = tf.tidy(
    () => tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(g.mul(g))))).dataSync()[0]!,
  );
  if (!(norm > maxNorm)) return { grads, norm };
  const scale = maxNorm / (norm + 1e-6);
  const out: Record<string, tf.Tensor> = {};
  for (const [k, g] of Object.entries(grads)) {
    out[k] = g.mul(scale);
    g.dispose();
  }
  return { grads: out, norm };
}
