import type { OrtOpener, OrtSessionLike } from './_ort';
import type { HostTensor } from './backend';

/** The part of onnxruntime-node's native binding (`dist/binding`, 1.30) the opener uses. */
interface NativeSession {
  loadModel(buffer: ArrayBufferLike, byteOffset: number, byteLength: number, options: object): void;
  readonly inputMetadata: readonly { readonly name: string }[];
  readonly outputMetadata: readonly { readonly name: string }[];
  run(feeds: object, fetches: Record<string, null>, options: object): Record<string, HostTensor>;
  dispose(): void;
}
interface NativeBinding {
  readonly binding: { readonly InferenceSession: new () => NativeSession };
  readonly initOrt: () => void;
}

/** Longest stretch of synchronous runs before the loop gives timers and I/O a turn. */
const YIELD_MS = 8;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * @internal Sessions on onnxruntime-node's native binding, called synchronously. The public
 * `InferenceSession.run` schedules every run on `setImmediate` and wraps it in two promise layers
 * and the common API's checks: about 40 µs of CPU a run, measured on the fixture (173 → 130 µs a
 * batch-1 step), more than the tiny plan models' own compute. Here a run is one native call, and
 * the event loop still gets a turn at least every {@link YIELD_MS} ms (timers, aborts, other
 * requests). Only for the onnxruntime-node versions it was checked against (1.30 and later 1.x,
 * whose binding is synchronous): otherwise `undefined` and the public API is used.
 */
export async function nodeBindingOpener(version: string | undefined): Promise<OrtOpener | undefined> {
  const [major, minor] = (version ?? '').split('.').map(Number);
  if (major !== 1 || minor === undefined || !(minor >= 30)) return undefined;
  let native: NativeBinding;
  try {
    native = (await import('onnxruntime-node/dist/binding.js' as string)) as NativeBinding;
    if (typeof native.binding?.InferenceSession !== 'function' || typeof native.initOrt !== 'function')
      return undefined;
  } catch {
    return undefined;
  }
  return (model: Uint8Array, options: Record<string, unknown>): OrtSessionLike => {
    native.initOrt();
    const s = new native.binding.InferenceSession();
    s.loadModel(model.buffer, model.byteOffset, model.byteLength, options);
    const inputNames = s.inputMetadata.map((m) => m.name);
    const outputNames = s.outputMetadata.map((m) => m.name);
    let yielded = performance.now();
    let disposed = false;
    return {
      inputNames,
      outputNames,
      hostFeeds: true,
      async run(feeds, fetches = outputNames) {
        if (performance.now() - yielded > YIELD_MS) {
          await turn();
          yielded = performance.now();
        }
        if (disposed) throw new Error('the session was released');
        // The binding reads type, dims, data and location of each feed: a plain tensor needs no
        // onnxruntime-common Tensor (whose constructor re-checks every feed, every run).
        const x: Record<string, unknown> = {};
        for (const k in feeds) {
          const t = feeds[k] as HostTensor & { location?: string };
          x[k] = t.location !== undefined ? t : { location: 'cpu', type: t.type, data: t.data, dims: t.dims };
        }
        const f: Record<string, null> = {};
        for (const n of fetches) f[n] = null;
        return s.run(x, f, {});
      },
      async release() {
        if (disposed) return;
        disposed = true;
        s.dispose();
      },
    };
  };
}
