/**
 * @internal Weight dtypes of a model folder. A folder may hold several ONNX exports (fp32,
 * int8, int4 …); a model argument picks one with `folder#int4` (or the CLI's `--dtype`), and
 * only that dtype's weights count towards the model's size and hash.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NexFitraError } from '@nexfitra/core';

/** Loader dtypes (core `ModelDtype`) and the ONNX file of each — transformers.js names, as inference's `ONNX_FILES`. */
export const DTYPE_FILES = {
  fp32: 'onnx/model.onnx',
  fp16: 'onnx/model_fp16.onnx',
  q8: 'onnx/model_quantized.onnx',
  q4: 'onnx/model_q4.onnx',
} as const;
export type LoaderDtype = keyof typeof DTYPE_FILES;

/** What people write → the loader's dtype (`int8` and `int4` are the names in the issue and the reports). */
const ALIASES: Readonly<Record<string, LoaderDtype>> = {
  fp32: 'fp32',
  float32: 'fp32',
  fp16: 'fp16',
  float16: 'fp16',
  int8: 'q8',
  q8: 'q8',
  int4: 'q4',
  q4: 'q4',
};

/** The name reports use for a loader dtype. */
export const DTYPE_LABEL: Readonly<Record<LoaderDtype, string>> = {
  fp32: 'fp32',
  fp16: 'fp16',
  q8: 'int8',
  q4: 'int4',
};

/**
 * The loader dtype of a user's dtype name.
 * @throws {NexFitraError} `INVALID_ENUM` naming the accepted names
 */
export function parseDtype(name: string, fn = 'resolveModel'): LoaderDtype {
  const d = ALIASES[name.toLowerCase()];
  if (d === undefined)
    throw new NexFitraError({
      code: 'INVALID_ENUM',
      fn,
      path: ['dtype'],
      value: name,
      allowed: Object.keys(ALIASES).join(', '),
    });
  return d;
}

/** Splits `folder#int4` into the folder and the dtype; no `#` → no dtype. */
export function splitDtype(spec: string): { base: string; dtype?: LoaderDtype } {
  const i = spec.lastIndexOf('#');
  if (i <= 0) return { base: spec };
  return { base: spec.slice(0, i), dtype: parseDtype(spec.slice(i + 1)) };
}

/** The dtype the loader picks when none is asked: the manifest's first, else fp32 (inference's `loadModel` rule). */
export function defaultDtype(folder: string): LoaderDtype {
  const manifest = join(folder, 'nexfitra.json');
  if (existsSync(manifest)) {
    try {
      const first = (JSON.parse(readFileSync(manifest, 'utf8')) as { dtypes?: string[] }).dtypes?.[0];
      if (first !== undefined && first in DTYPE_FILES) return first as LoaderDtype;
    } catch {
      // An unreadable manifest is the loader's error to report; fall through to its default.
    }
  }
  return 'fp32';
}

/** Training checkpoints a folder may carry next to its ONNX exports; the ONNX loader never reads them. */
const CHECKPOINT = /\.(safetensors|bin|h5|pt|pth|ckpt)$/;

/**
 * Whether `file` (relative, `/`-separated) is weights the loader does not read when it loads
 * `dtype`: another dtype's ONNX file (and its external data), or a training checkpoint.
 */
export function isOtherDtypeWeights(file: string, dtype: LoaderDtype): boolean {
  return (
    CHECKPOINT.test(file) ||
    Object.entries(DTYPE_FILES).some(
      ([d, f]) => d !== dtype && (file === f || file === `${f}_data` || file.startsWith(`${f}.`)),
    )
  );
}
