import { NexFitraError } from '@nexfitra/core';

/**
 * The subset of HF `GPT2Config` that fixes the shape and arithmetic of a GPT-2 decoder
 * (field names exactly as in `config.json`, so a config round-trips through transformers).
 */
export interface Gpt2Config {
  readonly vocab_size: number;
  /** Longest sequence (learned positional embeddings). */
  readonly n_positions: number;
  readonly n_embd: number;
  readonly n_layer: number;
  readonly n_head: number;
  /** MLP width; `null` means 4 × n_embd, as in HF. */
  readonly n_inner: number | null;
  readonly layer_norm_epsilon: number;
  readonly bos_token_id: number;
  readonly eos_token_id: number;
  readonly pad_token_id: number | null;
}

/** Settings that only affect training, kept in config.json for HF compatibility. */
const HF_DEFAULTS = {
  activation_function: 'gelu_new',
  attn_pdrop: 0.1,
  embd_pdrop: 0.1,
  resid_pdrop: 0.1,
  initializer_range: 0.02,
  reorder_and_upcast_attn: false,
  scale_attn_by_inverse_layer_idx: false,
  scale_attn_weights: true,
  summary_activation: null,
  summary_first_dropout: 0.1,
  summary_proj_to_labels: true,
  summary_type: 'cls_index',
  summary_use_proj: true,
  tie_word_embeddings: true,
  use_cache: true,
} as const;

const int = (min: number, max = 1 << 24) => ({ min, max, integer: true });

function num(
  fn: string,
  raw: Record<string, unknown>,
  key: string,
  r: { min: number; max: number; integer?: boolean },
): number {
  const v = raw[key];
  if (
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    v < r.min ||
    v > r.max ||
    (r.integer && !Number.isInteger(v))
  ) {
    throw new NexFitraError({
      code: typeof v === 'number' ? 'OUT_OF_RANGE' : 'INVALID_TYPE',
      fn,
      path: ['config', key],
      value: v,
      allowed: `${r.integer ? 'an integer' : 'a finite number'} in [${r.min}, ${r.max}]`,
    });
  }
  return v;
}

/** The model families a checkpoint may be (HF `model_type`). */
export const SUPPORTED_FAMILIES = ['gpt2'] as const;

/** The config.json fields a GPT-2 checkpoint cannot do without. */
const GPT2_REQUIRED = ['vocab_size', 'n_positions', 'n_embd', 'n_layer', 'n_head'] as const;

/**
 * Validates a GPT-2 config (a parsed HF `config.json` or a hand-written one) and returns the
 * fields the model needs. Rejects options this implementation does not compute (another
 * activation, layer-index attention scaling, untied head) rather than silently ignoring them.
 *
 * @throws NexFitraError naming the offending `config.<field>`.
 * @example checkGpt2Config({ vocab_size: 300, n_positions: 64, n_embd: 32, n_layer: 2, n_head: 4 })
 */
