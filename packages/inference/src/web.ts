/**
 * @packageDocumentation
 * `@nexfitra/inference/web`: load a model folder in a browser (files in memory or a base URL)
 * with onnxruntime-web — WebGPU first, wasm fallback. No Node built-ins, no onnxruntime-node.
 */

import { _loadFromSource, type LoadModelOptions } from './model/load';
import type { LoadedModel } from './model/loaded';
import { memorySource } from './model/source';
import { urlSource } from './model/urlSource';
import type { Backend, BackendLoader, BackendName } from './runtime/backend';
import { loadOnnxruntimeWasm, loadOnnxruntimeWebGpu, type OrtWebOptions } from './runtime/onnxruntimeWeb';
import { selectBackend } from './runtime/select';

export type { OrtWebOptions } from './runtime/onnxruntimeWeb';
export { loadOnnxruntimeWasm, loadOnnxruntimeWebGpu } from './runtime/onnxruntimeWeb';

/** Default order in a browser: WebGPU, then wasm. */
export const WEB_DEFAULT_ORDER: readonly BackendName[] = Object.freeze([
  'onnxruntime-web-webgpu',
  'onnxruntime-web-wasm',
]);

export interface LoadModelFromFilesOptions extends LoadModelOptions, OrtWebOptions {}

const _loaders = new Map<string, Readonly<Partial<Record<BackendName, BackendLoader>>>>();
/** One loader table per onnxruntime-web setting, so each backend initialises once. */
function webBackends(o: OrtWebOptions): Readonly<Partial<Record<BackendName, BackendLoader>>> {
  const key = `${o.wasmPaths ?? ''}|${o.numThreads ?? 1}`;
  let t = _loaders.get(key);
  if (t === undefined) {
    const opts = {
      ...(o.wasmPaths === undefined ? {} : { wasmPaths: o.wasmPaths }),
      ...(o.numThreads === undefined ? {} : { numThreads: o.numThreads }),
    };
    t = Object.freeze({
      'onnxruntime-web-webgpu': () => loadOnnxruntimeWebGpu(opts),
      'onnxruntime-web-wasm': () => loadOnnxruntimeWasm(opts),
    });
    _loaders.set(key, t);
  }
  return t;
}

/**
 * Loads a model folder given as files in memory (path → bytes) or as a base URL.
 * @throws NexFitraError as `loadModel` of the node entry
 */
export async function loadModelFromFiles(
  files: Readonly<Record<string, Uint8Array>> | string | URL,
  options: LoadModelFromFilesOptions = {},
): Promise<LoadedModel> {
  const source =
    typeof files === 'string' || files instanceof URL ? urlSource(String(files)) : memorySource(files);
  return _loadFromSource('loadModelFromFiles', source, options, webBackends(options), WEB_DEFAULT_ORDER);
}

/** The first of `order` (default WebGPU, wasm) that initialises in this page. */
export function selectWebBackend(
  order: readonly BackendName[] = WEB_DEFAULT_ORDER,
  options: OrtWebOptions = {},
): Promise<Backend> {
  return selectBackend(order, webBackends(options));
}
