import * as tf from '@tensorflow/tfjs';
import type { CliIo } from '../cli/main';
import type { FinetuneHyper } from './finetune';
import { finetuneFromFiles } from './fromFiles';

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

function num(argv: readonly string[], name: string): number | undefined {
  const v = option(argv, name);
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x)) throw new Error(`--${name} ${JSON.stringify(v)} is not a number`);
  return x;
}

/**
 * @internal `nexfitra-pipeline finetune …`: parses the options, prints each bad row with its file,
 * line and reason, progress to stderr and the result as JSON to stdout. Returns the exit code.
 */
export async function finetuneCommand(argv: readonly string[], io: CliIo, usage: string): Promise<number> {
  const from = option(argv, 'from');
  const data = option(argv, 'data');
  const out = option(argv, 'out');
  if (!from || !data || !out) {
    io.stderr(`finetune: --from <checkpoint>, --data <file> and --out <dir> are required\n\n${usage}`);
    return 2;
  }
  const method = option(argv, 'method') ?? 'lora';
  if (method !== 'lora' && method !== 'full') {
    io.stderr(`finetune: --method ${JSON.stringify(method)}: use lora or full\n`);
    return 2;
  }
  const hyper: Partial<Record<keyof FinetuneHyper, number>> = {};
  const map: [string, keyof FinetuneHyper][] = [
    ['lr', 'lr'],
    ['min-lr', 'minLr'],
    ['steps', 'steps'],
    ['batch', 'batchSize'],
    ['eval-every', 'evalEvery'],
    ['patience', 'patience'],
    ['seed', 'seed'],
    ['warmup', 'warmupSteps'],
  ];
  for (const [flag, key] of map) {
    const v = num(argv, flag);
    if (v !== undefined) hyper[key] = v;
  }
  // The wasm backend is ~25× the pure-JS cpu backend for training here (see docs/recipes.md).
  await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend('wasm').catch(() => tf.setBackend('cpu'));
  const rank = num(argv, 'rank');
  const alpha = num(argv, 'alpha');
  const targets = option(argv, 'targets');
  const val = option(argv, 'val');
  const tokenizer = option(argv, 'tokenizer');
  const r = await finetuneFromFiles({
    from,
    data,
    outDir: out,
    method,
    ...(val !== undefined ? { val } : {}),
    ...(tokenizer !== undefined ? { tokenizer } : {}),
    lora: {
      ...(rank !== undefined ? { rank } : {}),
      ...(alpha !== undefined ? { alpha } : {}),
      ...(targets !== undefined ? { targetModules: targets.split(',').map((t) => t.trim()) } : {}),
    },
    hyper: hyper as unknown as Partial<FinetuneHyper>,
    onBadRow: argv.includes('--fail') ? 'fail' : 'skip',
    onProgress: (p) => {
      if (p.valLoss !== undefined || p.step % 10 === 0) {
        io.stderr(
          `step ${p.step}/${p.steps} loss ${p.loss.toFixed(4)}${p.valLoss !== undefined ? ` val ${p.valLoss.toFixed(4)}` : ''}\n`,
        );
      }
    },
  });
  for (const b of r.bad) io.stderr(`${b.file} line ${b.line}: ${b.field}: ${b.reason}\n`);
  if (r.tooLong.length > 0)
    io.stderr(`${r.tooLong.length} rows longer than the model's context left out: ${r.tooLong.join(', ')}\n`);
  const { losses: _l, ...summary } = r;
  io.stdout(`${JSON.stringify(summary)}\n`);
  return 0;
}
