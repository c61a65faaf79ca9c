import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LANGUAGE_VERSION, languageVocabulary } from '@nexfitra/core/language';
import { loadModel } from '@nexfitra/inference/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportGpt2ToTransformersJs } from '../src/export/folder';
import { writeModelManifest } from '../src/export/manifest';
import { checkGpt2Config } from '../src/model/config';
import { initGpt2Weights } from '../src/model/weights';
import { writeTokenizer } from '../src/tokenizer/write';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nexfitra-manifest-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeModelManifest', () => {
  it('writes a nexfitra.json that the inference runtime loads (hashes, sizes, language checked there)', async () => {
    const config = checkGpt2Config({
      vocab_size: languageVocabulary().length,
      n_positions: 64,
      n_embd: 16,
      n_layer: 1,
      n_head: 2,
      bos_token_id: 1,
      eos_token_id: 2,
      pad_token_id: 0,
    });
    const out = join(dir, 'model');
    await writeTokenizer(join(dir, 'tok'));
    await exportGpt2ToTransformersJs(out, config, initGpt2Weights(config, { seed: 1 }), {
      tokenizerDir: join(dir, 'tok'),
      dtypes: ['q8'],
    });
    await writeFile(join(out, 'README.md'), '# card\n');
    const m = await writeModelManifest(out, { name: 'tiny', version: '0.0.1', dtypes: ['q8'] });
    expect(m.languageVersion).toBe(LANGUAGE_VERSION);
    expect(m.files.map((f) => f.path)).toContain('onnx/model_quantized.onnx');
    // The runtime (an independent SHA-256 and manifest reader) accepts the folder.
    const loaded = await loadModel(out, { backends: ['onnxruntime-node'] });
    expect(loaded.manifest?.name).toBe('tiny');
    await loaded.dispose?.();
    // A file changed after the manifest was written is refused (its size or hash no longer match).
    await writeFile(join(out, 'config.json'), `{"n_layer":1}`);
    await expect(loadModel(out, { backends: ['onnxruntime-node'] })).rejects.toMatchObject({
      code: 'BAD_DATA',
    });
  }, 60_000);
});
