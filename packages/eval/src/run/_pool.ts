/**
 * @internal Child processes that plan and score requests, one at a time each, for any model of
 * the run: a worker resolves a model argument on first use and keeps it until the next model
 * arrives (models run one after another), so one pool serves a whole `compare` and start-up is
 * paid once (processes, not worker threads: loader hooks of a source run reach a forked child
 * through its exec arguments, and a child that is killed never keeps the parent alive).
 * Source runs (tsx) fork `_worker.ts` with the parent's exec arguments; builds fork `_worker.js`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PlanRequestT } from '@nexfitra/core';
import type { PlanOneResult } from './_planOne';

type Pending = { spec: string; resolve: (r: PlanOneResult) => void; reject: (e: Error) => void };
type Reply = { i: number; result: PlanOneResult; rss: number } | { i: number; error: string };

export class WorkerPool {
  private readonly idle: ChildProcess[] = [];
  private readonly waiting: ((w: ChildProcess) => void)[] = [];
  private readonly pending = new Map<number, Pending>();
  private readonly peaks = new Map<string, number>();
  private seq = 0;
  /** Largest resident memory any worker reported, bytes. */
  peakRss = 0;

  private constructor(private readonly workers: readonly ChildProcess[]) {
    this.idle.push(...workers);
  }

  /** Workers in the pool. */
  get size(): number {
    return this.workers.length;
  }

  /** `false` in a CommonJS build, where the worker file cannot be located (runs stay in-process). */
  static available(): boolean {
    return typeof import.meta.url === 'string';
  }

  /**
   * Starts `n` workers and waits until each is up. `spec` (optional) is resolved in each worker
   * before it reports ready, so a model's load time is not counted in its first request.
   */
  static async start(n: number, timeoutMs: number, spec?: string): Promise<WorkerPool> {
    const here = import.meta.url;
    const file = fileURLToPath(new URL(here.endsWith('.ts') ? './_worker.ts' : './_worker.js', here));
    // A source run outside tsx (vitest) gives the children tsx and the source condition itself.
    const execArgv =
      file.endsWith('.ts') && !process.execArgv.some((a) => a.includes('tsx'))
        ? [...process.execArgv, '--import', 'tsx', '--conditions=@nexfitra/source']
        : process.execArgv;
    const workers = Array.from({ length: n }, () =>
      fork(file, [], {
        execArgv,
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      }),
    );
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            w.once('error', reject);
            w.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
            w.once('message', (m) =>
              m === 'ready' ? resolve() : reject(new Error(`worker: unexpected ${String(m)}`)),
            );
            w.send({ timeoutMs, ...(spec !== undefined ? { spec } : {}) });
          }),
      ),
    );
    const pool = new WorkerPool(workers);
    for (const w of workers) {
      w.removeAllListeners('exit');
      w.on('message', (m: Reply) => {
        const p = pool.pending.get(m.i);
        pool.pending.delete(m.i);
        pool.release(w);
        if (p === undefined) return;
        if ('error' in m) return p.reject(new Error(m.error));
        pool.peakRss = Math.max(pool.peakRss, m.rss);
        pool.peaks.set(p.spec, Math.max(pool.peaks.get(p.spec) ?? 0, m.rss));
        p.resolve(m.result);
      });
      w.on('exit', (code) => {
        for (const p of pool.pending.values()) p.reject(new Error(`a worker exited with ${code}`));
        pool.pending.clear();
      });
    }
    return pool;
  }

  /** Largest resident memory a worker reported after a request of `spec`, bytes (0 if none ran). */
  peakRssOf(spec: string): number {
    return this.peaks.get(spec) ?? 0;
  }

  private release(w: ChildProcess): void {
    const next = this.waiting.shift();
    if (next) next(w);
    else this.idle.push(w);
  }

  private acquire(): Promise<ChildProcess> {
    const w = this.idle.pop();
    return w ? Promise.resolve(w) : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Plans and scores `request` with the model `spec` in the next free worker. */
  async run(spec: string, request: PlanRequestT): Promise<PlanOneResult> {
    const w = await this.acquire();
    const i = this.seq++;
    return new Promise((resolve, reject) => {
      this.pending.set(i, { spec, resolve, reject });
      w.send({ i, spec, request });
    });
  }

  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.removeAllListeners();
            if (w.exitCode !== null || w.signalCode !== null) return resolve();
            w.once('exit', () => resolve());
            w.kill();
          }),
      ),
    );
  }
}
