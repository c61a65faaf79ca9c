import { NexFitraError } from '@nexfitra/core';

/**
 * Where a model folder's files come from (a directory, a set of in-memory files, a base URL).
 * Paths are relative and `/`-separated; a source refuses any path that could leave the folder.
 */
export interface ModelSource {
  /** The folder for messages (a path or URL). */
  readonly location: string;
  /** The folder path or URL for backends that open folders themselves (transformers.js). */
  readonly folder: string | undefined;
  exists(path: string): Promise<boolean>;
  /** Size in bytes without reading, where the source knows it. */
  size(path: string): Promise<number | undefined>;
  /** @throws NexFitraError `BAD_DATA` for a missing file or a path that escapes the folder */
  read(path: string): Promise<Uint8Array>;
}

/** The manifest's rule for a path inside the folder: relative, no `.`/`..`/hidden segment. */
const RELATIVE_PATH = /^[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/;

/** @throws NexFitraError `BAD_DATA` when `path` is absolute, has `..`, `.`, a backslash or a hidden segment */
export function checkModelPath(fn: string, path: string): string {
  if (typeof path !== 'string' || !RELATIVE_PATH.test(path)) {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn,
      path: ['files', String(path)],
      value: path,
      allowed:
        'a relative path inside the model folder (no "..", ".", leading "/", backslash or hidden segment)',
    });
  }
  return path;
}

export const missingFile = (fn: string, location: string, path: string): NexFitraError =>
  new NexFitraError({
    code: 'BAD_DATA',
    fn,
    path: [path],
    value: location,
    allowed: `a model folder with ${path}`,
  });

/** A source over files already in memory (tests, drag-and-drop, a fetched archive). */
export function memorySource(files: Readonly<Record<string, Uint8Array>>, location = 'memory'): ModelSource {
  const get = (p: string) =>
    Object.hasOwn(files, checkModelPath('readModelFile', p)) ? files[p] : undefined;
  return Object.freeze({
    location,
    folder: undefined,
    exists: async (p: string) => get(p) !== undefined,
    size: async (p: string) => get(p)?.byteLength,
    read: async (p: string) => {
      const f = get(p);
      if (f === undefined) throw missingFile('readModelFile', location, p);
      return f;
    },
  });
}
