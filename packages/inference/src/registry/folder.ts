/**
 * Model folders in a registry: the folder is registered under its path and loaded by the
 * entry's loader (onnxruntime-node in `/node`) on first use; `unload` releases it. The loader is
 * a parameter so this file imports no runtime (`registerModelFolder` of `/node` binds it).
 */
import type { LoadModelOptions } from '../model/load';
import type { LoadedModel } from '../model/loaded';
import { type TextModelOptions, textModelFromLoaded } from './fromLoaded';
import type { ModelRegistry } from './registry';

export type FolderLoader = (dir: string, options: LoadModelOptions) => Promise<LoadedModel>;

/** Options of `registerModelFolder`: how to load, and the registry id and sampling. */
export type ModelFolderOptions = LoadModelOptions & TextModelOptions;

/**
 * Registers `dir` under `options.id` (default `dir`) with `load` run on first use.
 * @throws {NexFitraError} what `ModelRegistry.register` throws; loading errors surface on first use
 */
export function registerFolderWith(
  load: FolderLoader,
  registry: ModelRegistry,
  dir: string,
  options: ModelFolderOptions = {},
): ModelRegistry {
  const { id = dir, sampling, ...loadOptions } = options;
  return registry.register(id, async () =>
    textModelFromLoaded(await load(dir, loadOptions), { id, ...(sampling ? { sampling } : {}) }),
  );
}
