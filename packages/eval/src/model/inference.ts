/**
 * Model folders and registry names, run through `@nexfitra/inference`'s `generatePlan`
 * (prompt → constrained generation → parse → repair → validate). Feature-detected: when the
 * installed inference package does not export `generatePlan`, {@link inferenceModel} throws
 * {@link ModelUnavailableError} instead of guessing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { NexFitraError, type PlanRequestT } from '@nexfitra/core';
import { planTargets } from '@nexfitra/planner';
import {
  DTYPE_FILES,
  DTYPE_LABEL,
  defaultDtype,
  isOtherDtypeWeights,
  type LoaderDtype,
  splitDtype,
} from './_dtype';
import { packagesHash } from './_sourceHash';
import type { EnergyTargets, PlanModel, PlanOutcome } from './types';

/** A model eval cannot run: the inference layer is missing, or the model is unknown to it. */
export class ModelUnavailableError extends NexFitraError {
  constructor(
    readonly model: string,
    readonly reason: string,
  ) {
    super(
      {
        code: 'INCONSISTENT',
        fn: 'resolveModel',
        path: ['model'],
        value: model,
        allowed: 'builtin:rules, builtin:rules-best, a model folder or a registry name',
      },
      `resolveModel: model "${model}" is not available: ${reason}`,
    );
  }
}

/** One day's energy and macros as inference reports them. */
interface GenDayTotals {
  readonly kcal: number;
  readonly proteinG: number;
  readonly fatG: number;
  readonly carbsG: number;
}

