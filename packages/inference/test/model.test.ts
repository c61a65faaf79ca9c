/**
 * Model folders: nexfitra.json checks (hashes, sizes, listing, plan-language version), paths
 * that escape the folder (lexically and through symlinks), oversized and corrupt files, and
 * graphs the loop cannot run. Expected values are the inputs themselves (a byte flipped, a path
 * pointing outside), so each refusal is checked against what was done to the folder.
 */
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import { LANGUAGE_VERSION, languageVocabulary } from '@nexfitra/core/language';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModel, type ManifestInfo, writeModelManifest } from '../src/node';
import { randomDecoderOnnx, writeRandomPlanModel } from './_randomModel';

const FIXTURE = join(__dirname, '../../../datasets/fixtures/tiny-plan-gpt2');
const INFO: ManifestInfo = {
  name: 'random-plan',
  version: '0.1.0',
  architecture: 'gpt2',
  family: 'nexfitra-test',
  vocabVersion: LANGUAGE_VERSION,
  grammarVersion: LANGUAGE_VERSION,
  languageVersion: LANGUAGE_VERSION,
  dtypes: ['fp32'],
  tokenizer: { kind: 'domain', languageVersion: LANGUAGE_VERSION },
  training: { teacher: 'none (random weights)', data: ['none'] },
};

let tmp: string;
let good: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'nf-model-'));
  good = await writeRandomPlanModel(join(tmp, 'good'));
  await writeModelManifest(good, INFO);
});
afterAll(() => rm(tmp, { recursive: true, force: true }));

/** A copy of the good folder, changed by `edit`. */
async function variant(name: string, edit: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(tmp, name);
  await cp(good, dir, { recursive: true });
  await edit(dir);
  return dir;
}

async function refusal(p: Promise<unknown>): Promise<NexFitraError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(NexFitraError);
  return e as NexFitraError;
}

describe('loadModel: a verified folder', () => {
  it('loads with its manifest, config and tokenizer', async () => {
    const m = await loadModel(good, { verify: true });
    expect(m.manifest?.name).toBe('random-plan');
    expect(m.manifest?.files.map((f) => f.path)).toEqual([
      'config.json',
      'onnx/model.onnx',
      'tokenizer.json',
      'tokenizer_config.json',
    ]);
    expect(m.backend).toBe('onnxruntime-node');
    expect(m.config).toMatchObject({
      family: 'gpt2',
      layers: 2,
      kvHeads: 2,
      headDim: 8,
      vocabSize: languageVocabulary().length,
    });
    expect(m.tokenizer.kind).toBe('word');
    await m.dispose();
  });

  it('the committed plan fixture loads with a manifest written beside it (in a copy)', async () => {
    const dir = join(tmp, 'fixture');
    await cp(FIXTURE, dir, { recursive: true });
    const manifest = await writeModelManifest(dir, {
      ...INFO,
      name: 'tiny-plan-gpt2',
      dtypes: ['fp32', 'q8', 'q4'],
    });
    // sizes as the file system reports them (an independent reading of the same files)
    expect(manifest.files.find((f) => f.path === 'onnx/model.onnx')?.bytes).toBe(
      (await readFile(join(FIXTURE, 'onnx/model.onnx'))).byteLength,
    );
    for (const dtype of ['fp32', 'q8', 'q4'] as const) {
      const m = await loadModel(dir, { dtype });
      expect(m.dtype).toBe(dtype);
      expect(m.io).toEqual({ attentionMask: true, positionIds: true, useCacheBranch: false });
      await m.dispose();
    }
  });
});

