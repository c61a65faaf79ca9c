import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { TrainingRow } from '../data/row';
import { type TokenizedExample, tokenizeExample } from './examples';

/** Examples of a JSONL row file, and the rows left out because they are longer than `maxTokens`. */
export interface LoadedExamples {
  readonly examples: TokenizedExample[];
  /** Ids of rows longer than `maxTokens` (reported, not silently dropped). */
  readonly tooLong: string[];
}

/**
 * Tokenizes the rows of a JSONL file (`buildDataset` output or `readUserRows` rows written as
 * JSONL) with the domain tokenizer. Rows longer than `maxTokens` (the model's n_positions + 1)
 * are listed in `tooLong`.
 * @throws NexFitraError from `tokenizeExample` for a word outside the vocabulary
 */
export async function loadExamples(path: string, maxTokens: number): Promise<LoadedExamples> {
  const examples: TokenizedExample[] = [];
  const tooLong: string[] = [];
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as TrainingRow;
    const e = tokenizeExample(row, 'loadExamples');
    if (e.ids.length > maxTokens) tooLong.push(row.id);
    else examples.push(e);
  }
  return { examples, tooLong };
}
