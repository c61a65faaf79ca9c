/**
 * The backend contract: open a decoder session from ONNX bytes (or a path, where the runtime
 * can read files), run it, release it. Adapters live behind subpath entries
 * (`@nexfitra/inference/node`, `/web`, `/transformers`); this file imports no runtime.
 */

/** Every backend the package knows, in the names errors and options use. */
export const BACKEND_NAMES = [
  'onnxruntime-node',
  'onnxruntime-web-webgpu',
  'onnxruntime-web-wasm',
  'transformers',
] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** Element types the decoder loop feeds and reads. */
export type TensorType = 'float32' | 'float16' | 'int64' | 'int32';

/**
 * A tensor as the loop sees it: type, flat data, dims. An onnxruntime `Tensor` satisfies it, so
 * a session's outputs can be fed back as the next step's inputs (the KV cache) without a copy.
 */
export interface HostTensor {
  readonly type: TensorType | string;
  readonly data: Float32Array | BigInt64Array | Int32Array | Uint16Array | ArrayLike<unknown>;
  readonly dims: readonly number[];
  /** Frees the runtime's memory for this tensor where the runtime supports it. */
  dispose?(): void;
}

export interface SessionOptions {
  /** onnxruntime graph optimisation level (default `all`). */
  readonly graphOptimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  /** Intra-op threads (onnxruntime-node; default 1: plan models are tiny and CPUs are shared). */
  readonly intraOpNumThreads?: number;
  /**
   * Expose KV-delta outputs (onnxruntime adapters, ONNX bytes; default true): the decode loop
   * then keeps the cache in its own buffers. Off: the graph is loaded as it is.
   */
  readonly kvDeltas?: boolean;
  /**
   * Run decode steps on a graph derived at load time (`buildDecodeGraph`: attention split over
   * the past and the new positions, no `present` copies, last-position logits), where the graph
   * has the standard attention shape (onnxruntime-node, ONNX bytes; default true there). Runs
   * that fetch anything else use the graph as it is (opened on first need). Off: never.
   */
  readonly decodeGraph?: boolean;
  /**
   * With the decode graph: also derive its shared-prefix variant (`DecodeIo.shared`), so that
   * rows continuing one prompt (a plan's days as one batch) read the prompt's cache once a run
   * instead of a copy each (default true). Off: the prompt's cache is copied into every row.
   */
  readonly sharedPrefix?: boolean;
}

/** The decode graph's names (`DecoderSession.decode`). */
export interface DecodeIo {
  /** Output: the last position's logits, `[batch, 1, vocab]`. */
  readonly logits: string;
  /** `past_key_values.{i}.key|value` → the input taking it time-major, `[past, batch, kvHeads, headDim]`. */
  readonly past: Readonly<Record<string, string>>;
  /** `present.{i}.key|value` → the output with a run's new positions, `[batch, kvHeads, new, headDim]`. */
  readonly deltas: Readonly<Record<string, string>>;
  /**
   * The first run, on an empty cache (which the time-major graph cannot take): fed under the
   * standard `past_key_values.*` names (empty), fetching {@link logits} and these outputs —
   * `present.{i}.key|value` → the new positions in the standard layout `[batch, kvHeads, new, headDim]`.
   */
  readonly first: Readonly<Record<string, string>>;
  /**
   * Where the adapter derived it: `past_key_values.{i}.key|value` → an input for the positions
   * every row shares, time-major with one row, `[shared, 1, kvHeads, headDim]`. A run of one new
   * position a row may feed the shared positions once under these names and each row's own
   * positions after them under {@link past} (at least one), instead of a copy of the shared ones
   * in every row: the rows' attention reads them once a run.
   */
  readonly shared?: Readonly<Record<string, string>>;
}

/** One open ONNX graph. `run` may be called many times; `release` once, after the last run. */
export interface DecoderSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /**
   * Where the adapter exposed them (see `exposeKvDeltas`): for each `present.*` output, the name
   * of an output holding only the positions a run adds (`[batch, heads, new, headDim]`), so a
   * loop can keep the cache itself instead of fetching all of it every run.
   */
  readonly kvDeltas?: Readonly<Record<string, string>>;
  /**
   * Where the adapter derived a decode graph (see `SessionOptions.decodeGraph`): a run that feeds
   * the cache time-major under {@link DecodeIo.past} and fetches only {@link DecodeIo.logits} and
   * {@link DecodeIo.deltas} outputs runs it (no cache copies, last-position logits); any other
   * run uses the standard graph.
   */
  readonly decode?: DecodeIo;
  /** Runs the graph; with `fetches`, only those outputs are computed and returned (default: all). */
  run(
    feeds: Readonly<Record<string, HostTensor>>,
    fetches?: readonly string[],
  ): Promise<Record<string, HostTensor>>;
  release(): Promise<void>;
}

/** An initialised runtime that opens sessions. */
export interface Backend {
  readonly name: BackendName;
  /**
   * Opens a session. `model` is the ONNX bytes, or a file path or URL where the runtime reads
   * one (transformers.js needs the model folder path: see its adapter).
   * @throws NexFitraError `BAD_DATA` when the runtime cannot load the graph (corrupt file, missing op)
   */
  createSession(model: Uint8Array | string, opts?: SessionOptions): Promise<DecoderSession>;
}

/** How an entry point makes a backend: called at most once per name, failures remembered. */
export type BackendLoader = () => Promise<Backend>;
