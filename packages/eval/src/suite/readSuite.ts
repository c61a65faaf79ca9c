/**
 * Reads a suite file (Apache Arrow IPC, JSON Lines or CSV) and validates it row by row. Every
 * bad row is reported with its line (row number for Arrow), the field and the reason; nothing
 * is dropped silently: one bad row fails the whole file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import { tableFromIPC } from 'apache-arrow';
import { CsvSyntaxError, parseCsv } from './_csv';
import { type Suite, SuiteRow, type SuiteRowT } from './suiteRow';

const FN = 'readSuite';
/** Most problems listed in one error message (all are on `problems`). */
const SHOWN = 10;

/** One bad row: 1-based line (JSONL, CSV) or row (Arrow), the field path and why. */
export interface SuiteProblem {
  readonly line: number;
  readonly field: string;
  readonly reason: string;
}

/** A suite file that failed validation; `problems` lists every bad row. */
export class SuiteValidationError extends NexFitraError {
  readonly problems: readonly SuiteProblem[];
  constructor(file: string, problems: readonly SuiteProblem[]) {
    const shown = problems
      .slice(0, SHOWN)
      .map((p) => `  line ${p.line}: ${p.field || '(row)'}: ${p.reason}`)
      .join('\n');
    const more = problems.length > SHOWN ? `\n  … and ${problems.length - SHOWN} more` : '';
    super(
      {
        code: 'BAD_DATA',
        fn: FN,
        path: [file, problems[0]?.line ?? 0],
        value: problems[0]?.field,
        allowed: 'rows that are { id, slice, request: PlanRequest }',
      },
      `${FN}: ${file} has ${problems.length} bad row(s):\n${shown}${more}`,
    );
    this.problems = problems;
  }
}

type Raw = { readonly line: number; readonly value: unknown } | SuiteProblem;

function fromJsonl(text: string): Raw[] {
  const out: Raw[] = [];
  text.split(/\r?\n/).forEach((s, i) => {
    if (s.trim() === '') return;
    try {
      out.push({ line: i + 1, value: JSON.parse(s) });
    } catch (e) {
      out.push({ line: i + 1, field: '', reason: `not JSON (${(e as Error).message})` });
    }
  });
  return out;
}

function fromColumns(line: number, get: (col: string) => unknown): Raw {
  const request = get('request');
  if (typeof request !== 'string')
    return { line, field: 'request', reason: 'missing (a JSON PlanRequest string)' };
  try {
    const value: Record<string, unknown> = { request: JSON.parse(request) };
    for (const col of ['id', 'slice']) if (get(col) != null) value[col] = get(col);
    return { line, value };
  } catch (e) {
    return { line, field: 'request', reason: `not JSON (${(e as Error).message})` };
  }
}

function fromCsv(text: string, file: string): Raw[] {
  let records: ReturnType<typeof parseCsv>;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError)
      throw new SuiteValidationError(file, [{ line: e.line, field: '', reason: e.message }]);
    throw e;
  }
  const [header, ...rows] = records;
  if (header === undefined) return [];
  const cols = header.fields.map((h) => h.trim());
  if (!cols.includes('request')) {
    throw new SuiteValidationError(file, [
      {
        line: header.line,
        field: 'request',
        reason: `no "request" column in the header (${cols.join(', ')})`,
      },
    ]);
  }
  return rows.map((r) => {
    if (r.fields.length !== cols.length) {
      return { line: r.line, field: '', reason: `${r.fields.length} fields, the header has ${cols.length}` };
    }
    return fromColumns(r.line, (c) => {
      const i = cols.indexOf(c);
      return i < 0 || r.fields[i] === '' ? undefined : r.fields[i];
    });
  });
}

function fromArrow(bytes: Uint8Array, file: string): Raw[] {
  let table: ReturnType<typeof tableFromIPC>;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    throw new SuiteValidationError(file, [
      { line: 0, field: '', reason: `not an Arrow IPC file (${(e as Error).message})` },
    ]);
  }
  const names = table.schema.fields.map((f) => f.name);
  if (!names.includes('request')) {
    throw new SuiteValidationError(file, [
      { line: 0, field: 'request', reason: `no "request" column (columns: ${names.join(', ')})` },
    ]);
  }
  const out: Raw[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row = table.get(i);
    out.push(fromColumns(i + 1, (c) => (names.includes(c) ? (row?.[c] ?? undefined) : undefined)));
  }
  return out;
}

/**
 * Validates raw rows: a row without `request` is taken as a bare PlanRequest; a missing `id`
 * becomes `row-<line>` and a missing `slice` becomes `custom`. Ids must be unique.
 */
function validateRows(raw: readonly Raw[], file: string): SuiteRowT[] {
  const problems: SuiteProblem[] = [];
  const rows: SuiteRowT[] = [];
  const seen = new Map<string, number>();
  for (const r of raw) {
    if (!('value' in r)) {
      problems.push(r);
      continue;
    }
    const v = r.value;
    const obj =
      typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
    const candidate =
      obj && 'request' in obj
        ? { id: `row-${r.line}`, slice: 'custom', ...obj }
        : { id: `row-${r.line}`, slice: 'custom', request: v };
    const parsed = SuiteRow.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ line: r.line, field: issue.path.join('.'), reason: issue.message });
      }
      continue;
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined) {
      problems.push({ line: r.line, field: 'id', reason: `"${parsed.data.id}" repeats line ${first}` });
      continue;
    }
    seen.set(parsed.data.id, r.line);
    rows.push(parsed.data);
  }
  if (problems.length > 0) throw new SuiteValidationError(file, problems);
  if (rows.length === 0)
    throw new SuiteValidationError(file, [{ line: 0, field: '', reason: 'the suite has no rows' }]);
  return rows;
}

/** sha256 hex of the rows' canonical JSON, in order. */
export function suiteHash(rows: readonly SuiteRowT[]): string {
  const h = createHash('sha256');
  for (const r of rows) h.update(`${JSON.stringify(r)}\n`);
  return h.digest('hex');
}

/**
 * Reads and validates a suite file by its extension: `.arrow`/`.feather`/`.ipc` (columns `id`,
 * `slice`, `request` as JSON text), `.jsonl`/`.ndjson` (one `{ id?, slice?, request }` or bare
 * PlanRequest per line), `.csv` (header with a `request` column of JSON text; `id`, `slice`
 * optional).
 *
 * @throws {SuiteValidationError} (`BAD_DATA`) listing every bad row: line, field, reason
 * @throws {NexFitraError} `INVALID_ENUM` for another extension, `BAD_DATA` for an unreadable file
 */
export function readSuiteFile(file: string, name = basename(file, extname(file))): Suite {
  const ext = extname(file).toLowerCase();
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new NexFitraError({
      code: 'BAD_DATA',
      fn: FN,
      path: ['file'],
      value: file,
      allowed: `a readable file (${(e as Error).message})`,
    });
  }
  let raw: Raw[];
  if (ext === '.arrow' || ext === '.feather' || ext === '.ipc') raw = fromArrow(bytes, file);
  else if (ext === '.jsonl' || ext === '.ndjson') raw = fromJsonl(bytes.toString('utf8'));
  else if (ext === '.csv') raw = fromCsv(bytes.toString('utf8'), file);
  else {
    throw new NexFitraError({
      code: 'INVALID_ENUM',
      fn: FN,
      path: ['file'],
      value: file,
      allowed: 'a .arrow, .jsonl or .csv file',
    });
  }
  const rows = validateRows(raw, file);
  return { name, source: file, hash: suiteHash(rows), rows };
}
