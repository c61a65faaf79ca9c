/**
 * One shared HiGHS instance (HiGHS compiled to WebAssembly, the `highs` npm package), loaded
 * lazily on first use and reused: loading compiles ~3.5 MB of Wasm and costs tens of
 * milliseconds, a small LP afterwards costs about a millisecond. Solves are queued one after
 * another because a HiGHS instance is not re-entrant. A model HiGHS cannot read throws a
 * `NexFitraError` and leaves the instance usable for the next solve.
 */
import { NexFitraError } from '@nexfitra/core';
import type { Highs, InitOptions, LegacyHighsOptions, LegacyHighsSolution, Model, ModelData } from 'highs';

/** How to find `highs.wasm`. Only needed in browsers whose bundler does not serve it beside the loader. */
export interface LpSolverLoadOptions {
  /** Maps the asset name (`highs.wasm`) to the URL it is served from. */
  readonly locateFile?: (file: string) => string;
  /** The Wasm bytes themselves, when the app already has them. */
  readonly wasmBinary?: ArrayBuffer | ArrayBufferView;
}

/** Solver result as HiGHS reports it (`Status`, `ObjectiveValue`, `Columns[name].Primal`). */
export type LpSolution = LegacyHighsSolution;
/** HiGHS options for one solve (`time_limit`, `mip_rel_gap`, …). */
export type LpSolveOptions = LegacyHighsOptions;

let loading: Promise<Highs> | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Loads the shared HiGHS instance, once. Later calls return the same instance and ignore their
 * options; a failed load is forgotten so that a call with corrected options can retry.
 *
 * @param options Where to find `highs.wasm` (browsers).
 * @throws `NexFitraError` `BAD_DATA` when the Wasm cannot be fetched or instantiated.
 * @example
 * ```ts
 * await loadLpSolver({ locateFile: (f) => `/assets/${f}` });
 * ```
 */
export function loadLpSolver(options: LpSolverLoadOptions = {}): Promise<Highs> {
  if (!loading) {
    const init: InitOptions = {};
    if (options.locateFile) init.locateFile = options.locateFile;
    if (options.wasmBinary) init.wasmBinary = options.wasmBinary;
    loading = import('highs')
      .then((mod) => {
        // The package is CommonJS for `require` and ESM for `import`; bundlers differ on
        // whether the loader arrives as `default` or as the namespace itself.
        const load = (mod.default ?? mod) as unknown as (o: InitOptions) => Promise<Highs>;
        return load(init);
      })
      .catch((cause: unknown) => {
        loading = undefined;
        throw new NexFitraError(
          {
            code: 'BAD_DATA',
            fn: 'loadLpSolver',
            path: ['locateFile'],
            value: String(cause),
            allowed: 'a reachable highs.wasm (pass locateFile or wasmBinary in browsers)',
          },
          `loadLpSolver: HiGHS could not be loaded (${String(cause)}); in a browser pass locateFile or wasmBinary`,
        );
      });
  }
  return loading;
}

/**
 * Runs `task` with the shared instance after every earlier queued task has finished. The task
 * is synchronous, so nothing else touches the instance while it runs.
 */
