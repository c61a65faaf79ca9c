import { isNexFitraError } from '@nexfitra/core';
import { buildDataset, DEFAULT_PREFERENCE_SHARE } from '../data/buildDataset';
import { writeDatasetCard } from '../data/card';
import { readUserRows } from '../data/userRows';
import { finetuneCommand } from '../finetune/cli';
import { TRAIN_USAGE, trainCommand } from '../train/cli';

/** Where the CLI writes (a test passes its own). */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const USAGE = `nexfitra-pipeline <command> [options]

  build-dataset --out <dir> [--n 1000] [--seed 1] [--days 7] [--search best|fast] [--unsafe-share 0.1] [--preference-share 0.2] [--max-minutes m]
      profiles → teacher plans → {train,val,test}.{jsonl,arrow}, skipped.jsonl, build.json, CARD.md
  check-rows <file.jsonl|.csv|.arrow> [--fail]
      validates your own request → plan rows; prints each bad row with its line, field and reason
      (exit 1 when there is one and --fail is given)
${TRAIN_USAGE}  finetune --from <checkpoint> --data <rows.jsonl|.csv|.arrow> --out <dir> [--method lora|full]
      [--rank 8] [--alpha 16] [--targets c_attn,c_proj,c_fc] [--lr] [--steps 200] [--batch 8]
      [--eval-every 25] [--patience 3] [--val <file>] [--tokenizer <dir>] [--seed 1] [--fail]
      fine-tunes a checkpoint on your rows (weight = loss weight) with early stopping on the val
      loss; writes <out>/checkpoint (LoRA merged), <out>/adapter (peft LoRA folder), loss.csv

Training and export of the default model: packages/pipeline/scripts/train-default.ts and
export-default.ts (see the package README).
`;

function option(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
}

function numberOption(argv: readonly string[], name: string, fallback: number): number {
  const v = option(argv, name);
  if (v === undefined) return fallback;
  const x = Number(v);
  if (!Number.isFinite(x)) throw new Error(`--${name} ${JSON.stringify(v)} is not a number`);
  return x;
}

/**
 * Runs the `nexfitra-pipeline` command line; returns the exit code (0 ok, 1 bad rows with
 * `--fail` or a typed error, 2 usage).
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'build-dataset') {
      const out = option(rest, 'out');
      if (!out) {
        io.stderr(`build-dataset: --out <dir> is required\n\n${USAGE}`);
        return 2;
      }
      const maxMinutes = option(rest, 'max-minutes');
      const search = option(rest, 'search') ?? 'best';
      if (search !== 'best' && search !== 'fast') {
        io.stderr(`build-dataset: --search ${JSON.stringify(search)}: use best or fast\n`);
        return 2;
      }
      const result = await buildDataset({
        outDir: out,
        n: numberOption(rest, 'n', 1000),
        seed: numberOption(rest, 'seed', 1),
        days: numberOption(rest, 'days', 7),
        unsafeShare: numberOption(rest, 'unsafe-share', 0.1),
        preferenceShare: numberOption(rest, 'preference-share', DEFAULT_PREFERENCE_SHARE),
        search,
        ...(maxMinutes !== undefined ? { maxMs: Number(maxMinutes) * 60_000 } : {}),
        onProgress: (done, total, rows) => {
          if (done % 25 === 0 || done === total) io.stderr(`${done}/${total} profiles, ${rows} rows\n`);
        },
      });
      await writeDatasetCard(out, result);
      io.stdout(`${JSON.stringify(result)}\n`);
      return 0;
    }
    if (command === 'finetune') return await finetuneCommand(rest, io, USAGE);
    if (command === 'train') return await trainCommand(rest, io, USAGE);
    if (command === 'check-rows') {
      const file = rest.find((a) => !a.startsWith('--'));
      if (!file) {
        io.stderr(`check-rows: a file is required\n\n${USAGE}`);
        return 2;
      }
      const { rows, bad } = await readUserRows(file);
      for (const b of bad) io.stdout(`line ${b.line}: ${b.field}: ${b.reason}\n`);
      io.stdout(`${rows.length} good rows, ${bad.length} bad rows\n`);
      return bad.length > 0 && rest.includes('--fail') ? 1 : 0;
    }
    io.stderr(USAGE);
    return command === undefined || command === '--help' ? 0 : 2;
  } catch (e) {
    if (isNexFitraError(e)) {
      io.stderr(`${command}: ${e.message}\n`);
      return 1;
    }
    if (e instanceof Error && e.message.startsWith('--')) {
      io.stderr(`${command}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
