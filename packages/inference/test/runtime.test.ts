/**
 * Backend selection (ordered and loud, after onnxruntime-common's backend-impl: each backend
 * initialised once, failures remembered, the final error lists every backend with its cause)
 * and the web entry's in-memory folder source running onnxruntime-web's wasm backend in Node.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import { describe, expect, it } from 'vitest';
import { type Backend, generate, memorySource, selectBackend } from '../src/index';
import { loadModel } from '../src/node';
import { loadModelFromFiles } from '../src/web';

const FIXTURE = join(__dirname, '../../../datasets/fixtures/tiny-plan-gpt2');
const fake = (name: Backend['name']): Backend => ({
  name,
  createSession: () => Promise.reject(new Error('unused')),
});

describe('selectBackend', () => {
  it('takes the first that initialises, each loader once', async () => {
    let calls = 0;
    const broken = () => {
      calls++;
      return Promise.reject(new Error('no GPU adapter'));
    };
    const loaders = {
      'onnxruntime-web-webgpu': broken,
      'onnxruntime-web-wasm': async () => fake('onnxruntime-web-wasm'),
    };
    expect((await selectBackend(['onnxruntime-web-webgpu', 'onnxruntime-web-wasm'], loaders)).name).toBe(
      'onnxruntime-web-wasm',
    );
    await selectBackend(['onnxruntime-web-webgpu', 'onnxruntime-web-wasm'], loaders);
    expect(calls).toBe(1);
  });

  it('lists every backend and its cause when all fail', async () => {
    const loaders = {
      'onnxruntime-web-webgpu': () => Promise.reject(new Error('no GPU adapter')),
      'onnxruntime-web-wasm': () => Promise.reject(new Error('wasm file not found')),
    };
    const e = (await selectBackend(['onnxruntime-web-webgpu', 'onnxruntime-web-wasm'], loaders).catch(
      (x: unknown) => x,
    )) as NexFitraError;
    expect(e).toBeInstanceOf(NexFitraError);
    expect(e.allowed).toContain('onnxruntime-web-webgpu: no GPU adapter');
    expect(e.allowed).toContain('onnxruntime-web-wasm: wasm file not found');
  });

  it('refuses names the entry does not offer, and an empty order', async () => {
    await expect(selectBackend(['transformers'], {})).rejects.toMatchObject({
      code: 'INVALID_ENUM',
      path: ['backends', 0],
    });
    await expect(selectBackend([], {})).rejects.toMatchObject({ code: 'INVALID_TYPE' });
  });
});

describe('the web entry with files in memory (onnxruntime-web wasm in Node)', () => {
  it('loads the fixture from a path → bytes record and generates what onnxruntime-node generates', {
    timeout: 60_000,
  }, async () => {
    const files: Record<string, Uint8Array> = {};
    for (const e of await readdir(FIXTURE, { recursive: true, withFileTypes: true })) {
      if (!e.isFile()) continue;
      const rel = join(e.parentPath, e.name).slice(FIXTURE.length + 1);
      files[rel] = new Uint8Array(await readFile(join(FIXTURE, rel)));
    }
    const web = await loadModelFromFiles(files, { backends: ['onnxruntime-web-wasm'] });
    const node = await loadModel(FIXTURE);
    const a = await generate(web, { prompt: '<plan> <workout>', maxNewTokens: 16 });
    const b = await generate(node, { prompt: '<plan> <workout>', maxNewTokens: 16 });
    expect(a.tokenIds).toEqual(b.tokenIds);
    await web.dispose();
    await node.dispose();
    // a path that climbs out of the folder is refused before any lookup
    await expect(memorySource({ ...files, '../x': new Uint8Array(1) }).read('../x')).rejects.toMatchObject({
      code: 'BAD_DATA',
    });
  });
});

describe('entry points', () => {
  it('the root entry bundles no runtime; /web bundles no onnxruntime-node or Node built-in', async () => {
    const { build } = await import('esbuild');
    const inputsOf = async (entry: string, platform: 'neutral' | 'browser') => {
      const r = await build({
        entryPoints: [join(__dirname, '../src', entry)],
        bundle: true,
        write: false,
        metafile: true,
        format: 'esm',
        platform,
        mainFields: ['module', 'main'],
        conditions: ['@nexfitra/source'],
        logLevel: 'silent',
      });
      return Object.keys(r.metafile.inputs);
    };
    const root = await inputsOf('index.ts', 'neutral');
    expect(root.filter((f) => /onnxruntime|@huggingface\/transformers|^node:/.test(f))).toEqual([]);
    const web = await inputsOf('web.ts', 'browser');
    expect(web.filter((f) => /onnxruntime-node|@huggingface\/transformers|^node:/.test(f))).toEqual([]);
  });
});
