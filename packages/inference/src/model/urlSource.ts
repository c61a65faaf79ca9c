import { checkModelPath, type ModelSource, missingFile } from './source';

/** A model folder served over HTTP(S) under `baseUrl` (same origin in a browser); files are fetched once. */
export function urlSource(baseUrl: string): ModelSource {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const cache = new Map<string, Promise<Uint8Array | undefined>>();
  const get = (p: string) => {
    const url = base + checkModelPath('loadModelFromFiles', p);
    let f = cache.get(url);
    if (f === undefined) {
      f = fetch(url).then(async (r) => (r.ok ? new Uint8Array(await r.arrayBuffer()) : undefined));
      cache.set(url, f);
    }
    return f;
  };
  return Object.freeze({
    location: base,
    folder: base,
    exists: async (p: string) => (await get(p)) !== undefined,
    size: async (p: string) => (await get(p))?.byteLength,
    read: async (p: string) => {
      const f = await get(p);
      if (f === undefined) throw missingFile('loadModelFromFiles', base, p);
      return f;
    },
  });
}
