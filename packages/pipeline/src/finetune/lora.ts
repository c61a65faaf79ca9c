import { NexFitraError } from '@nexfitra/core';
import * as tf from '@tensorflow/tfjs';
import { matMul } from '../model/_ops';
import type { WeightAdapter } from '../model/gpt2';
import type { HostTensor } from '../model/weights';

/**
 * LoRA (Hu et al. 2021, "LoRA: Low-Rank Adaptation of Large Language Models", §4.1): a frozen
 * weight W₀ is used as W₀ + (α/r)·B·A with A `[r, in]` and B `[out, r]` trained. Names, shapes and
 * defaults follow HF peft, so an adapter written here is a peft adapter folder.
 */
export interface LoraOptions {
  /** Rank r (1–256). Default 8. */
  readonly rank?: number;
  /** Scale numerator α; the update is scaled by α / r. Default 2·r. */
  readonly alpha?: number;
  /**
   * Modules to adapt, matched as peft does (the module name equals the target or ends with
   * `.target`). GPT-2: `c_attn`, `c_proj` (attention and MLP output), `c_fc`, or a longer suffix
   * such as `attn.c_proj`. Default all three (every linear layer).
   */
  readonly targetModules?: readonly string[];
  /** Seed of A's initialisation. Default 0. */
  readonly seed?: number;
}

/** One adapted weight: module name and its shapes. `layout` says how W is stored. */
export interface LoraTarget {
  /** Module name, e.g. `h.0.attn.c_attn` (its weight is `<module>.weight`). */
  readonly module: string;
  readonly inDim: number;
  readonly outDim: number;
  /** `in_out`: W is `[in, out]` (GPT-2 Conv1D, y = x·W); `out_in`: `[out, in]` (nn.Linear, y = x·Wᵀ). */
  readonly layout: 'in_out' | 'out_in';
}

export const DEFAULT_LORA_TARGETS = ['c_attn', 'c_proj', 'c_fc'] as const;
/** Every linear layer of a llama block (peft's names). */
export const DEFAULT_LORA_TARGETS_LLAMA = [
  'q_proj',
  'k_proj',
  'v_proj',
  'o_proj',
  'gate_proj',
  'up_proj',
  'down_proj',
] as const;

const FN = 'LoraAdapter';

/** peft's target matching: exact module name or a `.`-separated suffix of it. */
export function matchesTarget(module: string, targets: readonly string[]): boolean {
  return targets.some((t) => module === t || module.endsWith(`.${t}`));
}

/**
 * The weights of `shapes` that `targetModules` select, as LoRA targets. Only rank-2 `.weight`
 * tensors can be adapted (never embeddings or norms).
 * @throws NexFitraError `INVALID_ENUM` when no weight matches a target (a typo would otherwise
 *   train nothing).
 */
export function loraTargets(
  shapes: readonly [string, readonly number[]][],
  targetModules: readonly string[],
  layout: LoraTarget['layout'],
  skip: (module: string) => boolean = () => false,
): LoraTarget[] {
  const out: LoraTarget[] = [];
  const hit = new Set<string>();
  for (const [name, shape] of shapes) {
    if (!name.endsWith('.weight') || shape.length !== 2) continue;
    const module = name.slice(0, -'.weight'.length);
    if (skip(module)) continue;
    for (const t of targetModules) if (module === t || module.endsWith(`.${t}`)) hit.add(t);
    if (!matchesTarget(module, targetModules)) continue;
    const [a, b] = shape as [number, number];
    out.push(
      layout === 'in_out' ? { module, inDim: a, outDim: b, layout } : { module, inDim: b, outDim: a, layout },
    );
  }
  const missing = targetModules.filter((t) => !hit.has(t));
  if (missing.length > 0 || targetModules.length === 0) {
    const modules = shapes
      .filter(([n, s]) => n.endsWith('.weight') && s.length === 2)
      .map(([n]) => n.slice(0, -7));
    throw new NexFitraError({
      code: 'INVALID_ENUM',
      fn: FN,
      path: ['targetModules', missing[0] ?? 0],
      value: missing[0] ?? targetModules,
      allowed: `module names or suffixes of this model's linear weights, e.g. ${[...new Set(modules.map((m) => m.split('.').pop()))].join(', ')}`,
    });
  }
  return out;
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

/** Resolved rank, alpha and targets of an adapter. */
export interface LoraSpec {
  readonly rank: number;
  readonly alpha: number;
  readonly targetModules: readonly string[];
}

/** Checks and fills in {@link LoraOptions}. @throws NexFitraError naming rank or alpha. */
export function loraSpec(o: LoraOptions = {}): LoraSpec {
  const rank = o.rank ?? 8;
  if (!Number.isInteger(rank) || rank < 1 || rank > 256) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: ['rank'],
      value: rank,
      allowed: 'an integer in [1, 256]',
    });
  }
  const alpha = o.alpha ?? 2 * rank;
  if (!(Number.isFinite(alpha) && alpha > 0)) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: ['alpha'],
      value: alpha,
      allowed: 'a finite number > 0',
    });
  }
  return { rank, alpha, targetModules: [...(o.targetModules ?? DEFAULT_LORA_TARGETS)] };
}

