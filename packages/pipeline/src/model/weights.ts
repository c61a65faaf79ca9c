import { NexFitraError } from '@nexfitra/core';
import { type Gpt2Config, mlpWidth } from './config';

/** A float32 tensor held in host memory, row-major. */
export interface HostTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Weights keyed by HF GPT-2 names without the `transformer.` prefix (`h.0.attn.c_attn.weight`). */
export type Gpt2Weights = ReadonlyMap<string, HostTensor>;

/**
 * Every parameter of a GPT-2 model with its shape, in HF's order and naming. Linear layers are
 * HF `Conv1D`: weight `[in, out]`, so `y = x · W + b`. The LM head is tied to `wte`.
 */
export function gpt2WeightShapes(c: Gpt2Config): [name: string, shape: number[]][] {
  const d = c.n_embd;
  const m = mlpWidth(c);
  const out: [string, number[]][] = [
    ['wte.weight', [c.vocab_size, d]],
    ['wpe.weight', [c.n_positions, d]],
  ];
  for (let i = 0; i < c.n_layer; i++) {
    const p = `h.${i}.`;
    out.push(
      [`${p}ln_1.weight`, [d]],
      [`${p}ln_1.bias`, [d]],
      [`${p}attn.c_attn.weight`, [d, 3 * d]],
      [`${p}attn.c_attn.bias`, [3 * d]],
      [`${p}attn.c_proj.weight`, [d, d]],
      [`${p}attn.c_proj.bias`, [d]],
      [`${p}ln_2.weight`, [d]],
      [`${p}ln_2.bias`, [d]],
      [`${p}mlp.c_fc.weight`, [d, m]],
      [`${p}mlp.c_fc.bias`, [m]],
      [`${p}mlp.c_proj.weight`, [m, d]],
      [`${p}mlp.c_proj.bias`, [d]],
    );
  }
  out.push(['ln_f.weight', [d]], ['ln_f.bias', [d]]);
  return out;
}

/**
 * Checks that `weights` holds exactly the tensors of `config`, each with its shape and only
 * finite values.
 *
 * @throws NexFitraError (`BAD_DATA`) naming the missing, misshapen, non-finite or unexpected tensor.
 */
export function checkGpt2Weights(config: Gpt2Config, weights: Gpt2Weights, fn = 'checkGpt2Weights'): void {
  const expected = gpt2WeightShapes(config);
  const names = new Set(expected.map(([n]) => n));
  for (const [name, shape] of expected) {
    const t = weights.get(name);
    if (!t) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: ['weights', name],
        value: undefined,
        allowed: `a tensor of shape [${shape.join(', ')}]`,
      });
    }
    const size = shape.reduce((a, b) => a * b, 1);
    if (t.shape.length !== shape.length || t.shape.some((s, i) => s !== shape[i]) || t.data.length !== size) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: ['weights', name, 'shape'],
        value: [...t.shape],
        allowed: `shape [${shape.join(', ')}] with ${size} float32 values`,
      });
    }
    for (let i = 0; i < t.data.length; i++) {
      if (!Number.isFinite(t.data[i])) {
        throw new NexFitraError({
          code: 'BAD_DATA',
          fn,
          path: ['weights', name, i],
          value: t.data[i],
          allowed: 'finite values only (no NaN or ±Infinity)',
        });
      }
    }
  }
  for (const name of weights.keys()) {
    if (!names.has(name)) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: ['weights', name],
        value: name,
        allowed: `only GPT-2 tensors for n_layer = ${config.n_layer} (e.g. h.0.ln_1.weight)`,
      });
    }
  }
}

/**
 * Deterministic uniform generator (mulberry32), so fixtures are bit-identical on every platform:
 * it uses only 32-bit integer arithmetic.
 */
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

export interface InitOptions {
  /** PRNG seed (uint32). */
  readonly seed: number;
  /** Standard deviation of weight matrices; HF's initializer_range is 0.02. */
  readonly std?: number;
  /**
   * Also randomise biases and layer-norm gains/offsets (HF starts them at 0 and 1). Tests use
   * this so that every parameter influences the logits.
   */
  readonly randomizeAll?: boolean;
}

/**
 * Fresh GPT-2 weights: N(0, std²) matrices, zero biases, unit layer-norm gains. The normal draws
 * are Irwin–Hall sums of 12 uniforms (mean 0, variance 1), which need no transcendental
 * functions, so the bytes do not depend on the platform's Math.log/cos.
 */
export function initGpt2Weights(config: Gpt2Config, opts: InitOptions): Map<string, HostTensor> {
  const rand = mulberry32(opts.seed);
  const std = opts.std ?? 0.02;
  const normal = () => {
    let s = 0;
    for (let k = 0; k < 12; k++) s += rand();
    return s - 6;
  };
  const out = new Map<string, HostTensor>();
  for (const [name, shape] of gpt2WeightShapes(config)) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    const isLn = /ln_(1|2|f)\.weight$/.test(name);
    const isVector = shape.length === 1;
    for (let i = 0; i < data.length; i++) {
      if (!isVector) data[i] = std * normal();
      else if (opts.randomizeAll) data[i] = (isLn ? 1 : 0) + 0.1 * normal();
      else data[i] = isLn ? 1 : 0;
    }
    out.set(name, { shape, data });
  }
  return out;
}
