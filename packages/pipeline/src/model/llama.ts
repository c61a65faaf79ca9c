import { NexFitraError } from '@nexfitra/core';
import * as tf from '@tensorflow/tfjs';
import { embed, MASKED_SCORE, matMul, swapLastTwo } from './_ops';
import type { ForwardOptions, ForwardResult, LayerKv, WeightAdapter } from './gpt2';
import type { LlamaConfig } from './llamaConfig';
import { checkLlamaWeights, llamaWeightShapes } from './llamaWeights';
import type { HostTensor } from './weights';

let instances = 0;

/**
 * RMSNorm (Zhang & Sennrich 2019, "Root Mean Square Layer Normalization"), as HF LlamaRMSNorm:
 * w · x / √(mean(x²) + ε).
 */
function rmsNorm(x: tf.Tensor, w: tf.Tensor, eps: number): tf.Tensor {
  return x.mul(tf.rsqrt(tf.mean(x.mul(x), -1, true).add(eps))).mul(w);
}

/**
 * Rotary tables (Su et al. 2021, "RoFormer", §3.4.2) in HF's layout: for position p and
 * j < d/2, θⱼ = base^(−2j/d), angle p·θⱼ, and the table repeats the d/2 angles twice
 * (`cat(freqs, freqs)`), to pair with `rotateHalf`. Float32 steps as HF computes them.
 */
export function rotaryTables(
  positions: ArrayLike<number>,
  headDim: number,
  theta: number,
): { cos: Float32Array; sin: Float32Array } {
  const half = headDim / 2;
  const inv = Float32Array.from({ length: half }, (_, j) =>
    Math.fround(1 / Math.fround(theta ** Math.fround((2 * j) / headDim))),
  );
  const cos = new Float32Array(positions.length * headDim);
  const sin = new Float32Array(positions.length * headDim);
  for (let i = 0; i < positions.length; i++) {
    for (let j = 0; j < half; j++) {
      const a = Math.fround(positions[i]! * inv[j]!);
      cos[i * headDim + j] = cos[i * headDim + half + j] = Math.cos(a);
      sin[i * headDim + j] = sin[i * headDim + half + j] = Math.sin(a);
    }
  }
  return { cos, sin };
}

/** HF `rotate_half`: [x₁, x₂] → [−x₂, x₁] over the last axis. */
function rotateHalf(x: tf.Tensor): tf.Tensor {
  const [x1, x2] = tf.split(x, 2, -1) as [tf.Tensor, tf.Tensor];
  return tf.concat([x2.neg(), x1], -1);
}

/**
 * A llama decoder (Touvron et al. 2023, "LLaMA"; HF `modeling_llama.py`): RMSNorm pre-norm
 * blocks, rotary positions, grouped key/value heads (Ainslie et al. 2023, "GQA"), SwiGLU MLP
 * (Shazeer 2020) `down(silu(gate(x)) ⊙ up(x))`, an untied or tied LM head. The KV cache keeps
 * `num_key_value_heads` heads (the ONNX layout). Same forward contract as {@link Gpt2Model}.
 */
export class LlamaModel {
  readonly config: LlamaConfig;
  readonly variables: ReadonlyMap<string, tf.Variable>;
  private adapter: WeightAdapter | undefined;

  private constructor(config: LlamaConfig, variables: Map<string, tf.Variable>) {
    this.config = config;
    this.variables = variables;
  }

  /** @throws NexFitraError naming a missing, misshapen or non-finite tensor. */
  static fromWeights(config: LlamaConfig, weights: ReadonlyMap<string, HostTensor>): LlamaModel {
    checkLlamaWeights(config, weights, 'LlamaModel.fromWeights');
    const vars = new Map<string, tf.Variable>();
    const scope = `llama_${++instances}`;
    for (const [name, shape] of llamaWeightShapes(config)) {
      const init = tf.tensor(weights.get(name)!.data, shape, 'float32');
      vars.set(name, tf.variable(init, true, `${scope}/${name}`));
      init.dispose();
    }
    return new LlamaModel(config, vars);
  }

  getWeights(): Map<string, HostTensor> {
    const out = new Map<string, HostTensor>();
    for (const [n, v] of this.variables)
      out.set(n, { shape: [...v.shape], data: new Float32Array(v.dataSync()) });
    return out;
  }

  trainableVariables(): tf.Variable[] {
    return [...this.variables.values()];
  }

  /** See `Gpt2Model.setWeightAdapter` (LoRA). */
  setWeightAdapter(adapter: WeightAdapter | undefined): void {
    this.adapter = adapter;
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
  }

  private w(name: string): tf.Tensor {
    const v = this.variables.get(name)!;
    return this.adapter?.(name, v) ?? v;
  }

  /** y = x · Wᵀ for an nn.Linear weight `[out, in]`. */
  private linear(x: tf.Tensor, name: string): tf.Tensor {
    return matMul(x, tf.transpose(this.w(name)));
  }

