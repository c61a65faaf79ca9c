/**
 * Model folders and registry names, run through `@nexfitra/inference`'s `generatePlan`
 * (prompt → constrained generation → parse → repair → validate). Feature-detected: when the
 * installed inference package does not export `generatePlan`, {@link inferenceModel} throws
 * {@link ModelUnavailableError} instead of guessing.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { NexFitraError, type PlanRequestT } from '@nexfitra/core';
import type { PlanModel, PlanOutcome } from './types';

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

/** The part of `@nexfitra/inference`'s `generatePlan` result eval reads (see its `GeneratePlanResult`). */
interface GenerateResult {
  readonly ok: boolean;
  readonly plan?: unknown;
  readonly refused?: boolean;
  readonly refusal?: { readonly reasons: readonly { readonly code: string }[] };
  readonly failure?: {
    readonly code: string;
    readonly message: string;
    readonly violations?: readonly { readonly code: string; readonly severity?: string }[];
  };
  readonly report?: {
    readonly repair?: { readonly gramsMoved?: number; readonly swaps?: readonly unknown[] };
    readonly tokens?: { readonly emitted?: number };
    readonly proposal?: unknown;
  };
}
type GeneratePlan = (request: PlanRequestT, options: Record<string, unknown>) => Promise<GenerateResult>;
/** The part of inference's `ModelRegistry` eval uses. */
interface Registry {
  unload?(id: string): Promise<void> | void;
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** sha256 over a folder's file names and bytes, and its total size in bytes. */
export function folderIdentity(dir: string): { hash: string; sizeBytes: number } {
  const h = createHash('sha256');
  let sizeBytes = 0;
  for (const f of walk(dir)) {
    h.update(relative(dir, f));
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

/** Maps `generatePlan`'s result to eval's outcome. */
export function outcomeFromGenerate(
  r: GenerateResult,
  totalMs: number,
  firstOutputMs: number | undefined,
): PlanOutcome {
  const timings = { totalMs, ...(firstOutputMs !== undefined ? { firstOutputMs } : {}) };
  const tokens = r.report?.tokens?.emitted;
  const extra = tokens !== undefined ? { tokens } : {};
  if (r.ok) {
    const rep = r.report?.repair;
    return {
      ok: true,
      plan: r.plan,
      ...(r.report?.proposal !== undefined ? { proposal: r.report.proposal } : {}),
      timings,
      ...extra,
      ...(rep
        ? {
            repair: {
              gramsMoved: rep.gramsMoved ?? 0,
              totalGrams: totalGrams(r.plan),
              swaps: rep.swaps?.length ?? 0,
            },
          }
        : {}),
    };
  }
  if (r.refused === true && r.refusal)
    return { ok: false, refusal: { codes: r.refusal.reasons.map((x) => x.code) }, timings, ...extra };
  const f = r.failure ?? { code: 'UNKNOWN', message: 'no failure given' };
  const hardCodes = (f.violations ?? []).filter((v) => v.severity !== 'soft').map((v) => v.code);
  return { ok: false, failure: { code: f.code, message: f.message, hardCodes }, timings, ...extra };
}

/**
 * A folder or registry model over `@nexfitra/inference`: a folder is registered with
 * `registerModelFolder` of `@nexfitra/inference/node` in a fresh registry; a name is looked up in
 * a fresh registry (the built-ins).
 * @throws {ModelUnavailableError} for a folder path that does not exist, or when `generatePlan` is not exported by the installed inference package
 */
export async function inferenceModel(spec: string): Promise<PlanModel> {
  if (/^(\.{1,2}[/\\]|[/\\])/.test(spec) && !existsSync(spec))
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
  const folder = existsSync(spec) && statSync(spec).isDirectory() ? resolve(spec) : undefined;
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
    const register = node['registerModelFolder'] as ((r: Registry, dir: string) => Registry) | undefined;
    if (typeof register !== 'function')
      throw new ModelUnavailableError(spec, '@nexfitra/inference/node does not export registerModelFolder');
    register(registry, folder);
  }
  const identity = folder
    ? folderIdentity(folder)
    : { hash: createHash('sha256').update(`registry:${spec}`).digest('hex') };
  const model = folder ?? spec;
  return {
    id: spec,
    kind: 'text',
    hash: identity.hash,
    ...('sizeBytes' in identity ? { sizeBytes: identity.sizeBytes } : {}),
    description: folder ? `model folder ${spec}` : `registry model ${spec}`,
    async plan(request, { signal }) {
      const t0 = performance.now();
      let first: number | undefined;
      const r = await generatePlan(request, {
        model,
        registry,
        ...(signal ? { signal } : {}),
        onPart: () => {
          first ??= performance.now() - t0;
        },
      });
      return outcomeFromGenerate(r, performance.now() - t0, first);
    },
    async dispose() {
      await registry.unload?.(model);
    },
  };
}
