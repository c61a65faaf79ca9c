import { NexFitraError } from '@nexfitra/core';
import * as tf from '@tensorflow/tfjs';
import { embed, geluNew, layerNorm, MASKED_SCORE, matMul, swapLastTwo } from './_ops';
import { type Gpt2Config, mlpWidth } from './config';
import { checkGpt2Weights, type Gpt2Weights, gpt2WeightShapes, type HostTensor } from './weights';

let instances = 0;

/** Keys and values of one layer, `[batch, n_head, past_length, head_dim]` (the ONNX layout). */
export interface LayerKv {
  readonly key: tf.Tensor4D;
  readonly value: tf.Tensor4D;
}

export interface ForwardOptions {
  /** `[batch, past + seq]`, 1 = attend, 0 = padding. Default: all ones. */
  readonly attentionMask?: tf.Tensor2D;
  /** `[batch, seq]` positions. Default: past + 0, past + 1, … for every row. */
  readonly positionIds?: tf.Tensor2D;
  /** One entry per layer from a previous call's `present`. */
  readonly past?: readonly LayerKv[];
  /** Return `present` (default true); training passes false so no cache tensors outlive the step. */
  readonly cache?: boolean;
}

/**
 * Maps a parameter (HF name, its variable) to the tensor forward uses instead, or `undefined` to
 * use the variable as is. Called inside forward's `tf.tidy`.
 */
export type WeightAdapter = (name: string, weight: tf.Variable) => tf.Tensor | undefined;

export interface ForwardResult {
  /** `[batch, seq, vocab_size]`. */
  readonly logits: tf.Tensor3D;
  /** Keys/values including this call's tokens, to pass as the next call's `past`. */
  readonly present: LayerKv[];
}

/**
 * A GPT-2 decoder (Radford et al. 2019, "Language Models are Unsupervised Multitask Learners"):
 * learned positional embeddings, pre-LN blocks, causal self-attention, GELU (tanh form), LM head
 * tied to the token embedding. Parameters are `tf.Variable`s named as in HF's GPT2Model, so
 * `getWeights()` maps one-to-one onto a checkpoint.
 */
export class Gpt2Model {
  readonly config: Gpt2Config;
  readonly variables: ReadonlyMap<string, tf.Variable>;

  private constructor(config: Gpt2Config, variables: Map<string, tf.Variable>) {
    this.config = config;
    this.variables = variables;
  }

  /**
   * Builds a model from host weights (checked for names, shapes and finite values).
   * @throws NexFitraError naming a missing, misshapen or non-finite tensor.
   */
  static fromWeights(config: Gpt2Config, weights: Gpt2Weights): Gpt2Model {
    checkGpt2Weights(config, weights, 'Gpt2Model.fromWeights');
    const vars = new Map<string, tf.Variable>();
    // tf.js variable names are global to the engine: give each model instance its own scope.
    const scope = `gpt2_${++instances}`;
    for (const [name, shape] of gpt2WeightShapes(config)) {
      const init = tf.tensor(weights.get(name)!.data, shape, 'float32');
      vars.set(name, tf.variable(init, true, `${scope}/${name}`));
      init.dispose();
    }
    return new Gpt2Model(config, vars);
  }

  /** Copies every parameter to host memory, HF names without the `transformer.` prefix. */
  getWeights(): Map<string, HostTensor> {
    const out = new Map<string, HostTensor>();
    for (const [name, v] of this.variables) {
      out.set(name, { shape: [...v.shape], data: new Float32Array(v.dataSync() as Float32Array) });
    }
    return out;
  }

  /** Trainable variables in checkpoint order (for an optimizer's varList). */
  trainableVariables(): tf.Variable[] {
    return [...this.variables.values()];
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
  }

  private adapter: WeightAdapter | undefined;

  /**
   * Routes every parameter read of {@link forward} through `adapter` (LoRA: W + (α/r)·ΔW), or
   * removes it (`undefined`). The variables themselves are not changed.
   */
  setWeightAdapter(adapter: WeightAdapter | undefined): void {
    this.adapter = adapter;
  }

  private w(name: string): tf.Tensor {
    const v = this.variables.get(name)!;
    return this.adapter?.(name, v) ?? v;
  }

