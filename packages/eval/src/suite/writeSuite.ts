/** Writes suite rows as an Arrow IPC file (the shipped format) or JSON Lines. */
import { writeFileSync } from 'node:fs';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { SuiteRowT } from './suiteRow';

/** Arrow IPC bytes with utf8 columns `id`, `slice` and `request` (the request as JSON text). */
export function suiteToArrow(rows: readonly SuiteRowT[]): Uint8Array {
  const table = tableFromArrays({
    id: rows.map((r) => r.id),
    slice: rows.map((r) => r.slice),
    request: rows.map((r) => JSON.stringify(r.request)),
  });
  return tableToIPC(table, 'file');
}

/** Writes `rows` to `file`: Arrow IPC for `.arrow`, else JSON Lines. */
export function writeSuiteFile(file: string, rows: readonly SuiteRowT[]): void {
  if (file.endsWith('.arrow')) writeFileSync(file, suiteToArrow(rows));
  else writeFileSync(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
}
