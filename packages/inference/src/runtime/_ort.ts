import { NexFitraError } from '@nexfitra/core';
import { exposeKvDeltas } from './_kvDelta';
import type { Backend, BackendName, DecoderSession, HostTensor, SessionOptions } from './backend';
import { causeOf } from './select';

/** @internal The part of the onnxruntime-common API the adapters use (node and web share it). */
export interface OrtLike {
  readonly Tensor: new (type: never, data: never, dims: readonly number[]) => HostTensor;
  readonly InferenceSession: {
    create(model: never, options?: Record<string, unknown>): Promise<OrtSessionLike>;
  };
}

/** @internal */
export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  run(feeds: Record<string, unknown>, fetches?: readonly string[]): Promise<Record<string, HostTensor>>;
  release(): Promise<void>;
}

/**
 * @internal Opens a session from ONNX bytes some other way than `ort.InferenceSession.create`
 * (the node adapter's direct binding); throwing falls back to `create`.
 */
export type OrtOpener = (model: Uint8Array, options: Record<string, unknown>) => OrtSessionLike;

/**
 * @internal An adapter over an onnxruntime module (node or web): feeds that are already that
 * module's tensors pass through (the KV cache), plain {@link HostTensor}s are wrapped.
 */
export function ortBackend(
  name: BackendName,
  ort: OrtLike,
  executionProviders: readonly string[],
  extra: Readonly<Record<string, unknown>> = {},
  opener?: OrtOpener,
): Backend {
  const TensorCtor = ort.Tensor;
  const toOrt = (t: HostTensor): unknown =>
    (t as object) instanceof TensorCtor ? t : new TensorCtor(t.type as never, t.data as never, t.dims);
  return Object.freeze({
    name,
    async createSession(model: Uint8Array | string, opts: SessionOptions = {}): Promise<DecoderSession> {
      let s: OrtSessionLike | undefined;
      const create = async (m: Uint8Array | string): Promise<OrtSessionLike> => {
        const o = {
          executionProviders: [...executionProviders],
          graphOptimizationLevel: opts.graphOptimizationLevel ?? 'all',
          intraOpNumThreads: opts.intraOpNumThreads ?? 1,
          interOpNumThreads: 1,
          ...extra,
        };
        if (opener !== undefined && typeof m !== 'string') {
          try {
            return opener(m, o);
          } catch {
            // The public API below loads it or reports why not.
          }
        }
        return ort.InferenceSession.create(m as never, o);
      };
      // KV deltas where the graph has the standard Concat(past, new) shape; a patched graph the
      // runtime refuses falls back to the graph as it is (whose error, if any, is reported).
      const delta = typeof model !== 'string' && (opts.kvDeltas ?? true) ? exposeKvDeltas(model) : undefined;
      let kvDeltas: Readonly<Record<string, string>> | undefined;
      if (delta !== undefined) {
        try {
          s = await create(delta.bytes);
          kvDeltas = Object.freeze({ ...delta.deltas });
        } catch {
          s = undefined;
        }
      }
      try {
        s ??= await create(model);
      } catch (e) {
        throw new NexFitraError({
          code: 'BAD_DATA',
          fn: 'createSession',
          path: ['model'],
          value: typeof model === 'string' ? model : `${model.byteLength} bytes`,
          allowed: `an ONNX graph ${name} can load (it said: ${causeOf(e)})`,
        });
      }
      const session = s;
      const deltaNames = new Set(Object.values(kvDeltas ?? {}));
      /** Without fetches: the graph's own outputs (not the added deltas). */
      const plain = s.outputNames.filter((n) => !deltaNames.has(n));
      let released = false;
      return Object.freeze({
        inputNames: Object.freeze([...s.inputNames]),
        outputNames: Object.freeze(s.outputNames.filter((n) => !deltaNames.has(n))),
        ...(kvDeltas ? { kvDeltas } : {}),
        async run(feeds: Readonly<Record<string, HostTensor>>, fetches?: readonly string[]) {
          const f: Record<string, unknown> = {};
          for (const k in feeds) f[k] = toOrt(feeds[k]!);
          return fetches ? session.run(f, fetches) : session.run(f, plain);
        },
        async release() {
          if (released) return;
          released = true;
          await session.release();
        },
      });
    },
  });
}