  forward(inputIds: tf.Tensor2D, opts: ForwardOptions = {}): ForwardResult {
    const c = this.config;
    const fn = 'LlamaModel.forward';
    const [batch, seq] = inputIds.shape;
    const pastLen = opts.past?.[0]?.key.shape[2] ?? 0;
    const total = pastLen + seq;
    if (opts.past && opts.past.length !== c.num_hidden_layers) {
      throw new NexFitraError({
        code: 'INCONSISTENT',
        fn,
        path: ['past'],
        value: opts.past.length,
        allowed: `one entry per layer (${c.num_hidden_layers})`,
      });
    }
    if (total > c.max_position_embeddings) {
      throw new NexFitraError({
        code: 'OUT_OF_RANGE',
        fn,
        path: ['inputIds', 'length'],
        value: total,
        allowed: `past + new tokens ≤ max_position_embeddings = ${c.max_position_embeddings}`,
      });
    }
    const h = c.num_attention_heads;
    const kvh = c.num_key_value_heads;
    const hd = c.head_dim;
    const rep = h / kvh;
    const pos = opts.positionIds
      ? (opts.positionIds.dataSync() as Int32Array)
      : Int32Array.from({ length: batch * seq }, (_, i) => pastLen + (i % seq));
    const { cos: cosH, sin: sinH } = rotaryTables(pos, hd, c.rope_theta);
    const present: LayerKv[] = [];
    const logits = tf.tidy(() => {
      const cos = tf.tensor4d(cosH, [batch, seq, 1, hd]).transpose([0, 2, 1, 3]);
      const sin = tf.tensor4d(sinH, [batch, seq, 1, hd]).transpose([0, 2, 1, 3]);
      const rope = (t: tf.Tensor) => t.mul(cos).add(rotateHalf(t).mul(sin));
      let x = embed(inputIds, this.w('embed_tokens.weight')); // [B·S, D]
      const causal = new Uint8Array(seq * total);
      for (let i = 0; i < seq; i++) for (let j = 0; j <= pastLen + i; j++) causal[i * total + j] = 1;
      let allowed = tf.tensor(causal, [1, 1, seq, total], 'bool');
      if (opts.attentionMask)
        allowed = tf.logicalAnd(allowed, opts.attentionMask.reshape([batch, 1, 1, total]).toBool());
      allowed = tf.broadcastTo(allowed, [batch, h, seq, total]);
      const masked = tf.fill([batch, h, seq, total], MASKED_SCORE);
      const scale = 1 / Math.sqrt(hd);
      const heads = (t: tf.Tensor, n: number) => t.reshape([batch, seq, n, hd]).transpose([0, 2, 1, 3]);
      // repeat_kv: kv head j serves query heads j·rep … (j+1)·rep − 1.
      const repeat = (t: tf.Tensor) => {
        if (rep === 1) return t;
        const len = t.shape[2]!;
        // Rank-4 tile: TF.js has no tile gradient above rank 4, and tf.gather none on wasm.
        return tf.tile(t.reshape([batch, kvh, 1, len * hd]), [1, 1, rep, 1]).reshape([batch, h, len, hd]);
      };
      for (let i = 0; i < c.num_hidden_layers; i++) {
        const p = `layers.${i}.`;
        const a = rmsNorm(x, this.w(`${p}input_layernorm.weight`), c.rms_norm_eps);
        const q = rope(heads(this.linear(a, `${p}self_attn.q_proj.weight`), h));
        const k = rope(heads(this.linear(a, `${p}self_attn.k_proj.weight`), kvh));
        const v = heads(this.linear(a, `${p}self_attn.v_proj.weight`), kvh);
        const past = opts.past?.[i];
        const kAll = (past ? tf.concat([past.key, k], 2) : k) as tf.Tensor4D;
        const vAll = (past ? tf.concat([past.value, v], 2) : v) as tf.Tensor4D;
        if (opts.cache !== false) present.push({ key: tf.keep(kAll), value: tf.keep(vAll) });
        const scores = matMul(q, swapLastTwo(repeat(kAll))).mul(scale);
        const probs = tf.softmax(tf.where(allowed, scores, masked));
        const ctx = matMul(probs, repeat(vAll))
          .transpose([0, 2, 1, 3])
          .reshape([batch * seq, h * hd]);
        x = x.add(this.linear(ctx, `${p}self_attn.o_proj.weight`));
        const m = rmsNorm(x, this.w(`${p}post_attention_layernorm.weight`), c.rms_norm_eps);
        const gate = this.linear(m, `${p}mlp.gate_proj.weight`);
        const up = this.linear(m, `${p}mlp.up_proj.weight`);
        x = x.add(this.linear(gate.mul(tf.sigmoid(gate)).mul(up), `${p}mlp.down_proj.weight`));
      }
      const out = rmsNorm(x, this.w('norm.weight'), c.rms_norm_eps);
      const head = c.tie_word_embeddings ? 'embed_tokens.weight' : 'lm_head.weight';
      return this.linear(out, head).reshape([batch, seq, c.vocab_size]) as tf.Tensor3D;
    });
    return { logits, present };
  }
}
