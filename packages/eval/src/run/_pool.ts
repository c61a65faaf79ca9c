/**
 * @internal Child processes that each resolve the same model and serve one request at a time
 * (processes, not worker threads: loader hooks of a source run reach a forked child through
 * its exec arguments, and a child that is killed never keeps the parent alive).
 * Source runs (tsx) fork `_worker.ts` with the parent's exec arguments; builds fork `_worker.js`.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PlanRequestT } from '@nexfitra/core';
import type { PlanOneResult } from './_planOne';

type Pending = { resolve: (r: PlanOneResult) => void; reject: (e: Error) => void };

export class WorkerPool {
  private readonly idle: ChildProcess[] = [];
  private readonly waiting: ((w: ChildProcess) => void)[] = [];
  private readonly pending = new Map<number, Pending>();
  private seq = 0;
  /** Largest resident memory a worker reported, bytes. */
  peakRss = 0;

  private constructor(private readonly workers: readonly ChildProcess[]) {
    this.idle.push(...workers);
  }

  /** `false` in a CommonJS build, where the worker file cannot be located (runs stay in-process). */
  static available(): boolean {
    return typeof import.meta.url === 'string';
  }

  /** Starts `n` workers for `spec` and waits until each has loaded the model. */
  static async start(spec: string, n: number, timeoutMs: number): Promise<WorkerPool> {
    const here = import.meta.url;
    const file = fileURLToPath(new URL(here.endsWith('.ts') ? './_worker.ts' : './_worker.js', here));
    const workers = Array.from({ length: n }, () =>
      fork(file, [], {
        execArgv: process.execArgv,
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
            w.send({ spec, timeoutMs });
          }),
      ),
    );
    const pool = new WorkerPool(workers);
    for (const w of workers) {
      w.removeAllListeners('exit');
      w.on('message', (m: { i: number; result: PlanOneResult; rss: number }) => {
        pool.peakRss = Math.max(pool.peakRss, m.rss);
        const p = pool.pending.get(m.i);
        pool.pending.delete(m.i);
        pool.release(w);
        p?.resolve(m.result);
      });
      w.on('exit', (code) => {
        for (const p of pool.pending.values()) p.reject(new Error(`a worker exited with ${code}`));
        pool.pending.clear();
      });
    }
    return pool;
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

  async run(request: PlanRequestT): Promise<PlanOneResult> {
    const w = await this.acquire();
    const i = this.seq++;
    return new Promise((resolve, reject) => {
      this.pending.set(i, { resolve, reject });
      w.send({ i, request });
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