export function withLpSolver<T>(task: (highs: Highs) => T, options?: LpSolverLoadOptions): Promise<T> {
  const run = queue.then(async () => task(await loadLpSolver(options)));
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Solves a model written in CPLEX LP format with the shared instance (queued behind earlier
 * solves). Infeasible and unbounded models are not errors: read `Status`.
 *
 * @param lp The model as CPLEX LP text.
 * @param options HiGHS options; solver output is off unless `output_flag` is set.
 * @throws `NexFitraError` `BAD_DATA` when HiGHS cannot read or run the model; the
 *   instance stays usable.
 * @example
 * ```ts
 * const s = await solveLp('Maximize\n obj: x + y\nSubject To\n c: x + 2 y <= 4\nEnd');
 * s.Status; // 'Optimal'
 * ```
 */
export function solveLp(lp: string, options: LpSolveOptions = {}): Promise<LpSolution> {
  if (typeof lp !== 'string' || lp.trim() === '') {
    return Promise.reject(
      new NexFitraError({
        code: 'INVALID_TYPE',
        fn: 'solveLp',
        path: ['lp'],
        value: lp,
        allowed: 'a non-empty CPLEX LP string',
      }),
    );
  }
  return withLpSolver((highs) => solveLpSync(highs, lp, options, 'solveLp'));
}

/** @internal Synchronous solve on an already-loaded instance; call only inside {@link withLpSolver}. */
export function solveLpSync(highs: Highs, lp: string, options: LpSolveOptions, fn: string): LpSolution {
  try {
    return highs.solve(lp, { output_flag: false, ...options });
  } catch (cause) {
    throw new NexFitraError(
      {
        code: 'BAD_DATA',
        fn,
        path: ['lp'],
        value: lp,
        allowed: 'a CPLEX LP model that HiGHS can read',
      },
      `${fn}: HiGHS rejected the model (${cause instanceof Error ? cause.message : String(cause)})`,
    );
  }
}

/** What {@link solveDataSync} found: the legacy status text, objective and column values. */
export interface DataSolution {
  /** As {@link LpSolution}'s `Status`: `Optimal`, `Infeasible`, `Time limit reached` … */
  readonly Status: LpSolution['Status'];
  /** Infinite when there is no solution. */
  readonly ObjectiveValue: number;
  /** Column values, or undefined when HiGHS holds no feasible solution (e.g. a MIP stopped before its first incumbent). */
  readonly x: Float64Array | undefined;
  /**
   * For an infeasible LP when asked (`ray`): HiGHS' dual ray, one multiplier per row, a
   * candidate Farkas certificate (check it before use: see `./_farkas`); undefined otherwise.
   */
  readonly ray?: Float64Array | undefined;
}

/** HiGHS' model status codes (`highs.constants.modelStatus`) as the legacy API names them. */
const STATUS_TEXT: Readonly<Record<number, LpSolution['Status']>> = {
  7: 'Optimal',
  8: 'Infeasible',
  9: 'Primal infeasible or unbounded',
  10: 'Unbounded',
  13: 'Time limit reached',
  14: 'Iteration limit reached',
};

/** Options every structured solve sets, so that none carries over from the solve before. */
const RESET_OPTIONS = {
  output_flag: false,
  presolve: 'choose',
  // HiGHS' default is no limit; the wrapper takes finite numbers only (1e30 s is none).
  time_limit: 1e30,
  mip_abs_gap: 1e-6,
  mip_rel_gap: 1e-4,
} as const;

/**
 * One persistent HiGHS model per loaded instance, reused by every structured solve, with the
 * option values last set on it (each option set is a call into the Wasm: only changed values
 * are passed).
 */
const models = new WeakMap<Highs, { model: Model; set: Map<string, unknown> }>();

/**
 * @internal Solves a structured model (columns, bounds, CSR rows; see `./_lp`) on a persistent
 * HiGHS model of the shared instance: no LP text is written or parsed, and no solver is
 * created per call (the legacy `solve` does both, about 3 × the time of a day's LP). Each
 * call passes the whole model, which clears the previous model, basis and solution, and holds
 * every option in {@link RESET_OPTIONS} plus `options` (passing only values that differ from
 * those last set), so the result does not depend on the solves before it. Call only inside {@link withLpSolver}. With `ray`, an infeasible LP also
 * returns HiGHS' dual ray.
 *
 * @throws {NexFitraError} `BAD_DATA` when HiGHS rejects the model; the persistent model is
 *   dropped and the next call starts a fresh one.
 */
export function solveDataSync(
  highs: Highs,
  data: ModelData,
  options: LpSolveOptions,
  fn: string,
  ray = false,
): DataSolution {
  let held = models.get(highs);
  let model: Model | undefined = held?.model;
  try {
    if (!held) {
      model = highs.createModel();
      held = { model, set: new Map() };
      models.set(highs, held);
    }
    const m = held.model;
    m.passModel(data);
    const changed: Record<string, unknown> = {};
    let any = false;
    for (const [k, v] of Object.entries({ ...RESET_OPTIONS, ...options })) {
      if (held.set.get(k) !== v) {
        changed[k] = v;
        any = true;
      }
    }
    if (any) {
      // Forgotten first: should HiGHS refuse a value, nothing half-set is believed set.
      for (const k of Object.keys(changed)) held.set.delete(k);
      m.options.set(changed as Parameters<Model['options']['set']>[0]);
      for (const [k, v] of Object.entries(changed)) held.set.set(k, v);
    }
    m.run();
    const code = m.getModelStatus() as number;
    const Status = STATUS_TEXT[code] ?? 'Unknown';
    // An optimal model holds a feasible primal solution; other statuses are asked.
    const feasible = code === 7 || (m.info.get('primal_solution_status') as number) === 2;
    const x = feasible && code !== 8 ? m.getSolution().colValue : undefined;
    const objective = x ? m.getObjectiveValue() : Number.POSITIVE_INFINITY;
    const y = ray && code === 8 ? m.getDualRay()?.values : undefined;
    return {
      Status,
      ObjectiveValue: Number.isFinite(objective) ? objective : Number.POSITIVE_INFINITY,
      x,
      ...(y ? { ray: Float64Array.from(y) } : {}),
    };
  } catch (cause) {
    models.delete(highs);
    try {
      model?.dispose();
    } catch {
      // Already unusable; dropped either way.
    }
    throw new NexFitraError(
      {
        code: 'BAD_DATA',
        fn,
        path: ['model'],
        value: { numCols: data.numCols, numRows: data.numRows },
        allowed: 'a model HiGHS can solve',
      },
      `${fn}: HiGHS rejected the model (${cause instanceof Error ? cause.message : String(cause)})`,
    );
  }
}
