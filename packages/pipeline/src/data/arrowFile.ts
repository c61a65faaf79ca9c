import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import {
  Float64,
  Int32,
  RecordBatchFileWriter,
  Table,
  tableFromIPC,
  Utf8,
  vectorFromArray,
} from 'apache-arrow';
import type { TrainingRow } from './row';
import type { Split } from './split';

const ROWS_PER_BATCH = 256;

function batchTable(rows: readonly TrainingRow[]): Table {
  const utf8 = (k: keyof TrainingRow) =>
    vectorFromArray(
      rows.map((r) => String(r[k])),
      new Utf8(),
    );
  return new Table({
    id: utf8('id'),
    profile: utf8('profile'),
    split: utf8('split'),
    prompt: utf8('prompt'),
    plan: utf8('plan'),
    request: utf8('request'),
    teacher: utf8('teacher'),
    teacherMs: vectorFromArray(
      rows.map((r) => r.teacherMs),
      new Float64(),
    ),
    promptTokens: vectorFromArray(
      rows.map((r) => r.promptTokens),
      new Int32(),
    ),
    planTokens: vectorFromArray(
      rows.map((r) => r.planTokens),
      new Int32(),
    ),
    weight: vectorFromArray(
      rows.map((r) => r.weight),
      new Float64(),
    ),
    rating: vectorFromArray(
      rows.map((r) => r.rating),
      new Float64(),
    ),
  });
}

/**
 * Converts a JSONL file of {@link TrainingRow}s into an Arrow IPC file (record batches of 256
 * rows, read and written as streams, so memory stays flat whatever the file size). Returns the
 * number of rows.
 */
export async function jsonlToArrow(jsonlPath: string, arrowPath: string): Promise<number> {
  const writer = new RecordBatchFileWriter();
  const out = createWriteStream(arrowPath);
  const piped = writer.toNodeStream().pipe(out);
  let batch: TrainingRow[] = [];
  let n = 0;
  const flush = () => {
    if (batch.length === 0) return;
    for (const b of batchTable(batch).batches) writer.write(b);
    n += batch.length;
    batch = [];
  };
  for await (const line of createInterface({ input: createReadStream(jsonlPath), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    batch.push(JSON.parse(line) as TrainingRow);
    if (batch.length >= ROWS_PER_BATCH) flush();
  }
  flush();
  if (n === 0) writer.write(batchTable([]));
  writer.finish();
  await once(piped, 'finish');
  return n;
}

/** Reads an Arrow IPC file of training rows (as written by {@link jsonlToArrow}). */
export async function readTrainingArrow(path: string): Promise<TrainingRow[]> {
  const table = tableFromIPC(await readFile(path));
  return table.toArray().map((r) => {
    const o = r.toJSON() as Record<string, unknown>;
    return {
      id: String(o['id']),
      profile: String(o['profile']),
      split: String(o['split']) as Split,
      prompt: String(o['prompt']),
      plan: String(o['plan']),
      request: String(o['request']),
      teacher: String(o['teacher']),
      teacherMs: Number(o['teacherMs']),
      promptTokens: Number(o['promptTokens']),
      planTokens: Number(o['planTokens']),
      weight: Number(o['weight']),
      rating: o['rating'] == null ? null : Number(o['rating']),
    };
  });
}