describe('loadModel refuses', () => {
  it('a file whose bytes changed (one byte flipped in the ONNX)', async () => {
    const dir = await variant('tampered', async (d) => {
      const f = join(d, 'onnx/model.onnx');
      const b = await readFile(f);
      b[b.length - 10] = b[b.length - 10]! ^ 0xff;
      await writeFile(f, b);
    });
    const e = await refusal(loadModel(dir));
    expect(e.code).toBe('BAD_DATA');
    expect(e.path).toEqual(['onnx/model.onnx']);
    expect(e.allowed).toMatch(/sha256 [0-9a-f]{64}, as nexfitra.json lists/);
  });

  it('a file of another size than listed, before hashing it', async () => {
    const dir = await variant('resized', async (d) =>
      writeFile(join(d, 'config.json'), `${await readFile(join(d, 'config.json'), 'utf8')} `),
    );
    const e = await refusal(loadModel(dir));
    expect(e.path).toEqual(['config.json']);
    expect(e.allowed).toMatch(/bytes, as nexfitra.json lists/);
  });

  it('a manifest from another plan-language major, or a newer minor', async () => {
    const [maj, min] = LANGUAGE_VERSION.split('.').map(Number) as [number, number];
    for (const v of [`${maj + 1}.0.0`, `${maj}.${min + 1}.0`]) {
      const dir = await variant(`lang-${v}`, async (d) => {
        await writeModelManifest(d, { ...INFO, languageVersion: v });
      });
      const e = await refusal(loadModel(dir));
      expect(e.code).toBe('INCONSISTENT');
      expect(e.path).toEqual(['nexfitra.json', 'languageVersion']);
      expect(e.value).toBe(v);
    }
  });

  it('a manifest path that escapes the folder (schema) and a file it does not list', async () => {
    const dir = await variant('escape', async (d) => {
      const m = JSON.parse(await readFile(join(d, 'nexfitra.json'), 'utf8'));
      m.files[0].path = '../../etc/passwd';
      await writeFile(join(d, 'nexfitra.json'), JSON.stringify(m));
    });
    const e = await refusal(loadModel(dir));
    expect(e.code).toBe('SCHEMA');
    const unlisted = await variant('unlisted', async (d) => {
      const m = JSON.parse(await readFile(join(d, 'nexfitra.json'), 'utf8'));
      m.files = m.files.filter((f: { path: string }) => f.path !== 'tokenizer.json');
      await writeFile(join(d, 'nexfitra.json'), JSON.stringify(m));
    });
    const e2 = await refusal(loadModel(unlisted));
    expect(e2.value).toBe('tokenizer.json');
  });

  it('a symlink that leads out of the folder, even with verification off', async () => {
    const outside = join(tmp, 'outside.json');
    await writeFile(outside, '{}');
    const dir = await variant('symlink', async (d) => {
      await rm(join(d, 'config.json'));
      await symlink(outside, join(d, 'config.json'));
    });
    const e = await refusal(loadModel(dir, { verify: false }));
    expect(e.code).toBe('BAD_DATA');
    expect(e.path).toEqual(['config.json']);
    expect(e.value).toBe(outside);
  });

  it('a file over maxFileBytes, from its size alone', async () => {
    const size = (await readFile(join(good, 'onnx/model.onnx'))).byteLength;
    const e = await refusal(loadModel(good, { maxFileBytes: size - 1 }));
    expect(e.path).toEqual(['onnx/model.onnx']);
    expect(e.value).toBe(`${size} bytes`);
  });

  it('a corrupt ONNX file, with the runtime’s own reason', async () => {
    const dir = await variant('corrupt', async (d) => {
      const b = await readFile(join(d, 'onnx/model.onnx'));
      await writeFile(join(d, 'onnx/model.onnx'), b.subarray(0, b.length >> 1));
      await writeModelManifest(d, INFO);
    });
    const e = await refusal(loadModel(dir));
    expect(e.code).toBe('BAD_DATA');
    expect(e.path).toEqual(['onnx/model.onnx']);
    expect(e.allowed).toMatch(/onnxruntime-node: /);
  });

  it('a graph without an input the loop needs, naming it', async () => {
    const dir = await variant('no-past', async (d) => {
      await writeFile(
        join(d, 'onnx/model.onnx'),
        randomDecoderOnnx(languageVocabulary(), { dropInput: 'past_key_values.1.value' }),
      );
      await writeModelManifest(d, INFO);
    });
    const e = await refusal(loadModel(dir));
    expect(e.path).toEqual(['onnx/model.onnx', 'inputs', 'past_key_values.1.value']);
  });

  it('a folder without nexfitra.json when verify is true', async () => {
    const dir = await variant('no-manifest', async (d) => rm(join(d, 'nexfitra.json')));
    const e = await refusal(loadModel(dir, { verify: true }));
    expect(e.path).toEqual(['nexfitra.json']);
    const m = await loadModel(dir);
    expect(m.manifest).toBeUndefined();
    await m.dispose();
  });

  it('a backend order with a name this entry does not offer; all-failed lists each cause', async () => {
    const e = await refusal(loadModel(good, { backends: ['onnxruntime-web-webgpu'] }));
    expect(e.code).toBe('INVALID_ENUM');
    expect(e.path).toEqual(['backends', 0]);
  });
});

describe('graph layouts', () => {
  it('runs a graph without position_ids (it is fed only when declared)', async () => {
    const dir = await variant('no-positions', async (d) => {
      await writeFile(
        join(d, 'onnx/model.onnx'),
        randomDecoderOnnx(languageVocabulary(), { withoutPositionIds: true }),
      );
      await rm(join(d, 'nexfitra.json'));
    });
    const m = await loadModel(dir);
    expect(m.io.positionIds).toBe(false);
    await m.dispose();
  });

  it('runs a llama-family folder whose cache has fewer key/value heads than attention heads (GQA)', async () => {
    const dir = await variant('llama-gqa', async (d) => {
      // 4 attention heads of 8 over 1 key/value head: the cache is [batch, 1, past, 8]
      await writeFile(
        join(d, 'config.json'),
        JSON.stringify({
          model_type: 'llama',
          num_hidden_layers: 3,
          num_attention_heads: 4,
          num_key_value_heads: 1,
          hidden_size: 32,
          head_dim: 8,
          vocab_size: languageVocabulary().length,
          max_position_embeddings: 512,
          bos_token_id: 1,
          eos_token_id: 2,
        }),
      );
      await writeFile(
        join(d, 'onnx/model.onnx'),
        randomDecoderOnnx(languageVocabulary(), { layers: 3, heads: 1, headDim: 8, maxPositions: 512 }),
      );
      await rm(join(d, 'nexfitra.json'));
    });
    const m = await loadModel(dir);
    expect(m.config).toMatchObject({ family: 'llama', layers: 3, kvHeads: 1, headDim: 8 });
    const { generate } = await import('../src/index');
    const r = await generate(m, { prompt: '<plan>', maxNewTokens: 8 });
    expect(r.stats.modelSteps).toBeGreaterThan(0);
    await m.dispose();
  });

  it('reads GQA key/value heads and head_dim from a llama config', async () => {
    const { readDecoderConfig } = await import('../src/index');
    const c = readDecoderConfig({
      model_type: 'llama',
      num_hidden_layers: 30,
      num_attention_heads: 9,
      num_key_value_heads: 3,
      hidden_size: 576,
      vocab_size: 49152,
      max_position_embeddings: 8192,
      eos_token_id: [2, 0],
    });
    // SmolLM-135M's published config: 9 heads of 64 (576/9), 3 key/value heads.
    expect(c).toMatchObject({ family: 'llama', layers: 30, kvHeads: 3, headDim: 64, eosIds: [2, 0] });
    expect(() => readDecoderConfig({ model_type: 't5' })).toThrow(/gpt2 or llama family/);
  });
});
