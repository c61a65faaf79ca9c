import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tokenizerFiles } from './hfTokenizer';

/**
 * Writes `tokenizer.json` and `tokenizer_config.json` of the plan language into `dir`
 * (created if missing) and returns the paths written. Deterministic: the same language version
 * and catalogues give the same bytes.
 */
export async function writeTokenizer(dir: string, vocab?: readonly string[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, text] of Object.entries(tokenizerFiles(vocab))) {
    const path = join(dir, name);
    await writeFile(path, text);
    written.push(path);
  }
  return written;
}
