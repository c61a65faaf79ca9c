import { NexFitraError } from '@nexfitra/core';
import { buildDecodeGraph, type DecodeGraph, LAST_LOGITS } from './_decodeGraph';
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
  /** The session takes plain {@link HostTensor} feeds (no onnxruntime `Tensor` needed). */
  readonly hostFeeds?: boolean;
}

/**
 * @internal Opens a session from ONNX bytes some other way than `ort.InferenceSession.create`
 * (the node adapter's direct binding); throwing falls back to `create`.
 */
export type OrtOpener = (model: Uint8Array, options: Record<string, unknown>) => OrtSessionLike;

/**
 * @internal An adapter over an onnxruntime module (node or web): feeds that are already that
 * module's tensors pass through (the KV cache), plain {@link HostTensor}s are wrapped.
 * `decodeGraphs`: whether `SessionOptions.decodeGraph` defaults to on (node; the web adapters
 * keep the standard graph, checked in the browser test).
 */
export function ortBackend(
  name: BackendName,
  ort: OrtLike,
  executionProviders: readonly string[],
  extra: Readonly<Record<string, unknown>> = {},
  opener?: OrtOpener,
  decodeGraphs = false,
): Backend {
  const TensorCtor = ort.Tensor;
  const toOrt = (t: HostTensor): unknown =>
    (t as object) instanceof TensorCtor ? t : new TensorCtor(t.type as never, t.data as never, t.dims);
  return Object.freeze({
    name,
    async createSession(model: Uint8Array | string, opts: SessionOptions = {}): Promise<DecoderSession> {
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
      const bytes = typeof model === 'string' ? undefined : model;
      // The decode graph where the graph has the standard attention shape (a patched graph the
      // runtime refuses falls back to the standard one).
      const wanted = bytes !== undefined && (opts.decodeGraph ?? decodeGraphs) && (opts.kvDeltas ?? true);
      const decode = wanted ? buildDecodeGraph(bytes) : undefined;
      const first = decode !== undefined ? buildDecodeGraph(bytes!, false) : undefined;
      let d: OrtSessionLike | undefined;
      let d0: OrtSessionLike | undefined;
      if (decode !== undefined && first !== undefined) {
        try {
          d = await create(decode.bytes);
          d0 = await create(first.bytes);
        } catch {
          await d?.release();
          d = undefined;
        }
      }
      /** A session of a further derived graph, or undefined where there is none or the runtime refuses it. */
      const variant = async (g: DecodeGraph | undefined) => {
        try {
          return g === undefined ? undefined : { d: await create(g.bytes), decode: g };
        } catch {
          return undefined;
        }
      };
      // Runs of one new position: the decode graph without the attention mask (see buildDecodeGraph's `single`).
      const d1 = await variant(
        d !== undefined && d0 !== undefined ? buildDecodeGraph(bytes!, true, true) : undefined,
      );
      // Runs of one new position over a prefix the rows share, read once (buildDecodeGraph's `prefix`).
      const dS = await variant(
        d1 !== undefined && (opts.sharedPrefix ?? true)
          ? buildDecodeGraph(bytes!, true, true, true)
          : undefined,
      );
      /** The standard graph, with KV-delta outputs where it has the Concat(past, new) shape. */
      const openStandard = async (): Promise<{
        s: OrtSessionLike;
        kvDeltas: Readonly<Record<string, string>> | undefined;
      }> => {
        const delta = bytes !== undefined && (opts.kvDeltas ?? true) ? exposeKvDeltas(bytes) : undefined;
        if (delta !== undefined) {
          try {
            return { s: await create(delta.bytes), kvDeltas: Object.freeze({ ...delta.deltas }) };
          } catch {
            // The graph as it is, below.
          }
        }
        try {
          return { s: await create(model), kvDeltas: undefined };
        } catch (e) {
          throw new NexFitraError({
            code: 'BAD_DATA',
            fn: 'createSession',
            path: ['model'],
            value: typeof model === 'string' ? model : `${model.byteLength} bytes`,
            allowed: `an ONNX graph ${name} can load (it said: ${causeOf(e)})`,
          });
        }
      };
      if (d !== undefined && d0 !== undefined && decode !== undefined && first !== undefined)
        return decodeSession({ d, decode }, { d: d0, decode: first }, openStandard, toOrt, d1?.d, dS);
      const { s: session, kvDeltas } = await openStandard();
      const deltaNames = new Set(Object.values(kvDeltas ?? {}));
      /** Without fetches: the graph's own outputs (not the added deltas). */
      const plain = session.outputNames.filter((n) => !deltaNames.has(n));
      let released = false;
      return Object.freeze({
        inputNames: Object.freeze([...session.inputNames]),
        outputNames: Object.freeze(plain),
        ...(kvDeltas ? { kvDeltas } : {}),
        async run(feeds: Readonly<Record<string, HostTensor>>, fetches?: readonly string[]) {
          const f: Record<string, unknown> = {};
          for (const k in feeds) f[k] = session.hostFeeds ? feeds[k] : toOrt(feeds[k]!);
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

/**
 * A session whose decode runs use the decode graph (the cache fed time-major under
 * `decode.past`, fetching `decode.logits` and `decode.deltas`), whose first runs on an empty
 * cache use its standard-layout twin (`decode.first`: onnxruntime 1.30's FusedMatMul stops the
 * process with SIGFPE on an empty time-major operand), and whose other runs use the standard
 * graph, opened on first need: the same contract as the standard graph's session. A decode run of
 * one new position a row goes to `single` where there is one (the decode graph without the
 * attention mask, which the loop's all-ones masks make a no-op there: the same numbers, ~15 % fewer
 * nodes on the tiny fixture), and one that feeds the positions a batch's rows share under
 * `DecodeIo.shared` to `shared` (the prompt's cache read once a run, not once a row).
 */
function decodeSession(
  tm: { d: OrtSessionLike; decode: DecodeGraph },
  first: { d: OrtSessionLike; decode: DecodeGraph },
  openStandard: () => Promise<{ s: OrtSessionLike }>,
  toOrt: (t: HostTensor) => unknown,
  single?: OrtSessionLike,
  shared?: { d: OrtSessionLike; decode: DecodeGraph },
): DecoderSession {
  const { decode } = tm;
  const sharedNames = shared ? Object.values(shared.decode.sharedInputs!) : [];
  const tmOwn = new Set(decode.outputNames);
  const firstOwn = new Set(first.decode.outputNames);
  const tmPast = Object.values(decode.pastInputs);
  const standardPast = Object.keys(decode.pastInputs);
  let standard: Promise<{ s: OrtSessionLike }> | undefined;
  let released = false;
  return Object.freeze({
    inputNames: Object.freeze([...decode.standardInputs]),
    outputNames: Object.freeze([...decode.standardOutputs]),
    decode: Object.freeze({
      logits: LAST_LOGITS,
      past: Object.freeze({ ...decode.pastInputs }),
      deltas: Object.freeze({ ...decode.deltas }),
      first: Object.freeze({ ...first.decode.deltas }),
      ...(shared ? { shared: Object.freeze({ ...shared.decode.sharedInputs! }) } : {}),
    }),
    async run(feeds: Readonly<Record<string, HostTensor>>, fetches?: readonly string[]) {
      if (released) throw new Error('the session was released');
      const on = (s: OrtSessionLike) => {
        if (s.hostFeeds) return feeds;
        const f: Record<string, unknown> = {};
        for (const k in feeds) f[k] = toOrt(feeds[k]!);
        return f;
      };
      if (shared !== undefined && feeds[sharedNames[0]!] !== undefined) {
        if (feeds['input_ids']?.dims[1] !== 1 || !sharedNames.every((n) => feeds[n] !== undefined))
          throw new Error('the shared-prefix graph takes one new position a row and every shared input');
        if (feeds[tmPast[0]!]!.dims[0] === 0)
          throw new Error('the shared-prefix graph needs at least one position of each row’s own');
        return shared.d.run(on(shared.d), fetches);
      }
      if (fetches?.every((n) => tmOwn.has(n)) && tmPast.every((n) => feeds[n] !== undefined)) {
        if (feeds[tmPast[0]!]!.dims[0] === 0)
          throw new Error(
            'the decode graph needs a non-empty cache: run the first positions with decode.first',
          );
        const d = single !== undefined && feeds['input_ids']?.dims[1] === 1 ? single : tm.d;
        return d.run(on(d), fetches);
      }
      if (fetches?.every((n) => firstOwn.has(n)) && standardPast.every((n) => feeds[n] !== undefined))
        return first.d.run(on(first.d), fetches);
      standard ??= openStandard();
      const { s } = await standard;
      return s.run(on(s), fetches ?? decode.standardOutputs);
    },
    async release() {
      if (released) return;
      released = true;
      await tm.d.release();
      await first.d.release();
      await single?.release();
      await shared?.d.release();
      if (standard !== undefined) await (await standard.catch(() => undefined))?.s.release();
    },
  });
}
