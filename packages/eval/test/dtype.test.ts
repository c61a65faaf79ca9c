/**
 * Picking a dtype of a model folder (`folder#int4`, `--dtype`): the names, the files counted
 * towards size and hash. Expected sizes come from the file system (fs.statSync), not from eval.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderIdentity } from '../src/index';
import { DTYPE_FILES, parseDtype, splitDtype } from '../src/model/_dtype';

const FIXTURE = 'datasets/fixtures/tiny-plan-gpt2';
const all = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? all(join(dir, e.name)) : [join(dir, e.name)],
  );
const size = (f: string) => statSync(join(FIXTURE, f)).size;

describe('dtypes of a model folder', () => {
  it('names: int8/int4 are the loader q8/q4; unknown names are typed errors', () => {
    expect(splitDtype('models/plan-default#int4')).toEqual({ base: 'models/plan-default', dtype: 'q4' });
    expect(splitDtype('models/plan-default#INT8')).toEqual({ base: 'models/plan-default', dtype: 'q8' });
    expect(splitDtype('models/plan-default')).toEqual({ base: 'models/plan-default' });
    expect(() => parseDtype('int3')).toThrow(/dtype.*int3.*fp32, float32, fp16/s);
  });

  it("file names agree with @nexfitra/inference's loader", async () => {
    const inf = (await import('@nexfitra/inference')) as { ONNX_FILES?: Record<string, string> };
    expect(inf.ONNX_FILES).toEqual(DTYPE_FILES);
  });

  it('size counts only the dtype loaded (no other dtype, no training checkpoint); each dtype hashes differently', () => {
    const total = all(FIXTURE).reduce((s, f) => s + statSync(f).size, 0);
    const fp32 = size(DTYPE_FILES.fp32);
    const q8 = size(DTYPE_FILES.q8);
    const q4 = size(DTYPE_FILES.q4);
    // The training checkpoint next to the exports is never loaded by the ONNX loader.
    const ckpt = size('model.safetensors');
    const ids = {
      whole: folderIdentity(FIXTURE),
      fp32: folderIdentity(FIXTURE, 'fp32'),
      q8: folderIdentity(FIXTURE, 'q8'),
      q4: folderIdentity(FIXTURE, 'q4'),
    };
    expect(ids.whole.sizeBytes).toBe(total);
    expect(ids.fp32.sizeBytes).toBe(total - q8 - q4 - ckpt);
    expect(ids.q8.sizeBytes).toBe(total - fp32 - q4 - ckpt);
    expect(ids.q4.sizeBytes).toBe(total - fp32 - q8 - ckpt);
    expect(new Set(Object.values(ids).map((x) => x.hash)).size).toBe(4);
  });
});
