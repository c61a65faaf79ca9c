/**
 * A registry of plan models: register several (the rule planner, model folders), pick one per
 * call by id, load lazily, unload to free memory. Apps expose this as "model switching"; the
 * same request can be run against two ids side by side.
 */
import { NexFitraError } from '@nexfitra/core';
import type { PlanModel, PlanModelInfo } from './types';

/** Makes (loads) a model; called once, on first use. */
export type PlanModelFactory = () => PlanModel | Promise<PlanModel>;

/** One registry entry as listed. */
export interface RegistryEntry {
  readonly id: string;
  /** Known once loaded (or given at registration). */
  readonly info: PlanModelInfo | undefined;
  readonly loaded: boolean;
}

interface Slot {
  readonly factory: PlanModelFactory;
  info: PlanModelInfo | undefined;
  model: Promise<PlanModel> | undefined;
}

const ID = /^[\w:./@+-][\w:./@+ -]{0,199}$/;

/** Plan models by id (see the file comment). Not tied to Node: folder loading is an adapter's job. */
export class ModelRegistry {
  readonly #slots = new Map<string, Slot>();

  /**
   * Adds a model under `id`. `source` is a loaded model or a factory run on first use.
   * @throws {NexFitraError} `INVALID_TYPE` for a malformed id or source; `INCONSISTENT` when the id is taken
   */
  register(id: string, source: PlanModel | PlanModelFactory, info?: PlanModelInfo): this {
    const fn = 'ModelRegistry.register';
    if (typeof id !== 'string' || !ID.test(id)) {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn,
        path: ['id'],
        value: id,
        allowed: 'a non-empty id of letters, digits and : . / @ + - _ (at most 200 characters)',
      });
    }
    if (this.#slots.has(id)) {
      throw new NexFitraError({
        code: 'INCONSISTENT',
        fn,
        path: ['id'],
        value: id,
        allowed: `an id not yet registered (unregister "${id}" first)`,
      });
    }
    if (typeof source === 'function') {
      this.#slots.set(id, { factory: source, info, model: undefined });
    } else if (source !== null && typeof source === 'object' && 'kind' in source && 'info' in source) {
      this.#slots.set(id, {
        factory: () => source,
        info: info ?? source.info,
        model: Promise.resolve(source),
      });
    } else {
      throw new NexFitraError({
        code: 'INVALID_TYPE',
        fn,
        path: ['source'],
        value: source,
        allowed: 'a PlanModel ({ kind, info, … }) or a function that returns one',
      });
    }
    return this;
  }

  /** Whether `id` is registered. */
  has(id: string): boolean {
    return this.#slots.has(id);
  }

  /** Registered ids, in registration order, with what is known of each. */
  list(): RegistryEntry[] {
    return [...this.#slots].map(([id, s]) => ({ id, info: s.info, loaded: s.model !== undefined }));
  }

  /**
   * The model registered under `id`, loading it on first use (concurrent callers share one load;
   * a failed load is forgotten so the next call tries again).
   * @throws {NexFitraError} `INVALID_ENUM` naming the registered ids when `id` is unknown; what the factory throws
   */
  async get(id: string): Promise<PlanModel> {
    const slot = this.#slot('ModelRegistry.get', id);
    if (slot.model === undefined) {
      const loading = Promise.resolve().then(slot.factory);
      slot.model = loading;
      loading.then(
        (m) => {
          slot.info = m.info;
        },
        () => {
          if (slot.model === loading) slot.model = undefined;
        },
      );
    }
    return slot.model;
  }

  /** Releases the loaded model of `id` (its sessions and buffers); it reloads on next use. */
  async unload(id: string): Promise<void> {
    const slot = this.#slot('ModelRegistry.unload', id);
    const loading = slot.model;
    slot.model = undefined;
    if (loading === undefined) return;
    const m = await loading.catch(() => undefined);
    await m?.dispose?.();
  }

  /** Unloads and removes `id`. */
  async unregister(id: string): Promise<void> {
    await this.unload(id);
    this.#slots.delete(id);
  }

  /** Unloads every model. */
  async dispose(): Promise<void> {
    await Promise.all([...this.#slots.keys()].map((id) => this.unload(id)));
  }

  #slot(fn: string, id: string): Slot {
    const slot = this.#slots.get(id);
    if (slot === undefined) {
      throw new NexFitraError({
        code: 'INVALID_ENUM',
        fn,
        path: ['id'],
        value: id,
        allowed: `a registered model: ${[...this.#slots.keys()].map((k) => JSON.stringify(k)).join(', ') || '(none)'}`,
      });
    }
    return slot;
  }
}
