import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { ModelManifest, type ModelManifestT, parseOrThrow, SCHEMA_VERSION } from '@nexfitra/core';
import { LANGUAGE_VERSION } from '@nexfitra/core/language';

/** The manifest file the inference layer reads in a model folder. */
export const MANIFEST_FILE = 'nexfitra.json';

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await walk(p)));
    else out.push(p);
  }
  return out;
}

export interface ManifestOptions {
  readonly name: string;
  readonly version: string;
  /** Weight files present, first = the one the runtime loads by default. */
  readonly dtypes: ModelManifestT['dtypes'];
  readonly training?: ModelManifestT['training'];
  /** Plan-language version the model was trained on; default core's `LANGUAGE_VERSION` now. */
  readonly languageVersion?: string;
  /** Files to leave out of the list (besides the manifest itself), e.g. a model card. */
  readonly exclude?: readonly string[];
}

/**
 * Writes `nexfitra.json` for a model folder: every file with its SHA-256 and size, the
 * plan-language version (core `LANGUAGE_VERSION`) as `languageVersion`, `grammarVersion` and
 * `vocabVersion`, a domain tokenizer, architecture `gpt2`. Validated with core's `ModelManifest`
 * schema before it is written. Returns the manifest.
 */
export async function writeModelManifest(dir: string, options: ManifestOptions): Promise<ModelManifestT> {
  const skip = new Set([MANIFEST_FILE, ...(options.exclude ?? [])]);
  const files = [];
  for (const abs of (await walk(dir)).sort()) {
    const path = relative(dir, abs).split(sep).join('/');
    if (skip.has(path)) continue;
    const bytes = await readFile(abs);
    files.push({
      path,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: (await stat(abs)).size,
    });
  }
  const lang = options.languageVersion ?? LANGUAGE_VERSION;
  const manifest = parseOrThrow(
    ModelManifest,
    {
      schemaVersion: SCHEMA_VERSION,
      name: options.name,
      version: options.version,
      architecture: 'gpt2',
      family: 'nexfitra-plan-gpt2',
      files,
      vocabVersion: lang,
      grammarVersion: lang,
      languageVersion: lang,
      dtypes: options.dtypes,
      tokenizer: { kind: 'domain', languageVersion: lang },
      ...(options.training ? { training: options.training } : {}),
    },
    'writeModelManifest',
  );
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}
