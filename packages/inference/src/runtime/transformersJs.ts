import { NexFitraError } from '@nexfitra/core';
import type { Backend, DecoderSession, HostTensor, SessionOptions } from './backend';
import { causeOf } from './select';

/** Options of the transformers.js adapter. */
export interface TransformersOptions extends SessionOptions {
  /** Which ONNX file transformers.js reads: `fp32` → `model.onnx`, `q8` → `model_quantized.onnx`, `q4` → `model_q4.onnx`. */
  readonly dtype?: 'fp32' | 'q8' | 'q4';
}

type TfModule = typeof import('@huggingface/transformers');

const _split = (path: string): { root: string; name: string } => {
  const clean = path.replace(/[\\/]+$/, '');
  const cut = Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\'));
  return { root: cut < 0 ? '.' : clean.slice(0, cut + 1), name: clean.slice(cut + 1) };
};

/**
 * The @huggingface/transformers adapter: the model folder is opened by transformers.js itself
 * (`AutoModelForCausalLM`, local files only — `env.allowRemoteModels = false`, never the network)
 * and its decoder session is run step by step by our loop. `createSession` takes the folder path
 * (a local path in Node, a same-origin URL in a browser), not bytes.
 */
export async function loadTransformers(): Promise<Backend> {
  const tf: TfModule = await import('@huggingface/transformers');
  tf.env.allowRemoteModels = false;
  tf.env.allowLocalModels = true;
  const probe = new tf.Tensor('int64', new BigInt64Array(1), [1]) as unknown as { ort_tensor: object };
  const OrtTensor = probe.ort_tensor.constructor;
  const toOrt = (t: HostTensor): unknown =>
    t instanceof OrtTensor
      ? t
      : (new tf.Tensor(t.type as never, t.data as never, [...t.dims]) as never as { ort_tensor: unknown })
          .ort_tensor;
  return Object.freeze({
    name: 'transformers' as const,
    async createSession(model: Uint8Array | string, opts: TransformersOptions = {}): Promise<DecoderSession> {
      if (typeof model !== 'string') {
        throw new NexFitraError({
          code: 'INVALID_TYPE',
          fn: 'createSession',
          path: ['model'],
          value: `${model.byteLength} bytes`,
          allowed: 'the model folder path (transformers.js opens folders, not bytes)',
        });
      }
      const { root, name } = _split(model);
      tf.env.localModelPath = root;
      let m: {
        sessions: Record<
          string,
          {
            inputNames: string[];
            outputNames: string[];
            run(f: unknown): Promise<Record<string, HostTensor>>;
          }
        >;
        dispose(): Promise<unknown>;
      };
      try {
        m = (await tf.AutoModelForCausalLM.from_pretrained(name, {
          local_files_only: true,
          dtype: opts.dtype ?? 'fp32',
          device: 'cpu',
        } as never)) as never;
      } catch (e) {
        throw new NexFitraError({
          code: 'BAD_DATA',
          fn: 'createSession',
          path: ['model'],
          value: model,
          allowed: `a model folder transformers.js can open offline (it said: ${causeOf(e)})`,
        });
      }
      const s = m.sessions['model'] ?? Object.values(m.sessions)[0]!;
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
          await m.dispose();
        },
      });
    },
  });
}
