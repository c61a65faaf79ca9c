import { NexFitraError } from '@nexfitra/core';

/**
 * The subset of HF `LlamaConfig` that fixes the shape and arithmetic of a llama decoder (field
 * names as in `config.json`): RMSNorm, rotary positions, SiLU-gated MLP, grouped key/value heads.
 */
export interface LlamaConfig {
  readonly model_type: 'llama';
  readonly vocab_size: number;
  readonly hidden_size: number;
  readonly intermediate_size: number;
  readonly num_hidden_layers: number;
  readonly num_attention_heads: number;
  /** Key/value heads (a divisor of num_attention_heads; fewer = grouped-query attention). */
  readonly num_key_value_heads: number;
  readonly head_dim: number;
  /** Longest sequence the rotary table is built for. */
  readonly max_position_embeddings: number;
  readonly rms_norm_eps: number;
  readonly rope_theta: number;
  readonly tie_word_embeddings: boolean;
  readonly bos_token_id: number;
  readonly eos_token_id: number;
  readonly pad_token_id: number | null;
}

const REQUIRED = [
  'vocab_size',
  'hidden_size',
  'intermediate_size',
  'num_hidden_layers',
  'num_attention_heads',
] as const;

/**
 * Validates a llama `config.json` and returns the fields the model needs. Options this
 * implementation does not compute (another activation, attention/MLP biases, rope scaling) are
 * refused rather than silently ignored.
 *
 * @throws NexFitraError naming the offending `config.<field>`.
 * @example checkLlamaConfig({ model_type: 'llama', vocab_size: 96, hidden_size: 32, intermediate_size: 56, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2 })
 */
export function checkLlamaConfig(raw: unknown, fn = 'checkLlamaConfig'): LlamaConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new NexFitraError({ code: 'INVALID_TYPE', fn, path: ['config'], value: raw, allowed: 'an object' });
  }
  const c = raw as Record<string, unknown>;
  const bad = (key: string, allowed: string): never => {
    throw new NexFitraError({ code: 'INCONSISTENT', fn, path: ['config', key], value: c[key], allowed });
  };
  if (c['model_type'] !== 'llama') bad('model_type', '"llama"');
  const missing = REQUIRED.filter((k) => c[k] === undefined);
  if (missing.length > 0) {
    throw new NexFitraError(
      {
        code: 'INCONSISTENT',
        fn,
        path: ['config', missing[0]!],
        value: undefined,
        allowed: `a llama config with ${REQUIRED.join(', ')}`,
      },
      `${fn}: config lacks ${missing.join(', ')} (a llama config needs ${REQUIRED.join(', ')})`,
    );
  }
  const num = (key: string, min: number, max: number, integer: boolean, fallback?: number): number => {
    const v = c[key] ?? fallback;
    if (
      typeof v !== 'number' ||
      !Number.isFinite(v) ||
      v < min ||
      v > max ||
      (integer && !Number.isInteger(v))
    ) {
      throw new NexFitraError({
        code: typeof v === 'number' ? 'OUT_OF_RANGE' : 'INVALID_TYPE',
        fn,
        path: ['config', key],
        value: v,
        allowed: `${integer ? 'an integer' : 'a finite number'} in [${min}, ${max}]`,
      });
    }
    return v;
  };
  const act = c['hidden_act'];
  if (act !== undefined && act !== 'silu') bad('hidden_act', '"silu"');
  if (c['attention_bias'] === true) bad('attention_bias', 'false');
  if (c['mlp_bias'] === true) bad('mlp_bias', 'false');
  if (c['rope_scaling'] != null) bad('rope_scaling', 'null (plain rotary positions)');
  const vocab = num('vocab_size', 2, 1 << 24, true);
  const hidden = num('hidden_size', 1, 1 << 16, true);
  const heads = num('num_attention_heads', 1, 1024, true);
  const kv = num('num_key_value_heads', 1, heads, true, heads);
  if (heads % kv !== 0) bad('num_key_value_heads', `a divisor of num_attention_heads = ${heads}`);
  const fallbackHd = hidden % heads === 0 ? hidden / heads : undefined;
  const headDim = num('head_dim', 2, 4096, true, fallbackHd);
  if (headDim % 2 !== 0) bad('head_dim', 'an even number (rotary pairs)');
  const token = (key: string, fallback: number | null): number | null => {
    const v = c[key];
    if (Array.isArray(v)) return num(key, 0, vocab - 1, true, v[0] as number);
    return v == null ? fallback : num(key, 0, vocab - 1, true);
  };
  return {
    model_type: 'llama',
    vocab_size: vocab,
    hidden_size: hidden,
    intermediate_size: num('intermediate_size', 1, 1 << 18, true),
    num_hidden_layers: num('num_hidden_layers', 1, 1024, true),
    num_attention_heads: heads,
    num_key_value_heads: kv,
    head_dim: headDim,
    max_position_embeddings: num('max_position_embeddings', 1, 1 << 20, true, 2048),
    rms_norm_eps: num('rms_norm_eps', 0, 1, false, 1e-6),
    rope_theta: num('rope_theta', 1, 1e9, false, 10000),
    tie_word_embeddings: c['tie_word_embeddings'] === true,
    bos_token_id: token('bos_token_id', 1) as number,
    eos_token_id: token('eos_token_id', 2) as number,
    pad_token_id: token('pad_token_id', null),
  };
}

/** The `config.json` HF transformers and transformers.js read for this model. */
export function toLlamaHfConfigJson(c: LlamaConfig): Record<string, unknown> {
  return {
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    attention_bias: false,
    attention_dropout: 0,
    bos_token_id: c.bos_token_id,
    eos_token_id: c.eos_token_id,
    ...(c.pad_token_id === null ? {} : { pad_token_id: c.pad_token_id }),
    head_dim: c.head_dim,
    hidden_act: 'silu',
    hidden_size: c.hidden_size,
    initializer_range: 0.02,
    intermediate_size: c.intermediate_size,
    max_position_embeddings: c.max_position_embeddings,
    mlp_bias: false,
    num_attention_heads: c.num_attention_heads,
    num_hidden_layers: c.num_hidden_layers,
    num_key_value_heads: c.num_key_value_heads,
    rms_norm_eps: c.rms_norm_eps,
    rope_scaling: null,
    rope_theta: c.rope_theta,
    tie_word_embeddings: c.tie_word_embeddings,
    torch_dtype: 'float32',
    transformers_version: '4.46.0',
    use_cache: true,
    vocab_size: c.vocab_size,
  };
}