  /**
   * Runs the decoder. Without `past` this is the full (training) pass; with `past` it appends
   * the new tokens to the cache. Callers own (and dispose) the returned tensors.
   */
  forward(inputIds: tf.Tensor2D, opts: ForwardOptions = {}): ForwardResult {
    const c = this.config;
    const [batch, seq] = inputIds.shape;
    const pastLen = opts.past?.[0]?.key.shape[2] ?? 0;
    const total = pastLen + seq;
    if (opts.past && opts.past.length !== c.n_layer) {
      throw new NexFitraError({
        code: 'INCONSISTENT',
        fn: 'Gpt2Model.forward',
        path: ['past'],
        value: opts.past.length,
        allowed: `one entry per layer (${c.n_layer})`,
      });
    }
    if (total > c.n_positions) {
      throw new NexFitraError({
        code: 'OUT_OF_RANGE',
        fn: 'Gpt2Model.forward',
        path: ['inputIds', 'length'],
        value: total,
        allowed: `past + new tokens ≤ n_positions = ${c.n_positions}`,
      });
    }
    const present: LayerKv[] = [];
    const logits = tf.tidy(() => {
      const d = c.n_embd;
      const h = c.n_head;
      const hd = d / h;
      const positions =
        opts.positionIds ?? tf.tile(tf.range(pastLen, total, 1, 'int32').reshape([1, seq]), [batch, 1]);
      let x = embed(inputIds, this.w('wte.weight')).add(embed(positions, this.w('wpe.weight'))); // [B·S, D]

      // allowed[b, 0, i, j]: key j is not padding and j ≤ pastLen + i (causal).
      const causal = new Uint8Array(seq * total);
      for (let i = 0; i < seq; i++) for (let j = 0; j <= pastLen + i; j++) causal[i * total + j] = 1;
      let allowed = tf.tensor(causal, [1, 1, seq, total], 'bool');
      if (opts.attentionMask) {
        allowed = tf.logicalAnd(allowed, opts.attentionMask.reshape([batch, 1, 1, total]).toBool());
      }
      allowed = tf.broadcastTo(allowed, [batch, h, seq, total]);
      const masked = tf.fill([batch, h, seq, total], MASKED_SCORE);
      const scale = 1 / Math.sqrt(hd);

      const heads = (t: tf.Tensor) => t.reshape([batch, seq, h, hd]).transpose([0, 2, 1, 3]) as tf.Tensor4D;
      for (let i = 0; i < c.n_layer; i++) {
        const p = `h.${i}.`;
        const a = layerNorm(x, this.w(`${p}ln_1.weight`), this.w(`${p}ln_1.bias`), c.layer_norm_epsilon);
        const qkv = matMul(a, this.w(`${p}attn.c_attn.weight`)).add(this.w(`${p}attn.c_attn.bias`));
        const [q, k, v] = tf.split(qkv, 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
        const past = opts.past?.[i];
        const kAll: tf.Tensor4D = past ? tf.concat([past.key, heads(k)], 2) : heads(k);
        const vAll: tf.Tensor4D = past ? tf.concat([past.value, heads(v)], 2) : heads(v);
        if (opts.cache !== false) present.push({ key: tf.keep(kAll), value: tf.keep(vAll) });
        const scores = matMul(heads(q), swapLastTwo(kAll)).mul(scale);
        const probs = tf.softmax(tf.where(allowed, scores, masked));
        const ctx = matMul(probs, vAll)
          .transpose([0, 2, 1, 3])
          .reshape([batch * seq, d]);
        x = x.add(matMul(ctx, this.w(`${p}attn.c_proj.weight`)).add(this.w(`${p}attn.c_proj.bias`)));
        const m = layerNorm(x, this.w(`${p}ln_2.weight`), this.w(`${p}ln_2.bias`), c.layer_norm_epsilon);
        const f = geluNew(matMul(m, this.w(`${p}mlp.c_fc.weight`)).add(this.w(`${p}mlp.c_fc.bias`)));
        x = x.add(matMul(f, this.w(`${p}mlp.c_proj.weight`)).add(this.w(`${p}mlp.c_proj.bias`)));
      }
      const out = layerNorm(x, this.w('ln_f.weight'), this.w('ln_f.bias'), c.layer_norm_epsilon);
      // Tied head: logits = h · wteᵀ (explicit transpose, see matMul).
      return matMul(out, tf.transpose(this.w('wte.weight'))).reshape([
        batch,
        seq,
        c.vocab_size,
      ]) as tf.Tensor3D;
    });
    return { logits, present };
  }

  /** Hidden width of the MLP (for callers sizing buffers). */
  get mlpWidth(): number {
    return mlpWidth(this.config);
  }
}

/** Disposes every tensor of a KV cache. */
export function disposeKv(kv: readonly LayerKv[]): void {
  for (const l of kv) {
    l.key.dispose();
    l.value.dispose();
  }
}
