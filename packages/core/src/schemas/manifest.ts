import { z } from 'zod';
import { SchemaVersion, Semver } from './version';

/** Weight formats a model folder may ship, as transformers.js names them. */
export const MODEL_DTYPES = ['fp32', 'fp16', 'q8', 'q4'] as const;
export const ModelDtype = z.enum(MODEL_DTYPES);

/** Decoder-only families the runtime loads. */
export const MODEL_ARCHITECTURES = ['gpt2', 'llama'] as const;
export const ModelArchitecture = z.enum(MODEL_ARCHITECTURES);

/**
 * A path inside the model folder: relative, `/`-separated, no empty, `.` or `..` segment and no
 * hidden file (every segment starts with a letter, digit or `_`), so it cannot escape the folder.
 */
const RELATIVE_PATH = /^[A-Za-z0-9_][A-Za-z0-9._-]*(?:\/[A-Za-z0-9_][A-Za-z0-9._-]*)*$/;

export const ModelFile = z
  .strictObject({
    path: z.string().max(255).regex(RELATIVE_PATH, 'a relative path inside the model folder'),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'a SHA-256 digest as 64 lowercase hex digits')
      .meta({ description: 'SHA-256 of the file bytes, 64 lowercase hex digits.' }),
    bytes: z.int().min(0).optional(),
  })
  .meta({ id: 'ModelFile', description: 'One file of the model folder and its SHA-256.' });

function unique<T>(xs: readonly T[]): boolean {
  return new Set(xs).size === xs.length;
}

/**
 * `nexfitra.json`, the manifest of a model folder: what the model is, every file with its
 * SHA-256 (a tampered or missing file is refused at load), the versions of the vocabulary and
 * of the plan grammar it was trained on, and the weight formats present.
 */
export const ModelManifest = z
  .strictObject({
    schemaVersion: SchemaVersion,
    name: z.string().min(1).max(120),
    version: Semver,
    architecture: ModelArchitecture,
    files: z.array(ModelFile).min(1).max(200),
    vocabVersion: Semver.meta({
      description: 'Version of the food and exercise vocabulary the model knows.',
    }),
    grammarVersion: Semver.meta({ description: 'Version of the plan text grammar the model emits.' }),
    dtypes: z.array(ModelDtype).min(1).meta({ uniqueItems: true }),
  })
  .superRefine((m, ctx) => {
    if (!unique(m.dtypes)) {
      ctx.addIssue({
        code: 'custom',
        path: ['dtypes'],
        input: m.dtypes,
        message: 'dtypes without duplicates',
      });
    }
    const seen = new Set<string>();
    m.files.forEach((f, i) => {
      if (seen.has(f.path)) {
        ctx.addIssue({
          code: 'custom',
          path: ['files', i, 'path'],
          input: f.path,
          message: `file "${f.path}" is listed twice`,
        });
      }
      seen.add(f.path);
    });
  })
  .meta({
    id: 'ModelManifest',
    description: 'nexfitra.json: model identity, file digests, versions, dtypes.',
  });

export type ModelDtypeT = z.infer<typeof ModelDtype>;
export type ModelArchitectureT = z.infer<typeof ModelArchitecture>;
export type ModelFileT = z.infer<typeof ModelFile>;
export type ModelManifestT = z.infer<typeof ModelManifest>;