/** The part of `@nexfitra/inference`'s `generatePlan` result eval reads (see its `GeneratePlanResult`). */
export interface GenerateResult {
  readonly ok: boolean;
  readonly plan?: unknown;
  readonly targets?: GenDayTotals;
  readonly refused?: boolean;
  readonly refusal?: { readonly reasons: readonly { readonly code: string }[] };
  readonly failure?: {
    readonly code: string;
    readonly message: string;
    readonly violations?: readonly { readonly code: string; readonly severity?: string }[];
  };
  readonly report?: {
    readonly repair?: {
      readonly gramsMoved?: number;
      readonly itemsResized?: number;
      readonly swaps?: readonly unknown[];
    };
    readonly tokens?: { readonly emitted?: number };
    readonly timings?: { readonly generate?: number };
    readonly proposal?: unknown;
    /** Per day, what the model's proposal supplied before repair. */
    readonly proposedDayTotals?: readonly GenDayTotals[];
  };
}
type GeneratePlan = (request: PlanRequestT, options: Record<string, unknown>) => Promise<GenerateResult>;
/** The part of inference's text model eval wraps to time the first token. */
interface TextModel {
  readonly kind: string;
  generate(input: { onToken?: (t: string) => void } & Record<string, unknown>): Promise<unknown>;
}
/** The part of inference's `ModelRegistry` eval uses. */
interface Registry {
  get?(id: string): Promise<TextModel>;
  unload?(id: string): Promise<void> | void;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * sha256 over a folder's file names and bytes, and their size in bytes. With `dtype`, the
 * weights of the folder's other dtypes are left out (they are never loaded) and the dtype is
 * hashed too, so `folder#int4` and `folder#fp32` are different models.
 */
export function folderIdentity(dir: string, dtype?: LoaderDtype): { hash: string; sizeBytes: number } {
  const h = createHash('sha256');
  if (dtype !== undefined) h.update(`dtype:${dtype}\n`);
  let sizeBytes = 0;
  for (const f of walk(dir)) {
    const rel = relative(dir, f).split(sep).join('/');
    if (dtype !== undefined && isOtherDtypeWeights(rel, dtype)) continue;
    h.update(rel);
    h.update(readFileSync(f));
    sizeBytes += statSync(f).size;
  }
  return { hash: h.digest('hex'), sizeBytes };
}

function totalGrams(plan: unknown): number {
  const days =
    (plan as { mealPlan?: { days?: { meals: { items: { grams: number }[] }[] }[] } })?.mealPlan?.days ?? [];
  let g = 0;
  for (const d of days) for (const m of d.meals) for (const it of m.items) g += it.grams;
  return g;
}

function planDays(plan: unknown): number {
  return (plan as { mealPlan?: { days?: unknown[] } })?.mealPlan?.days?.length ?? 0;
}

/** The request's targets for a failure that still reports a proposal (no plan carries them). */
function targetsOf(request: PlanRequestT | undefined): EnergyTargets | undefined {
  if (request === undefined) return undefined;
  const t = planTargets(request);
  return t.ok ? t.targets : undefined;
}

/**
 * Maps `generatePlan`'s result to eval's outcome: the plan, the proposal's day totals before
 * repair (`report.proposedDayTotals`), what the repair changed, tokens and generation time.
 * `request` gives the targets of a failed plan that still reports a proposal.
 */
export function outcomeFromGenerate(
  r: GenerateResult,
  totalMs: number,
  firstOutputMs: number | undefined,
  request?: PlanRequestT,
): PlanOutcome {
  const generateMs = r.report?.timings?.generate;
  const timings = {
    totalMs,
    ...(firstOutputMs !== undefined ? { firstOutputMs } : {}),
    ...(generateMs !== undefined ? { generateMs } : {}),
  };
  const tokens = r.report?.tokens?.emitted;
  const proposed = r.report?.proposedDayTotals;
  const extra = {
    ...(tokens !== undefined ? { tokens } : {}),
    ...(r.report?.proposal !== undefined ? { proposal: r.report.proposal } : {}),
    ...(proposed !== undefined ? { proposedDayTotals: proposed } : {}),
  };
  if (r.ok) {
    const rep = r.report?.repair;
    return {
      ok: true,
      plan: r.plan,
      ...(r.targets !== undefined ? { targets: r.targets } : {}),
      timings,
      ...extra,
      ...(rep
        ? {
            repair: {
              gramsMoved: rep.gramsMoved ?? 0,
              totalGrams: totalGrams(r.plan),
              swaps: rep.swaps?.length ?? 0,
              ...(rep.itemsResized !== undefined ? { itemsResized: rep.itemsResized } : {}),
              days: planDays(r.plan),
            },
          }
        : {}),
    };
  }
  if (r.refused === true && r.refusal)
    return { ok: false, refusal: { codes: r.refusal.reasons.map((x) => x.code) }, timings, ...extra };
  const f = r.failure ?? { code: 'UNKNOWN', message: 'no failure given' };
  const hardCodes = (f.violations ?? []).filter((v) => v.severity !== 'soft').map((v) => v.code);
  const targets = proposed !== undefined ? targetsOf(request) : undefined;
  return {
    ok: false,
    failure: { code: f.code, message: f.message, hardCodes },
    timings,
    ...extra,
    ...(targets !== undefined ? { targets } : {}),
  };
}

/** A text model whose `generate` reports its first emitted token to `onFirst` (one wrapper per call). */
function timedModel(m: TextModel, onFirst: () => void): TextModel {
  return {
    ...m,
    kind: m.kind,
    generate: (input) =>
      m.generate({
        ...input,
        onToken: (t: string) => {
          onFirst();
          input.onToken?.(t);
        },
      }),
  };
}

/**
 * A folder or registry model over `@nexfitra/inference`: a folder is registered with
 * `registerModelFolder` of `@nexfitra/inference/node` in a fresh registry; a name is looked up in
 * a fresh registry (the built-ins). `folder#int4` (or `#fp32`, `#int8`, `#fp16`) loads that
 * dtype's weights (inference's loader `dtype` option); without it the loader's default (the
 * manifest's first dtype, else fp32). Each call runs the loaded model wrapped so that its first
 * emitted token is timed (`firstOutputMs`).
 * @throws {ModelUnavailableError} for a folder path that does not exist, or when `generatePlan` is not exported by the installed inference package
 * @throws {NexFitraError} `INVALID_ENUM` for an unknown dtype after `#`
 */
export async function inferenceModel(spec: string): Promise<PlanModel> {
  const { base, dtype: asked } = splitDtype(spec);
  if (/^(\.{1,2}[/\\]|[/\\])/.test(base) && !existsSync(base))
    throw new ModelUnavailableError(spec, 'no such model folder');
  let mod: Record<string, unknown>;
  try {
    // generatePlan and the registry live in the /plan entry (the root stays browser-safe).
    mod = (await import('@nexfitra/inference/plan')) as Record<string, unknown>;
  } catch (e) {
    throw new ModelUnavailableError(
      spec,
      `@nexfitra/inference/plan cannot be loaded (${(e as Error).message})`,
    );
  }
  const generatePlan = mod['generatePlan'] as GeneratePlan | undefined;
  const createRegistry = mod['createRegistry'] as (() => Registry) | undefined;
  if (typeof generatePlan !== 'function' || typeof createRegistry !== 'function') {
    throw new ModelUnavailableError(
      spec,
      '@nexfitra/inference/plan does not export generatePlan and createRegistry',
    );
  }
  const folder = existsSync(base) && statSync(base).isDirectory() ? resolve(base) : undefined;
  if (asked !== undefined && folder === undefined)
    throw new ModelUnavailableError(spec, 'a dtype (#…) applies to a model folder only');
  const dtype = folder ? (asked ?? defaultDtype(folder)) : undefined;
  if (folder && asked !== undefined && !existsSync(join(folder, DTYPE_FILES[asked]))) {
    const held = (Object.keys(DTYPE_FILES) as LoaderDtype[]).filter((d) =>
      existsSync(join(folder, DTYPE_FILES[d])),
    );
    throw new ModelUnavailableError(
      spec,
      `the folder has no ${DTYPE_LABEL[asked]} weights (${DTYPE_FILES[asked]}); it holds ${held.map((d) => DTYPE_LABEL[d]).join(', ') || 'no ONNX weights'}`,
    );
  }
  const registry = createRegistry();
  if (folder) {
    // Folders load through the Node entry (onnxruntime-node); the root entry imports no runtime.
    let node: Record<string, unknown>;
    try {
      node = (await import('@nexfitra/inference/node')) as Record<string, unknown>;
    } catch (e) {
      throw new ModelUnavailableError(
        spec,
        `@nexfitra/inference/node cannot be loaded (${(e as Error).message})`,
      );
    }
    const register = node['registerModelFolder'] as
      | ((r: Registry, dir: string, o?: { dtype?: string }) => Registry)
      | undefined;
    if (typeof register !== 'function')
      throw new ModelUnavailableError(spec, '@nexfitra/inference/node does not export registerModelFolder');
    register(registry, folder, asked !== undefined ? { dtype: asked } : {});
  }
  if (folder && registry.get) {
    // Load once here so a folder the runtime refuses (manifest, language version, dtype) stops
    // the run with its reason (exit 3) instead of failing every request; then free it (worker
    // processes load their own copy; an in-process run loads it again on first use).
    try {
      await registry.get(folder);
    } catch (e) {
      throw new ModelUnavailableError(spec, (e as Error).message);
    }
    await registry.unload?.(folder);
  }
  const identity = folder
    ? folderIdentity(folder, dtype)
    : { hash: createHash('sha256').update(`registry:${base}`).digest('hex') };
  const model = folder ?? base;
  // The output is decided by the weights and by the code around them: decoding and its grammar
  // (inference, core), the repair (inference, planner) and the validators (core). With the code
  // in the hash, a rerun after a change to any of them recomputes instead of reusing old results.
  const code = packagesHash(['@nexfitra/inference', '@nexfitra/planner', '@nexfitra/core'], 'text-model');
  return {
    id: spec,
    kind: 'text',
    hash: createHash('sha256').update(`${identity.hash}\n${code}`).digest('hex'),
    ...('sizeBytes' in identity ? { sizeBytes: identity.sizeBytes } : {}),
    ...(dtype !== undefined ? { dtype: DTYPE_LABEL[dtype] } : {}),
    description: folder
      ? `model folder ${base} (${DTYPE_LABEL[dtype as LoaderDtype]})`
      : `registry model ${base}`,
    async plan(request, { signal }) {
      // The loaded text model (loaded on the first call, which is not timed), wrapped to time its
      // first token; rule models and registries without `get` go by id (then the first finished
      // plan part is the first output).
      const loaded = registry.get ? await registry.get(model) : undefined;
      const t0 = performance.now();
      let first: number | undefined;
      const mark = () => {
        first ??= performance.now() - t0;
      };
      const target = loaded?.kind === 'text' ? timedModel(loaded, mark) : model;
      const r = await generatePlan(request, {
        model: target,
        ...(target === model ? { registry } : {}),
        ...(signal ? { signal } : {}),
        onPart: mark,
      });
      return outcomeFromGenerate(r, performance.now() - t0, first, request);
    },
    async dispose() {
      await registry.unload?.(model);
    },
  };
}
