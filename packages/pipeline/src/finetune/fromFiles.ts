import { isNexFitraError, NexFitraError } from '@nexfitra/core';
import { readCheckpoint } from '../checkpoint/any';
import type { TrainingRow } from '../data/row';
import { type BadRow, readUserRows } from '../data/userRows';
import { type TokenizedExample, tokenizeExample } from '../train/examples';
import { readWordVocab, tokenizeWithVocab } from './_vocab';
import {
  FINETUNE_DEFAULTS,
  type FinetuneHyper,
  type FinetuneMethod,
  type FinetuneResult,
  finetuneModel,
} from './finetune';
import type { LoraOptions } from './lora';

export interface FinetuneFilesOptions {
  /** Checkpoint folder to start from (`config.json` + `model.safetensors`). */
  readonly from: string;
  /** Rows (JSONL, CSV or Arrow; `readUserRows`): train and val by each row's split. */
  readonly data: string;
  /** Optional separate validation file (then every row of `data` trains). */
  readonly val?: string;
  readonly outDir: string;
  readonly method: FinetuneMethod;
  readonly lora?: LoraOptions;
  /** Overrides of `FINETUNE_DEFAULTS[method]`; `steps` and `seed` default 200 and 1. */
  readonly hyper?: Partial<FinetuneHyper>;
  /** Bad rows: reported and skipped (default) or the run fails listing them. */
  readonly onBadRow?: 'skip' | 'fail';
  readonly onProgress?: Parameters<typeof finetuneModel>[0]['onProgress'];
  /**
   * Folder with the model's `tokenizer.json`; default the checkpoint folder when it has one,
   * else the plan language's current vocabulary (`languageVocabulary()`).
   */
  readonly tokenizer?: string;
}

export interface FinetuneFilesResult extends FinetuneResult {
  readonly trainRows: number;
  readonly valRows: number;
  /** Rows not used, with file, line and reason (never dropped silently). */
  readonly bad: readonly (BadRow & { readonly file: string })[];
  /** Ids of rows longer than the model's context. */
  readonly tooLong: readonly string[];
}

/**
 * `finetune --from <checkpoint> --data <file>`: reads and validates the rows (`readUserRows`,
 * weight → loss weight), tokenizes them with the model's `tokenizer.json` (or the domain vocabulary), splits train/val by the rows'
 * split (or `val`), and runs {@link finetuneModel}.
 * @throws NexFitraError for a bad checkpoint, bad rows with `onBadRow: 'fail'`, or no val rows
 */
export async function finetuneFromFiles(o: FinetuneFilesOptions): Promise<FinetuneFilesResult> {
  const base = await readCheckpoint(o.from);
  const bad: (BadRow & { file: string })[] = [];
  const read = async (file: string) => {
    const r = await readUserRows(file, { onBadRow: o.onBadRow ?? 'skip' });
    bad.push(...r.bad.map((b) => ({ ...b, file })));
    return r.rows;
  };
  const rows = await read(o.data);
  let trainRows: TrainingRow[];
  let valRows: TrainingRow[];
  if (o.val !== undefined) {
    trainRows = rows;
    valRows = await read(o.val);
  } else {
    trainRows = rows.filter((r) => r.split === 'train');
    valRows = rows.filter((r) => r.split === 'val');
  }
  const max = (base.family === 'llama' ? base.config.max_position_embeddings : base.config.n_positions) + 1;
  const tooLong: string[] = [];
  const vocab = await readWordVocab(o.tokenizer ?? o.from);
  if (o.tokenizer !== undefined && vocab === undefined) {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn: 'finetuneFromFiles',
      path: ['tokenizer'],
      value: o.tokenizer,
      allowed: 'a folder with tokenizer.json',
    });
  }
  const tokenize = (rs: TrainingRow[], file: string): TokenizedExample[] => {
    const out: TokenizedExample[] = [];
    for (const r of rs) {
      let e: TokenizedExample;
      try {
        e = vocab
          ? tokenizeWithVocab(r, vocab, 'finetuneFromFiles')
          : tokenizeExample(r, 'finetuneFromFiles');
      } catch (err) {
        // A word the model does not know is a bad row (reported with its line), not a crash.
        if (!isNexFitraError(err) || err.code !== 'INVALID_ENUM' || o.onBadRow === 'fail') throw err;
        const [, field, index] = err.path as [string, string, number];
        bad.push({
          file,
          line: Number(r.id.slice('user:'.length)),
          field: `${field}.${index}`,
          reason: `${JSON.stringify(err.value)} is not in the model's vocabulary`,
        });
        continue;
      }
      const top = Math.max(...e.ids);
      if (top >= base.config.vocab_size) {
        throw new NexFitraError({
          code: 'INCONSISTENT',
          fn: 'finetuneFromFiles',
          path: ['from', 'config', 'vocab_size'],
          value: base.config.vocab_size,
          allowed: `a model with the domain tokenizer's vocabulary (row ${r.id} has token id ${top})`,
        });
      }
      if (e.ids.length > max) tooLong.push(r.id);
      else out.push(e);
    }
    return out;
  };
  const train = tokenize(trainRows, o.data);
  const val = tokenize(valRows, o.val ?? o.data);
  if (val.length === 0) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: 'finetuneFromFiles',
      path: ['val'],
      value: 0,
      allowed: `validation rows: rows of ${o.data} whose profile falls in the val split, or a --val file`,
    });
  }
  const hyper: FinetuneHyper = { ...FINETUNE_DEFAULTS[o.method], seed: 1, steps: 200, ...o.hyper };
  const result = await finetuneModel({
    base,
    method: o.method,
    ...(o.lora ? { lora: o.lora } : {}),
    hyper: { ...hyper, batchSize: Math.min(hyper.batchSize, train.length) },
    train,
    val,
    outDir: o.outDir,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  });
  return { ...result, trainRows: train.length, valRows: val.length, bad, tooLong };
}
