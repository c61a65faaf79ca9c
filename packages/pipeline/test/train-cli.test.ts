import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { languageVocabulary } from '@nexfitra/core/language';
import * as ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main';
import { exportGpt2Checkpoint } from '../src/export/folder';
import { findTorch } from '../src/train/torchEngine';

const torch = await findTorch();
if (!torch) {
  console.warn(
    'train-cli.test: skipping the torch CLI run: no Python with torch (apt-get install python3-torch libopenblas0-pthread, or NEXFITRA_PYTHON=<python with torch>)',
  );
}

let dir: string;
let data: string;

/** Rows of plan-language words (the tokenizer only needs words of the vocabulary). */
function rows(n: number, seed: number): string {
  const vocab = languageVocabulary().filter((w) => !w.startsWith('<'));
  return Array.from({ length: n }, (_, i) => {
    const pick = (k: number, at: number) =>
      Array.from({ length: k }, (_, j) => vocab[(seed * 131 + i * 37 + (at + j) * 17) % vocab.length]).join(
        ' ',
      );
    return JSON.stringify({ id: `r${seed}-${i}`, prompt: pick(4, 0), plan: pick(8 + (i % 5), 4) });
  }).join('\n');
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) } };
}

const TINY = [
  '--steps',
  '2',
  '--batch',
  '2',
  '--layers',
  '1',
  '--embd',
  '16',
  '--heads',
  '2',
  '--positions',
  '64',
];
const TINY_HYPER = ['--eval-every', '1', '--eval-batches', '1', '--seed', '4', '--threads', '1'];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nf-train-cli-'));
  data = join(dir, 'data');
  await mkdir(data);
  await writeFile(join(data, 'train.jsonl'), `${rows(6, 1)}\n`);
  await writeFile(join(data, 'val.jsonl'), `${rows(2, 2)}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('nexfitra-pipeline train', () => {
  it('usage errors exit 2: missing folders, unknown engine', async () => {
    const a = io();
    expect(await main(['train', '--data', data], a.io)).toBe(2);
    expect(a.err.join('')).toMatch(/--run <dir> are required/);
    const b = io();
    expect(await main(['train', '--data', data, '--run', join(dir, 'x'), '--engine', 'jax'], b.io)).toBe(2);
    expect(b.err.join('')).toMatch(/--engine "jax": use tfjs or torch/);
  });

  it('--engine torch without a Python with torch exits 1 and says how to install it', async () => {
    const a = io();
    const code = await main(
      [
        'train',
        '--data',
        data,
        '--run',
        join(dir, 'none'),
        '--engine',
        'torch',
        '--python',
        '/nonexistent/python3',
        ...TINY,
      ],
      a.io,
    );
    expect(code).toBe(1);
    expect(a.err.join('')).toMatch(/apt-get install python3-torch libopenblas0-pthread/);
    expect(a.err.join('')).toMatch(/NEXFITRA_PYTHON/);
  });

  it.skipIf(!torch)(
    'both engines train the same run from the CLI (same loss); the torch checkpoint exports to ONNX unchanged',
    { timeout: 180_000 },
    async () => {
      const results: Record<string, { step: number; lastLoss: number; engine: string }> = {};
      for (const engine of ['tfjs', 'torch']) {
        const a = io();
        const run = join(dir, `run-${engine}`);
        const code = await main(
          ['train', '--data', data, '--run', run, '--engine', engine, ...TINY, ...TINY_HYPER],
          a.io,
        );
        expect(code, a.err.join('')).toBe(0);
        results[engine] = JSON.parse(a.out.join(''));
        // The progress bar: step, loss, tokens/s and ETA on each line.
        expect(a.err.join('')).toMatch(/\[#+\.*\] 1\/2 loss \d+\.\d{3} val \d+\.\d{3} lr \S+ \d+ tok\/s ETA/);
        for (const f of [
          'checkpoint/model.safetensors',
          'loss.csv',
          'loss.svg',
          'tokenizer/tokenizer.json',
        ]) {
          expect((await stat(join(run, f))).size, f).toBeGreaterThan(0);
        }
      }
      expect(results['torch']!.step).toBe(2);
      // Same data, seed and hyper-parameters: the engines' losses agree (parity in torch-engine.test.ts).
      expect(Math.abs(results['torch']!.lastLoss - results['tfjs']!.lastLoss)).toBeLessThan(1e-4);
      const out = join(dir, 'export');
      await exportGpt2Checkpoint(join(dir, 'run-torch', 'checkpoint'), out, {
        dtypes: ['fp32'],
        tokenizerDir: join(dir, 'run-torch', 'tokenizer'),
      });
      const session = await ort.InferenceSession.create(join(out, 'onnx', 'model.onnx'));
      expect(session.outputNames).toContain('logits');
      const csv = (await readFile(join(dir, 'run-torch', 'loss.csv'), 'utf8')).trim().split('\n');
      expect(csv[0]).toBe('step,lr,loss,val_loss,grad_norm,tokens_per_s,elapsed_s');
      expect(csv.length).toBe(3);
    },
  );

  it.skipIf(!torch)(
    '--family llama trains a llama on the torch engine; the tfjs engine refuses it',
    { timeout: 90_000 },
    async () => {
      const a = io();
      const run = join(dir, 'run-llama');
      const args = [
        'train',
        '--data',
        data,
        '--run',
        run,
        '--family',
        'llama',
        '--kv-heads',
        '1',
        ...TINY,
        ...TINY_HYPER,
      ];
      expect(await main([...args, '--engine', 'torch'], a.io), a.err.join('')).toBe(0);
      const config = JSON.parse(await readFile(join(run, 'checkpoint', 'config.json'), 'utf8'));
      expect(config).toMatchObject({ model_type: 'llama', num_key_value_heads: 1, intermediate_size: 48 });
      const b = io();
      expect(await main([...args, '--engine', 'tfjs', '--run', join(dir, 'llama-tfjs')], b.io)).toBe(1);
      expect(b.err.join('')).toMatch(/torch for a llama config/);
    },
  );
});
