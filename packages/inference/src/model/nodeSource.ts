import { lstat, readFile, realpath, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import { checkModelPath, type ModelSource, missingFile } from './source';

const FN = 'loadModel';

/**
 * A model folder on disk. Every path is checked twice: lexically (relative, no `..`) and after
 * resolving symlinks (`realpath` must stay inside the folder's own real path), so neither
 * `../x` nor a symlink to `/etc/passwd` is read.
 */
export async function nodeFolderSource(dir: string): Promise<ModelSource> {
  let root: string;
  try {
    root = await realpath(dir);
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
  } catch (e) {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn: FN,
      path: ['dir'],
      value: dir,
      allowed: `a model folder (${e instanceof Error ? e.message : e})`,
    });
  }
  const resolve = async (p: string): Promise<string | undefined> => {
    const full = join(root, checkModelPath(FN, p));
    try {
      await lstat(full);
    } catch {
      return undefined;
    }
    const real = await realpath(full).catch(() => undefined);
    if (real === undefined || !real.startsWith(root + sep)) {
      throw new NexFitraError({
        code: 'BAD_DATA',
        fn: FN,
        path: [p],
        value: real ?? full,
        allowed: `a file inside ${root} (a symlink may not lead out of the folder)`,
      });
    }
    return real;
  };
  return Object.freeze({
    location: root,
    folder: root,
    exists: async (p: string) => (await resolve(p)) !== undefined,
    size: async (p: string) => {
      const r = await resolve(p);
      return r === undefined ? undefined : (await stat(r)).size;
    },
    read: async (p: string) => {
      const r = await resolve(p);
      if (r === undefined) throw missingFile(FN, root, p);
      return new Uint8Array(await readFile(r));
    },
  });
}
