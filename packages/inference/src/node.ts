/**
 * @packageDocumentation
 * `@nexfitra/inference/node`: load model folders from disk with onnxruntime-node (default),
 * transformers.js or onnxruntime-web's wasm backend, and write `nexfitra.json` manifests.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelManifestT } from '@nexfitra/core';
import { _loadFromSource, type LoadModelOptions } from './model/load';
import type { LoadedModel } from './model/loaded';
import { buildManifest, MANIFEST_FILE, type ManifestInfo } from './model/manifest';
import { nodeFolderSource } from './model/nodeSource';
import { type ModelFolderOptions, registerFolderWith } from './registry/folder';
import type { ModelRegistry } from './registry/registry';
import type { Backend, BackendLoader, BackendName } from './runtime/backend';
import { loadOnnxruntimeNode } from './runtime/onnxruntimeNode';
import { loadOnnxruntimeWasm } from './runtime/onnxruntimeWeb';
import { selectBackend } from './runtime/select';
import { loadTransformers } from './runtime/transformersJs';

export type { LoadModelOptions } from './model/load';
export type { ManifestInfo } from './model/manifest';
export type { ModelFolderOptions } from './registry/folder';
export { loadOnnxruntimeNode } from './runtime/onnxruntimeNode';

/** Backends this entry offers, by name; each loader initialises once per process. */
export const NODE_BACKENDS: Readonly<Partial<Record<BackendName, BackendLoader>>> = Object.freeze({
  'onnxruntime-node': loadOnnxruntimeNode,
  transformers: loadTransformers,
  'onnxruntime-web-wasm': () => loadOnnxruntimeWasm(),
});

/** Default order in Node. */
export const NODE_DEFAULT_ORDER: readonly BackendName[] = Object.freeze(['onnxruntime-node']);

/**
 * Loads a model folder (transformers.js layout, optionally with `nexfitra.json`) from disk.
 * @throws NexFitraError `BAD_DATA` (missing/tampered/oversized/escaping file, corrupt ONNX, a graph input the loop cannot feed), `SCHEMA` (bad manifest), `INCONSISTENT` (plan-language version; every backend failed — each listed with its cause)
 * @example const model = await loadModel('datasets/fixtures/tiny-plan-gpt2', { backends: ['onnxruntime-node'] });
 */
export async function loadModel(dir: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  return _loadFromSource(
    'loadModel',
    await nodeFolderSource(dir),
    options,
    NODE_BACKENDS,
    NODE_DEFAULT_ORDER,
  );
}

/** The first of `order` (default onnxruntime-node) that initialises here. */
export function selectNodeBackend(order: readonly BackendName[] = NODE_DEFAULT_ORDER): Promise<Backend> {
  return selectBackend(order, NODE_BACKENDS);
}

/**
 * Writes `nexfitra.json` into `dir`: SHA-256 and size of every file in the folder (recursively,
 * the manifest itself excepted) plus `info`. Returns the manifest written.
 */
export async function writeModelManifest(dir: string, info: ManifestInfo): Promise<ModelManifestT> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: Record<string, Uint8Array> = {};
  for (const e of entries) {
    if (!e.isFile()) continue;
    const rel = join(e.parentPath, e.name)
      .slice(dir.replace(/\/+$/, '').length + 1)
      .split('\\')
      .join('/');
    if (rel === MANIFEST_FILE) continue;
    files[rel] = new Uint8Array(await readFile(join(dir, rel)));
  }
  const manifest = await buildManifest(files, info);
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Registers the model folder `dir` in `registry` under `options.id` (default `dir`): loaded with
 * {@link loadModel} on first use, released by `registry.unload`. `generatePlan(request, { model: id, registry })`
 * then runs it.
 * @example registerModelFolder(registry, 'models/plan-small'); await generatePlan(req, { model: 'models/plan-small', registry })
 */
export function registerModelFolder(
  registry: ModelRegistry,
  dir: string,
  options: ModelFolderOptions = {},
): ModelRegistry {
  return registerFolderWith(loadModel, registry, dir, options);
}
