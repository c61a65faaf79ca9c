/**
 * The fine-tuning path end to end on a tiny model: the variant script builds a shifted
 * population from the teacher and fine-tunes a base checkpoint; the CLI's `finetune` reads the
 * same bring-your-own rows, reports bad rows by line and writes a checkpoint that exports.
 */
import { execFile } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { languageVocabulary } from '@nexfitra/core/language';
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGpt2Checkpoint, writeGpt2Checkpoint } from '../src/checkpoint/hf';
import { main } from '../src/cli/main';
import { exportGpt2Checkpoint } from '../src/export/folder';
import { finetuneFromFiles } from '../src/finetune/fromFiles';
import { PLANT_BASED_ATHLETES } from '../src/finetune/variant';
import { checkGpt2Config } from '../src/model/config';
import { initGpt2Weights } from '../src/model/weights';
import { tokenizerFiles } from '../src/tokenizer/hfTokenizer';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const CONFIG = checkGpt2Config({
  vocab_size: languageVocabulary().length,
  n_positions: 512,
  n_embd: 16,
  n_layer: 1,
  n_head: 2,
});
let dir: string;

beforeAll(async () => {
  await tf.setBackend('wasm').catch(() => tf.setBackend('cpu'));
  dir = await mkdtemp(join(tmpdir(), 'nf-variant-'));
  await writeGpt2Checkpoint(join(dir, 'base'), {
    config: CONFIG,
    weights: initGpt2Weights(CONFIG, { seed: 3 }),
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const io = () => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t) } };
};

describe('finetune-variant.ts and finetune', () => {
  it('shifts the population (vegan, ≥ 4 training days) and keeps everything else as drawn', () => {
    const r = {
      preferences: { diet: 'omnivore', trainingDaysPerWeek: 2, allergens: ['peanut'] },
      goal: { type: 'maintain' },
    } as never;
    const v = PLANT_BASED_ATHLETES.apply(r) as { preferences: Record<string, unknown>; goal: unknown };
    expect(v.preferences).toEqual({
      diet: 'vegan',
      trainingDaysPerWeek: 4,
      allergens: ['peanut'],
      trainingFocus: 'hypertrophy',
    });
    expect(v.goal).toEqual({ type: 'maintain' });
  });

  it('builds teacher rows for the variant and fine-tunes the base with LoRA', {
    timeout: 120_000,
  }, async () => {
    const out = join(dir, 'variant');
    const args = [
      '--base',
      join(dir, 'base'),
      '--out',
      out,
      '--n',
      '4',
      '--days',
      '1',
      '--steps',
      '2',
      '--batch',
      '2',
      '--eval-every',
      '1',
      '--rank',
      '2',
    ];
    const { stdout } = await promisify(execFile)(
      'npx',
      ['tsx', '--conditions=@nexfitra/source', 'packages/pipeline/scripts/finetune-variant.ts', ...args],
      { cwd: ROOT, maxBuffer: 1 << 24 },
    );
    const report = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(report.teacher.search).toBe('best');
    expect(report.rows.train + report.rows.val + report.rows.test + report.teacher.skipped).toBe(4);
    expect(report.valLosses[0].step).toBe(0);
    expect(report.trainableParameters).toBeLessThan(report.totalParameters / 10);
    for (const s of ['train', 'val']) {
      const lines = (await readFile(join(out, 'data', `${s}.jsonl`), 'utf8')).trim().split('\n');
      for (const l of lines) {
        const row = JSON.parse(l);
        expect(row.request.preferences.diet).toBe('vegan');
        expect(row.request.preferences.trainingDaysPerWeek).toBeGreaterThanOrEqual(4);
      }
    }
    const ck = await readGpt2Checkpoint(join(out, 'finetune', 'checkpoint'));
    expect(ck.config).toEqual(CONFIG);
    await stat(join(out, 'finetune', 'adapter', 'adapter_model.safetensors'));

    // The CLI on the same rows, one of them broken: reported by line, skipped, still trains.
    const data = join(out, 'data', 'train.jsonl');
    await appendFile(data, '{"request": {"x": 1}, "plan": "<plan>"}\n');
    const nLines = (await readFile(data, 'utf8')).trim().split('\n').length;
    const a = io();
    const code = await main(
      [
        'finetune',
        '--from',
        join(dir, 'base'),
        '--data',
        data,
        '--val',
        join(out, 'data', 'val.jsonl'),
        '--out',
        join(dir, 'cli'),
        '--method',
        'full',
        '--steps',
        '1',
        '--batch',
        '2',
        '--eval-every',
        '1',
      ],
      a.io,
    );
    expect(a.err.join('')).toContain(`${data} line ${nLines}: request.`);
    expect(code).toBe(0);
    const summary = JSON.parse(a.out.join(''));
    expect(summary.trainRows).toBe(nLines - 1);
    expect(summary.valLosses.length).toBeGreaterThanOrEqual(2);
    // … and --fail stops the run instead.
    expect(
      await main(
        [
          'finetune',
          '--from',
          join(dir, 'base'),
          '--data',
          data,
          '--val',
          join(out, 'data', 'val.jsonl'),
          '--out',
          join(dir, 'cli2'),
          '--fail',
        ],
        io().io,
      ),
    ).toBe(1);
    // A model whose tokenizer.json lacks a word of one row: that row is reported and skipped.
    const rowsText = (f: string) => readFile(join(out, 'data', f), 'utf8');
    const trainLines = (await rowsText('train.jsonl'))
      .trim()
      .split('\n')
      .slice(0, -1)
      .map((l) => JSON.parse(l).plan as string);
    const valWords = new Set((await rowsText('val.jsonl')).split(/[\s"]+/));
    const only = trainLines[0]!
      .split(' ')
      .find((w) => !valWords.has(w) && trainLines.slice(1).every((p) => !p.split(' ').includes(w)));
    expect(only).toBeDefined();
    const tok = join(dir, 'tok');
    await mkdir(tok, { recursive: true });
    await writeFile(
      join(tok, 'tokenizer.json'),
      tokenizerFiles(languageVocabulary().filter((w) => w !== only))['tokenizer.json'],
    );
    const skipped = await finetuneFromFiles({
      from: join(dir, 'base'),
      data,
      val: join(out, 'data', 'val.jsonl'),
      tokenizer: tok,
      outDir: join(dir, 'cli3'),
      method: 'lora',
      hyper: { steps: 1, batchSize: 1, evalEvery: 1 },
    });
    expect([...skipped.bad].sort((x, y) => x.line - y.line).map((b) => [b.line, b.reason])).toEqual([
      [1, `${JSON.stringify(only)} is not in the model's vocabulary`],
      [nLines, expect.stringMatching(/expected object/)],
    ]);
    // The fine-tuned checkpoint exports like any other.
    const files = await exportGpt2Checkpoint(join(dir, 'cli', 'checkpoint'), join(dir, 'export'), {
      dtypes: ['q8'],
    });
    expect(files.map((f) => f.path)).toContain('onnx/model_quantized.onnx');
  });
});
