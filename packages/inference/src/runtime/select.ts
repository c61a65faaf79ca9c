import { NexFitraError } from '@nexfitra/core';
import { BACKEND_NAMES, type Backend, type BackendLoader, type BackendName } from './backend';

/** Why one backend in the order could not be used. */
export interface BackendFailure {
  readonly backend: string;
  readonly cause: string;
}

const _initialised = new WeakMap<BackendLoader, Promise<Backend>>();

/** Runs a loader once; later calls get the same backend, or the same failure. */
export function initBackend(loader: BackendLoader): Promise<Backend> {
  let p = _initialised.get(loader);
  if (p === undefined) {
    p = loader();
    _initialised.set(loader, p);
  }
  return p;
}

export const causeOf = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0]!;

/** The `NexFitraError` thrown when every backend in the order failed: each one and its cause. */
export function allBackendsFailed(fn: string, failures: readonly BackendFailure[]): NexFitraError {
  const list = failures.map((f) => `${f.backend}: ${f.cause}`).join('; ');
  return new NexFitraError({
    code: 'INCONSISTENT',
    fn,
    path: ['backends'],
    value: failures.map((f) => f.backend),
    allowed: `a backend that initialises here — tried ${list || 'none (empty order)'}`,
  });
}

/** Checks an order of backend names against what the entry point offers. */
export function checkOrder(
  fn: string,
  order: unknown,
  offered: Readonly<Partial<Record<BackendName, BackendLoader>>>,
): BackendName[] {
  if (!Array.isArray(order) || order.length === 0) {
    throw new NexFitraError({
      code: 'INVALID_TYPE',
      fn,
      path: ['backends'],
      value: order,
      allowed: `a non-empty array of ${Object.keys(offered).join(', ')}`,
    });
  }
  return order.map((n, i) => {
    if (typeof n !== 'string' || !(BACKEND_NAMES as readonly string[]).includes(n) || !(n in offered)) {
      throw new NexFitraError({
        code: 'INVALID_ENUM',
        fn,
        path: ['backends', i],
        value: n,
        allowed: `one of ${Object.keys(offered).join(', ')} (this entry point)`,
      });
    }
    return n as BackendName;
  });
}

/**
 * The first backend in `order` that initialises, trying them in turn; each loader runs once per
 * process. Ordered and loud: when all fail, the error lists every backend and its cause.
 * @throws NexFitraError `INVALID_ENUM` for a name the entry does not offer; `INCONSISTENT` when all fail
 */
export async function selectBackend(
  order: readonly BackendName[],
  loaders: Readonly<Partial<Record<BackendName, BackendLoader>>>,
): Promise<Backend> {
  const names = checkOrder('selectBackend', order, loaders);
  const failures: BackendFailure[] = [];
  for (const name of names) {
    try {
      return await initBackend(loaders[name]!);
    } catch (e) {
      failures.push({ backend: name, cause: causeOf(e) });
    }
  }
  throw allBackendsFailed('selectBackend', failures);
}
