import { NexFitraError } from '@nexfitra/core';
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
  run(feeds: Record<string, unknown>): Promise<Record<string, HostTensor>>;
  release(): Promise<void>;
}

/**
 * @internal An adapter over an onnxruntime module (node or web): feeds that are already that
 * module's tensors pass through (the KV cache), plain {@link HostTensor}s are wrapped.
 */
export function ortBackend(
  name: BackendName,
  ort: OrtLike,
  executionProviders: readonly string[],
  extra: Readonly<Record<string, unknown>> = {},
): Backend {
  const TensorCtor = ort.Tensor;
  const toOrt = (t: HostTensor): unknown =>
    (t as object) instanceof TensorCtor ? t : new TensorCtor(t.type as never, t.data as never, t.dims);
  return Object.freeze({
    name,
    async createSession(model: Uint8Array | string, opts: SessionOptions = {}): Promise<DecoderSession> {
      let s: OrtSessionLike;
      try {
        s = await ort.InferenceSession.create(model as never, {
          executionProviders: [...executionProviders],
          graphOptimizationLevel: opts.graphOptimizationLevel ?? 'all',
          intraOpNumThreads: opts.intraOpNumThreads ?? 1,
          interOpNumThreads: 1,
          ...extra,
        });
      } catch (e) {
        throw new NexFitraError({
          code: 'BAD_DATA',
          fn: 'createSession',
          path: ['model'],
          value: typeof model === 'string' ? model : `${model.byteLength} bytes`,
          allowed: `an ONNX graph ${name} can load (it said: ${causeOf(e)})`,
        });
      }
      let released = false;
      return Object.freeze({
        inputNames: Object.freeze([...s.inputNames]),
        outputNames: Object.freeze([...s.outputNames]),
        async run(feeds: Readonly<Record<string, HostTensor>>) {
          const f: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(feeds)) f[k] = toOrt(v);
          return s.run(f);
        },
        async release() {
          if (released) return;
          released = true;
          await s.release();
        },
      });
    },
  });
}
