import { NexFitraError } from '@nexfitra/core';
import type { LlamaConfig } from './llamaConfig';
import type { HostTensor, InitOptions } from './weights';

/**
 * Every parameter of a llama model with its shape, named as HF's `LlamaForCausalLM` state dict
 * without the `model.` prefix (`layers.0.self_attn.q_proj.weight`; `lm_head.weight` unless tied).
 * Linear weights are nn.Linear `[out, in]`, so `y = x · Wᵀ`.
 */
export function llamaWeightShapes(c: LlamaConfig): [name: string, shape: number[]][] {
  const d = c.hidden_size;
  const q = c.num_attention_heads * c.head_dim;
  const kv = c.num_key_value_heads * c.head_dim;
  const out: [string, number[]][] = [['embed_tokens.weight', [c.vocab_size, d]]];
  for (let i = 0; i < c.num_hidden_layers; i++) {
    const p = `layers.${i}.`;
    out.push(
      [`${p}input_layernorm.weight`, [d]],
      [`${p}self_attn.q_proj.weight`, [q, d]],
      [`${p}self_attn.k_proj.weight`, [kv, d]],
      [`${p}self_attn.v_proj.weight`, [kv, d]],
      [`${p}self_attn.o_proj.weight`, [d, q]],
      [`${p}post_attention_layernorm.weight`, [d]],
      [`${p}mlp.gate_proj.weight`, [c.intermediate_size, d]],
      [`${p}mlp.up_proj.weight`, [c.intermediate_size, d]],
      [`${p}mlp.down_proj.weight`, [d, c.intermediate_size]],
    );
  }
  out.push(['norm.weight', [d]]);
  if (!c.tie_word_embeddings) out.push(['lm_head.weight', [c.vocab_size, d]]);
  return out;
}

/**
 * Checks that `weights` holds exactly the tensors of `config`, with their shapes and finite values.
 * @throws NexFitraError (`BAD_DATA`) naming the missing, misshapen, non-finite or unexpected tensor.
 */
export function checkLlamaWeights(
  config: LlamaConfig,
  weights: ReadonlyMap<string, HostTensor>,
  fn = 'checkLlamaWeights',
): void {
  const expected = llamaWeightShapes(config);
  const names = new Set(expected.map(([n]) => n));
  for (const [name, shape] of expected) {
    const t = weights.get(name);
    const size = shape.reduce((a, b) => a * b, 1);
    if (!t) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: ['weights', name],
        value: undefined,
        allowed: `a tensor of shape [${shape.join(', ')}]`,
      });
    }
    if (t.shape.length !== shape.length || t.shape.some((s, i) => s !== shape[i]) || t.data.length !== size) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: ['weights', name, 'shape'],
        value: [...t.shape],
        allowed: `shape [${shape.join(', ')}] with ${size} float32 values`,
      });
    }
    const i = t.data.findIndex((v) => !Number.isFinite(v));
    if (i >= 0) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: ['weights', name, i],
        value: t.data[i],
        allowed: 'finite float32 values',
      });
    }
  }
  for (const name of weights.keys()) {
    if (!names.has(name)) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: ['weights', name],
        value: name,
        allowed: `only the tensors of this llama config (${expected.length})`,
      });
    }
  }
}

/** mulberry32 (public-domain 32-bit generator), uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Fresh llama weights: N(0, std²) matrices (Irwin–Hall normals, platform-independent bytes),
 * unit RMSNorm gains (or 1 + 0.1·N(0, 1) with `randomizeAll`).
 */
export function initLlamaWeights(config: LlamaConfig, opts: InitOptions): Map<string, HostTensor> {
  const rand = mulberry32(opts.seed);
  const std = opts.std ?? 0.02;
  const normal = () => {
    let s = 0;
    for (let k = 0; k < 12; k++) s += rand();
    return s - 6;
  };
  const out = new Map<string, HostTensor>();
  for (const [name, shape] of llamaWeightShapes(config)) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) {
      data[i] = shape.length === 2 ? std * normal() : opts.randomizeAll ? 1 + 0.1 * normal() : 1;
    }
    out.set(name, { shape, data });
  }
  return out;
}
