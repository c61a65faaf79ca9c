import { NexFitraError } from '@nexfitra/core';
import { type OrtLike, ortBackend } from './_ort';
import type { Backend } from './backend';

/** Where onnxruntime-web finds its `.wasm`/`.mjs` files (never a CDN: nothing downloads). */
export interface OrtWebOptions {
  /** A URL prefix (ending in `/`) serving onnxruntime-web's `dist/` files. */
  readonly wasmPaths?: string;
  /** wasm threads (default 1; more need cross-origin isolation). */
  readonly numThreads?: number;
}

type OrtWeb = OrtLike & { env: { wasm: { wasmPaths?: unknown; numThreads?: number; proxy?: boolean } } };

async function importOrtWeb(opts: OrtWebOptions, webgpu: boolean): Promise<OrtWeb> {
  const ort = (webgpu
    ? await import('onnxruntime-web/webgpu')
    : await import('onnxruntime-web/wasm')) as unknown as OrtWeb;
  if (opts.wasmPaths !== undefined) ort.env.wasm.wasmPaths = opts.wasmPaths;
  ort.env.wasm.numThreads = opts.numThreads ?? 1;
  return ort;
}

/**
 * onnxruntime-web with the WebGPU execution provider. Fails (so selection moves on) where the
 * browser has no `navigator.gpu` or no adapter.
 */
export async function loadOnnxruntimeWebGpu(opts: OrtWebOptions = {}): Promise<Backend> {
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator?.gpu;
  if (gpu === undefined) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn: 'loadOnnxruntimeWebGpu',
      path: ['navigator', 'gpu'],
      value: undefined,
      allowed: 'a browser with WebGPU (navigator.gpu)',
    });
  }
  if ((await gpu.requestAdapter()) === null) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn: 'loadOnnxruntimeWebGpu',
      path: ['navigator', 'gpu', 'requestAdapter'],
      value: null,
      allowed: 'a WebGPU adapter (requestAdapter() returned null)',
    });
  }
  return ortBackend('onnxruntime-web-webgpu', await importOrtWeb(opts, true), ['webgpu']);
}

/** onnxruntime-web with the wasm (CPU) execution provider: works in every browser and in Node. */
export async function loadOnnxruntimeWasm(opts: OrtWebOptions = {}): Promise<Backend> {
  return ortBackend('onnxruntime-web-wasm', await importOrtWeb(opts, false), ['wasm']);
}
