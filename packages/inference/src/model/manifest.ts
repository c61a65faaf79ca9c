import { ModelManifest, type ModelManifestT, NexFitraError, parseOrThrow } from '@nexfitra/core';
import { LANGUAGE_VERSION } from '@nexfitra/core/language';
import { _sha256Hex } from './_sha256';

/** The manifest's file name inside a model folder. */
export const MANIFEST_FILE = 'nexfitra.json';

const FN = 'loadModel';

const parts = (v: string) => v.split(/[.+-]/).slice(0, 2).map(Number) as [number, number];

/**
 * Parses `nexfitra.json` and checks that its plan language fits this runtime: the same major as
 * core's `LANGUAGE_VERSION` and a minor no newer (a newer minor may write words this grammar lacks).
 * `languageVersion` is read, else `grammarVersion`.
 * @throws NexFitraError `BAD_DATA` for bad JSON; `SCHEMA` naming the field; `INCONSISTENT` for an incompatible language
 */
export function readManifest(bytes: Uint8Array, runtimeLanguage: string = LANGUAGE_VERSION): ModelManifestT {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn: FN,
      path: [MANIFEST_FILE],
      value: e instanceof Error ? e.message : String(e),
      allowed: 'a JSON file',
    });
  }
  const m = parseOrThrow(ModelManifest, json, FN);
  const lang = m.languageVersion ?? m.grammarVersion;
  const [maj, min] = parts(lang);
  const [rMaj, rMin] = parts(runtimeLanguage);
  if (maj !== rMaj || min > rMin) {
    throw new NexFitraError({
      code: 'INCONSISTENT',
      fn: FN,
      path: [MANIFEST_FILE, m.languageVersion === undefined ? 'grammarVersion' : 'languageVersion'],
      value: lang,
      allowed: `a plan-language version ${rMaj}.x no newer than ${runtimeLanguage} (this runtime's language)`,
    });
  }
  return m;
}

/** Refuses a file before reading it: unlisted, a size unlike the manifest's, or over the cap. */
export function checkFileSize(
  manifest: ModelManifestT | undefined,
  path: string,
  size: number | undefined,
  maxFileBytes: number,
): void {
  if (size !== undefined && size > maxFileBytes) {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn: FN,
      path: [path],
      value: `${size} bytes`,
      allowed: `a file of at most ${maxFileBytes} bytes (maxFileBytes)`,
    });
  }
  if (manifest === undefined) return;
  const entry = manifest.files.find((f) => f.path === path);
  if (entry === undefined) {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn: FN,
      path: [MANIFEST_FILE, 'files'],
      value: path,
      allowed: `a manifest that lists every file the model needs (${path} is not listed)`,
    });
  }
  if (size !== undefined && entry.bytes !== undefined && entry.bytes !== size) {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn: FN,
      path: [path],
      value: `${size} bytes`,
      allowed: `${entry.bytes} bytes, as ${MANIFEST_FILE} lists`,
    });
  }
}

/** Refuses bytes whose SHA-256 is not the manifest's. */
export async function checkFileHash(
  manifest: ModelManifestT | undefined,
  path: string,
  bytes: Uint8Array,
): Promise<void> {
  const entry = manifest?.files.find((f) => f.path === path);
  if (entry === undefined) return;
  const got = await _sha256Hex(bytes);
  if (got !== entry.sha256) {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn: FN,
      path: [path],
      value: `sha256 ${got}`,
      allowed: `sha256 ${entry.sha256}, as ${MANIFEST_FILE} lists (the file was changed or corrupted)`,
    });
  }
}

/** What a manifest says about the model, besides its files. */
export type ManifestInfo = Omit<ModelManifestT, 'files' | 'schemaVersion'> & {
  readonly schemaVersion?: string;
};

/**
 * A manifest for `files` (path → bytes): SHA-256 and size of each, plus `info`. Validated by the
 * core schema, so what it returns loads.
 */
export async function buildManifest(
  files: Readonly<Record<string, Uint8Array>>,
  info: ManifestInfo,
): Promise<ModelManifestT> {
  const list = await Promise.all(
    Object.keys(files)
      .filter((p) => p !== MANIFEST_FILE)
      .sort()
      .map(async (path) => ({
        path,
        sha256: await _sha256Hex(files[path]!),
        bytes: files[path]!.byteLength,
      })),
  );
  return parseOrThrow(ModelManifest, { ...info, files: list }, 'buildManifest');
}
