/**
 * Writes the plan-language tokenizer to datasets/tokenizer/ (tokenizer.json +
 * tokenizer_config.json). Run: `npx tsx --conditions=@nexfitra/source packages/pipeline/scripts/build-tokenizer.ts`.
 * Deterministic; packages/pipeline/test/tokenizer.test.ts fails when the committed files are stale.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LANGUAGE_VERSION, languageVocabulary } from '@nexfitra/core/language';
import { writeTokenizer } from '../src/tokenizer/write';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const dir = join(root, 'datasets', 'tokenizer');
const written = await writeTokenizer(dir);
console.log(`plan language ${LANGUAGE_VERSION}: ${languageVocabulary().length} tokens`);
for (const p of written) console.log(`wrote ${p}`);
