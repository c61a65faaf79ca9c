import { type ModelDtypeT, type ModelManifestT, NexFitraError } from '@nexfitra/core';
import { checkNumber } from '@nexfitra/core/internal';
import { createTokenizer } from '../generate/tokenizer';
import type { BackendLoader, BackendName, DecoderSession, SessionOptions } from '../runtime/backend';
import { allBackendsFailed, type BackendFailure, causeOf, checkOrder, initBackend } from '../runtime/select';
import { readDecoderConfig } from './config';
import { checkDecoderIo } from './io';
import type { LoadedModel } from './loaded';
import { checkFileHash, checkFileSize, MANIFEST_FILE, readManifest } from './manifest';
import type { ModelSource } from './source';

/** transformers.js file names per dtype. */
export const ONNX_FILES: Readonly<Record<ModelDtypeT, string>> = Object.freeze({
  fp32: 'onnx/model.onnx',
  fp16: 'onnx/model_fp16.onnx',
  q8: 'onnx/model_quantized.onnx',
  q4: 'onnx/model_q4.onnx',
});

export interface LoadModelOptions extends SessionOptions {
  /** Backends to try, in order (the entry point's default order when omitted). */
  readonly backends?: readonly BackendName[];
  /** Weight file to load (default: the manifest's first dtype, else fp32). */
  readonly dtype?: ModelDtypeT;
  /**
   * Check `nexfitra.json` (hashes, sizes, language version). Default: when the folder has one.
   * `true` refuses a folder without a manifest; `false` skips the checks (a model you trust).
   */
  readonly verify?: boolean;
  /** Largest file accepted, in bytes (default 2 GiB). */
  readonly maxFileBytes?: number;
}

const DEFAULT_MAX_FILE = 2 * 1024 ** 3;

/**
 * @internal Loads a model folder from any source with the entry point's backends: manifest and
 * file checks, config, tokenizer, then the first backend in order that opens the graph.
 */
export async function _loadFromSource(
  fn: string,
  source: ModelSource,
  options: LoadModelOptions,
  loaders: Readonly<Partial<Record<BackendName, BackendLoader>>>,
  defaultOrder: readonly BackendName[],
): Promise<LoadedModel> {
  const order = checkOrder(fn, options.backends ?? defaultOrder, loaders);
  const maxFileBytes =
    options.maxFileBytes === undefined
      ? DEFAULT_MAX_FILE
      : checkNumber(fn, 'maxFileBytes', options.maxFileBytes, { min: 1, integer: true });
  const hasManifest = await source.exists(MANIFEST_FILE);
  if (options.verify === true && !hasManifest) {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn,
      path: [MANIFEST_FILE],
      value: source.location,
      allowed: `a model folder with ${MANIFEST_FILE} (verify: true)`,
    });
  }
  let manifest: ModelManifestT | undefined;
  if (hasManifest && options.verify !== false) {
    checkFileSize(
      undefined,
      MANIFEST_FILE,
      await source.size(MANIFEST_FILE),
      Math.min(maxFileBytes, 1024 ** 2),
    );
    manifest = readManifest(await source.read(MANIFEST_FILE));
  }
  const read = async (path: string): Promise<Uint8Array> => {
    checkFileSize(manifest, path, await source.size(path), maxFileBytes);
    const bytes = await source.read(path);
    checkFileSize(manifest, path, bytes.byteLength, maxFileBytes);
    await checkFileHash(manifest, path, bytes);
    return bytes;
  };
  const json = async (path: string): Promise<unknown> => {
    const bytes = await read(path);
    try {
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch (e) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn,
        path: [path],
        value: causeOf(e),
        allowed: 'a JSON file',
      });
    }
  };
  const dtype = options.dtype ?? manifest?.dtypes[0] ?? 'fp32';
  if (manifest !== undefined && !manifest.dtypes.includes(dtype)) {
    throw new NexFitraError({
      code: 'INVALID_ENUM',
      fn,
      path: ['dtype'],
      value: dtype,
      allowed: `one of ${manifest.dtypes.join(', ')} (the folder's dtypes)`,
    });
  }
  const config = readDecoderConfig(await json('config.json'));
  const tokenizerConfig = (await source.exists('tokenizer_config.json'))
    ? ((await json('tokenizer_config.json')) as Record<string, unknown>)
    : {};
  const tokenizer = createTokenizer(await json('tokenizer.json'), tokenizerConfig, config.eosIds);
  const onnxFile = ONNX_FILES[dtype];
  const onnx = await read(onnxFile);

  const failures: BackendFailure[] = [];
  let opened = 0;
  for (const name of order) {
    let session: DecoderSession;
    try {
      const backend = await initBackend(loaders[name]!);
      opened++;
      const model = name === 'transformers' ? source.folder : onnx;
      if (model === undefined)
        throw new Error('transformers.js opens a folder path or URL, and this source has none');
      session = await backend.createSession(model, options);
    } catch (e) {
      failures.push({ backend: name, cause: causeOf(e) });
      continue;
    }
    let io: ReturnType<typeof checkDecoderIo>;
    try {
      io = checkDecoderIo(session, config, onnxFile);
    } catch (e) {
      await session.release();
      throw e;
    }
    let disposed = false;
    return Object.freeze({
      manifest,
      config,
      tokenizer,
      backend: name,
      dtype,
      session,
      io,
      async dispose() {
        if (disposed) return;
        disposed = true;
        await session.release();
      },
    });
  }
  // Every runtime that initialised refused the graph: the file is the problem, not the runtimes.
  if (opened > 0) {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn,
      path: [onnxFile],
      value: `${onnx.byteLength} bytes`,
      allowed: `an ONNX decoder graph the runtimes can load — ${failures.map((f) => `${f.backend}: ${f.cause}`).join('; ')}`,
    });
  }
  throw allBackendsFailed(fn, failures);
}