export function checkGpt2Config(raw: unknown, fn = 'checkGpt2Config'): Gpt2Config {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new NexFitraError({ code: 'INVALID_TYPE', fn, path: ['config'], value: raw, allowed: 'an object' });
  }
  const c = raw as Record<string, unknown>;
  const bad = (key: string, allowed: string): never => {
    throw new NexFitraError({ code: 'INCONSISTENT', fn, path: ['config', key], value: c[key], allowed });
  };
  const family = `supported model families: ${SUPPORTED_FAMILIES.join(', ')} (HF GPT2LMHeadModel config.json)`;
  if (
    c['model_type'] !== undefined &&
    !(SUPPORTED_FAMILIES as readonly unknown[]).includes(c['model_type'])
  ) {
    throw new NexFitraError(
      { code: 'INCONSISTENT', fn, path: ['config', 'model_type'], value: c['model_type'], allowed: family },
      `${fn}: model_type ${JSON.stringify(c['model_type'])} is not supported; ${family}`,
    );
  }
  // Every missing field in one message, instead of one field per attempt.
  const missing = GPT2_REQUIRED.filter((k) => c[k] === undefined);
  if (missing.length > 0) {
    throw new NexFitraError(
      { code: 'INCONSISTENT', fn, path: ['config', missing[0]!], value: undefined, allowed: family },
      `${fn}: config lacks ${missing.join(', ')} (a gpt2 config needs ${GPT2_REQUIRED.join(', ')}); ${family}`,
    );
  }
  const act = c['activation_function'];
  if (act !== undefined && act !== 'gelu_new' && act !== 'gelu_pytorch_tanh') {
    bad('activation_function', '"gelu_new" or "gelu_pytorch_tanh" (the tanh form of GELU)');
  }
  if (c['scale_attn_by_inverse_layer_idx'] === true) bad('scale_attn_by_inverse_layer_idx', 'false');
  if (c['scale_attn_weights'] === false) bad('scale_attn_weights', 'true');
  if (c['tie_word_embeddings'] === false) bad('tie_word_embeddings', 'true (the LM head is tied to wte)');
  const vocab = num(fn, c, 'vocab_size', int(2));
  const nEmbd = num(fn, c, 'n_embd', int(1, 1 << 16));
  const nHead = num(fn, c, 'n_head', int(1, 1024));
  if (nEmbd % nHead !== 0) bad('n_head', `a divisor of n_embd = ${nEmbd}`);
  const inner = c['n_inner'] == null ? null : num(fn, c, 'n_inner', int(1, 1 << 18));
  const tokenId = (key: string, fallback: number | null): number | null =>
    c[key] == null ? fallback : num(fn, c, key, int(0, vocab - 1));
  return {
    vocab_size: vocab,
    n_positions: num(fn, c, 'n_positions', int(1, 1 << 20)),
    n_embd: nEmbd,
    n_layer: num(fn, c, 'n_layer', int(1, 1024)),
    n_head: nHead,
    n_inner: inner,
    layer_norm_epsilon:
      c['layer_norm_epsilon'] == null ? 1e-5 : num(fn, c, 'layer_norm_epsilon', { min: 0, max: 1 }),
    bos_token_id: tokenId('bos_token_id', vocab - 1) as number,
    eos_token_id: tokenId('eos_token_id', vocab - 1) as number,
    pad_token_id: tokenId('pad_token_id', null),
  };
}

/** MLP hidden width (n_inner, or 4 × n_embd when unset). */
export function mlpWidth(c: Gpt2Config): number {
  return c.n_inner ?? 4 * c.n_embd;
}

/** The `config.json` HF transformers and transformers.js read for this model. */
export function toHfConfigJson(c: Gpt2Config): Record<string, unknown> {
  return {
    architectures: ['GPT2LMHeadModel'],
    model_type: 'gpt2',
    ...HF_DEFAULTS,
    bos_token_id: c.bos_token_id,
    eos_token_id: c.eos_token_id,
    ...(c.pad_token_id === null ? {} : { pad_token_id: c.pad_token_id }),
    layer_norm_epsilon: c.layer_norm_epsilon,
    n_ctx: c.n_positions,
    n_embd: c.n_embd,
    n_head: c.n_head,
    n_inner: c.n_inner,
    n_layer: c.n_layer,
    n_positions: c.n_positions,
    torch_dtype: 'float32',
    transformers_version: '4.46.0',
    vocab_size: c.vocab_size,
  };
}

/** The `generation_config.json` matching {@link toHfConfigJson}. */
export function toGenerationConfigJson(c: Gpt2Config): Record<string, unknown> {
  return {
    bos_token_id: c.bos_token_id,
    eos_token_id: c.eos_token_id,
    ...(c.pad_token_id === null ? {} : { pad_token_id: c.pad_token_id }),
    transformers_version: '4.46.0',
  };
}