/**
 * Trainable LoRA factors for a set of targets. A is drawn like peft's default
 * (kaiming-uniform with a = √5: U(−1/√in, 1/√in)), B starts at zero, so the adapted model starts
 * exactly at the base model. {@link adapter} gives the `WeightAdapter` a model's forward uses.
 */
export class LoraAdapter {
  readonly spec: LoraSpec;
  readonly targets: readonly LoraTarget[];
  /** `<module>.lora_A.weight` `[r, in]` and `<module>.lora_B.weight` `[out, r]`. */
  readonly variables: ReadonlyMap<string, tf.Variable>;
  private readonly byModule: Map<string, { a: tf.Variable; b: tf.Variable; t: LoraTarget }>;

  constructor(
    spec: LoraSpec,
    targets: readonly LoraTarget[],
    seed = 0,
    init?: ReadonlyMap<string, HostTensor>,
  ) {
    this.spec = spec;
    this.targets = targets;
    const vars = new Map<string, tf.Variable>();
    this.byModule = new Map();
    const rand = mulberry32(seed);
    for (const t of targets) {
      const r = spec.rank;
      const bound = 1 / Math.sqrt(t.inDim);
      const aName = `${t.module}.lora_A.weight`;
      const bName = `${t.module}.lora_B.weight`;
      const aInit =
        init?.get(aName)?.data ?? Float32Array.from({ length: r * t.inDim }, () => (2 * rand() - 1) * bound);
      const bInit = init?.get(bName)?.data ?? new Float32Array(t.outDim * r);
      const a = tf.variable(tf.tensor2d(aInit, [r, t.inDim]), true);
      const b = tf.variable(tf.tensor2d(bInit, [t.outDim, r]), true);
      vars.set(aName, a);
      vars.set(bName, b);
      this.byModule.set(`${t.module}.weight`, { a, b, t });
    }
    this.variables = vars;
  }

  /** Trainable parameters (r·(in + out) per target). */
  get parameterCount(): number {
    return this.targets.reduce((n, t) => n + this.spec.rank * (t.inDim + t.outDim), 0);
  }

  /** W₀ + (α/r)·ΔW in W's own layout: ΔW = (B·A)ᵀ `[in, out]` or B·A `[out, in]`. */
  adapter(): WeightAdapter {
    const scale = this.spec.alpha / this.spec.rank;
    return (name, w) => {
      const f = this.byModule.get(name);
      if (!f) return undefined;
      // Explicit transposes: see matMul in model/_ops.ts (wasm is slow with transpose flags).
      const delta = f.t.layout === 'in_out' ? matMul(tf.transpose(f.a), tf.transpose(f.b)) : matMul(f.b, f.a);
      return w.add(delta.mul(scale));
    };
  }

  /** Host copies of A and B by their peft-relative names. */
  getWeights(): Map<string, HostTensor> {
    const out = new Map<string, HostTensor>();
    for (const [n, v] of this.variables)
      out.set(n, { shape: [...v.shape], data: new Float32Array(v.dataSync()) });
    return out;
  }

  dispose(): void {
    for (const v of this.variables.values()) v.dispose();
  }
}

/**
 * Folds LoRA factors into base weights on the host: W ← W + (α/r)·ΔW, with ΔW[o][i] =
 * Σₖ B[o][k]·A[k][i] placed in W's layout. Returns new weights; `base` is not changed.
 * @throws NexFitraError `BAD_DATA` naming a factor whose base weight is missing or misshapen.
 */
export function mergeLora(
  base: ReadonlyMap<string, HostTensor>,
  spec: LoraSpec,
  targets: readonly LoraTarget[],
  factors: ReadonlyMap<string, HostTensor>,
): Map<string, HostTensor> {
  const out = new Map(base);
  const s = spec.alpha / spec.rank;
  const r = spec.rank;
  for (const t of targets) {
    const name = `${t.module}.weight`;
    const w = base.get(name);
    const a = factors.get(`${t.module}.lora_A.weight`);
    const b = factors.get(`${t.module}.lora_B.weight`);
    if (
      !w ||
      !a ||
      !b ||
      w.data.length !== t.inDim * t.outDim ||
      a.data.length !== r * t.inDim ||
      b.data.length !== t.outDim * r
    ) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn: 'mergeLora',
        path: ['weights', name],
        value: w ? [...w.shape] : undefined,
        allowed: `a base weight ${t.layout === 'in_out' ? `[${t.inDim}, ${t.outDim}]` : `[${t.outDim}, ${t.inDim}]`} with lora_A [${r}, ${t.inDim}] and lora_B [${t.outDim}, ${r}]`,
      });
    }
    const data = new Float32Array(w.data);
    for (let o = 0; o < t.outDim; o++) {
      for (let i = 0; i < t.inDim; i++) {
        let d = 0;
        for (let k = 0; k < r; k++) d += b.data[o * r + k]! * a.data[k * t.inDim + i]!;
        const at = t.layout === 'in_out' ? i * t.outDim + o : o * t.inDim + i;
        data[at] = data[at]! + s * d;
      }
    }
    out.set(name, { shape: [...w.shape], data });
  }
  return out;
}
