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
    bytes: z.int().min(0).optional().meta({ description: 'Size in bytes; checked before hashing.' }),
  })
  .meta({ id: 'ModelFile', description: 'One file of the model folder and its SHA-256.' });

/** The tokenizer a model reads: the plan language's word-level vocabulary, or its own sub-words. */
export const ModelTokenizer = z
  .strictObject({
    kind: z.enum(['domain', 'subword']).meta({
      description:
        "`domain`: one token per plan-language word; `subword`: the model's own (BPE, SentencePiece).",
    }),
    languageVersion: Semver.optional().meta({
      description: "Plan-language version of a domain tokenizer's vocabulary.",
    }),
  })
  .meta({ id: 'ModelTokenizer', description: 'What tokenizer.json holds.' });

/** Where the weights came from: the teacher that wrote the training plans and the data sets. */
export const ModelTraining = z
  .strictObject({
    teacher: z
      .string()
      .min(1)
      .max(200)
      .meta({ description: 'What wrote the training targets, e.g. "planner planPlan 0.3.0".' }),
    data: z
      .array(z.string().min(1).max(300))
      .min(1)
      .max(50)
      .meta({ description: 'Data sets used, each with its version.' }),
    seed: z.int().min(0).optional(),
    steps: z.int().min(0).optional(),
  })
  .meta({ id: 'ModelTraining', description: 'Provenance of the weights.' });

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
    family: z.string().min(1).max(80).optional().meta({
      description: 'Model family within the architecture, e.g. "nexfitra-plan-gpt2".',
    }),
    languageVersion: Semver.optional().meta({
      description:
        'Plan-language version the model writes; the runtime refuses another major or a newer minor.',
    }),
    tokenizer: ModelTokenizer.optional(),
    training: ModelTraining.optional(),
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
export type ModelTokenizerT = z.infer<typeof ModelTokenizer>;
export type ModelTrainingT = z.infer<typeof ModelTraining>;
export type ModelManifestT = z.infer<typeof ModelManifest>;
