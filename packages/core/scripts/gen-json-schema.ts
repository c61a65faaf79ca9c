/**
 * Writes one JSON Schema (draft 2020-12) per top-level document schema of @nexfitra/core to
 * packages/core/json-schema/<Name>.schema.json, for apps in other languages.
 *
 *   npx tsx packages/core/scripts/gen-json-schema.ts           regenerate the files
 *   npx tsx packages/core/scripts/gen-json-schema.ts --check   exit 1 if the committed files differ
 *
 * Output is deterministic: keywords sorted (a few leading ones first, `$defs` last), two-space
 * indent, trailing newline. Refinements that JSON Schema cannot express (min ≤ max, dates in
 * order, …) are checked by the zod schemas only; the JSON Schemas are their structural part.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { Dish } from '../src/schemas/dish';
import { Exercise } from '../src/schemas/exercise';
import { Food } from '../src/schemas/food';
import { ModelManifest } from '../src/schemas/manifest';
import { MealPlan } from '../src/schemas/meal';
import { Plan, PlanRequest } from '../src/schemas/plan';
import { ProgressLog } from '../src/schemas/progress';
import { SCHEMA_VERSION } from '../src/schemas/version';
import { WorkoutProgram } from '../src/schemas/workout';

/** The documents exported as JSON Schema: the six versioned documents and the three catalogue records. */
export const JSON_SCHEMA_DOCUMENTS = {
  Plan,
  PlanRequest,
  MealPlan,
  WorkoutProgram,
  ProgressLog,
  ModelManifest,
  Food,
  Exercise,
  Dish,
} as const satisfies Record<string, z.ZodType>;

export type DocumentName = keyof typeof JSON_SCHEMA_DOCUMENTS;

export const OUT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../json-schema');

/** A URN, not a URL: the schemas are not served anywhere, and a URN promises no location. */
export function schemaId(name: string): string {
  return `urn:nexfitra:schema:${SCHEMA_VERSION}:${name}`;
}

const LEADING_KEYS = ['$schema', '$id', 'title', 'description', 'type'];

/** Rank of a key: the leading keys in their order, then the rest by name, `$defs` last. */
function compareKeys(a: string, b: string): number {
  const rank = (k: string) => (k === '$defs' ? 99 : LEADING_KEYS.includes(k) ? LEADING_KEYS.indexOf(k) : 50);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/**
 * Keywords sorted (a few leading ones first) and `$defs` by name, so a change in the order zod
 * happens to emit them never shows as drift; the members of `properties` keep the schema's
 * source order, which is the order a reader expects.
 */
function sortKeys(v: unknown, keepOrder = false): unknown {
  if (Array.isArray(v)) return v.map((x) => sortKeys(x));
  if (v === null || typeof v !== 'object') return v;
  const keys = Object.keys(v);
  const out: Record<string, unknown> = {};
  for (const k of keepOrder ? keys : keys.sort(compareKeys)) {
    out[k] = sortKeys((v as Record<string, unknown>)[k], k === 'properties' && !keepOrder);
  }
  return out;
}

/**
 * The JSON Schema object of one document. A document whose zod schema has a registry `id` comes
 * out of zod as `{ $ref: '#/$defs/<id>' }`; its body is moved back to the root so that the root
 * itself describes the document.
 */
export function jsonSchemaOf(name: DocumentName): Record<string, unknown> {
  const schema = z.toJSONSchema(JSON_SCHEMA_DOCUMENTS[name], { target: 'draft-2020-12', io: 'input' });
  let root: Record<string, unknown> = { ...schema };
  const defs = { ...((root.$defs as Record<string, Record<string, unknown>> | undefined) ?? {}) };
  const ref = typeof root.$ref === 'string' ? /^#\/\$defs\/([^/]+)$/.exec(root.$ref)?.[1] : undefined;
  if (ref !== undefined && defs[ref] !== undefined) {
    const body = defs[ref];
    delete defs[ref];
    const { $ref: _, $defs: __, ...rest } = root;
    root = { ...rest, ...body };
    if (JSON.stringify(root).includes(`"#/$defs/${ref}"`)) {
      throw new Error(`${name}: the document refers to itself; cannot inline its root`);
    }
  }
  if (Object.keys(defs).length > 0) root.$defs = defs;
  else delete root.$defs;
  return sortKeys({ ...root, $id: schemaId(name), title: name }) as Record<string, unknown>;
}

/** File name → file text for every document. */
export function renderAll(): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of Object.keys(JSON_SCHEMA_DOCUMENTS) as DocumentName[]) {
    files.set(`${name}.schema.json`, `${JSON.stringify(jsonSchemaOf(name), null, 2)}\n`);
  }
  return files;
}

/** Names of the files that are missing, different, or present but no longer generated. */
export function drift(dir: string = OUT_DIR): string[] {
  const want = renderAll();
  const bad: string[] = [];
  for (const [file, text] of want) {
    const path = join(dir, file);
    if (!existsSync(path)) bad.push(`${file} (missing)`);
    else if (readFileSync(path, 'utf8') !== text) bad.push(`${file} (differs)`);
  }
  if (existsSync(dir)) {
    for (const file of readdirSync(dir)) {
      if (file.endsWith('.schema.json') && !want.has(file)) bad.push(`${file} (stale: no such schema)`);
    }
  }
  return bad;
}

function main(args: readonly string[]): number {
  if (args.includes('--check')) {
    const bad = drift();
    if (bad.length === 0) {
      console.log(`json-schema: ${renderAll().size} files up to date`);
      return 0;
    }
    console.error(`json-schema: committed files differ from the zod schemas:\n  ${bad.join('\n  ')}`);
    console.error('regenerate with: npx tsx packages/core/scripts/gen-json-schema.ts');
    return 1;
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const files = renderAll();
  for (const file of readdirSync(OUT_DIR)) {
    if (file.endsWith('.schema.json') && !files.has(file)) rmSync(join(OUT_DIR, file));
  }
  for (const [file, text] of files) writeFileSync(join(OUT_DIR, file), text);
  console.log(`json-schema: wrote ${files.size} files to ${OUT_DIR}`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
