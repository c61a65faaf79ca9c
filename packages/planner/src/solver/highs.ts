/**
 * One shared HiGHS instance (HiGHS compiled to WebAssembly, the `highs` npm package), loaded
 * lazily on first use and reused: loading compiles ~3.5 MB of Wasm and costs tens of
 * milliseconds, a small LP afterwards costs about a millisecond. Solves are queued one after
 * another because a HiGHS instance is not re-entrant. A model HiGHS cannot read throws a
 * `NexFitraError` and leaves the instance usable for the next solve.
 */
import { NexFitraError } from '@nexfitra/core';
import type { Highs, InitOptions, LegacyHighsOptions, LegacyHighsSolution } from 'highs';

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
