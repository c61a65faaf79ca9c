/** Finds a suite by name (`smoke`, `standard`, `stress`) or path and reads it. */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { NexFitraError } from '@nexfitra/core';
import { readSuiteFile } from './readSuite';
import type { Suite } from './suiteRow';

/** The suites shipped in `datasets/suites/` (see its CARD.md). */
export const SHIPPED_SUITES = ['smoke', 'standard', 'stress'] as const;

export interface LoadSuiteOptions {
  /** Folder holding `<name>.arrow`; default `$NEXFITRA_SUITES_DIR`, else the nearest `datasets/suites` above the working directory. */
  readonly suitesDir?: string;
}

function findSuitesDir(): string | undefined {
  let dir = process.cwd();
  for (;;) {
    const candidate = join(dir, 'datasets', 'suites');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * A suite by file path (anything with a `/` or an extension) or by name.
 * @throws {NexFitraError} `INVALID_ENUM` for an unknown name (listing the shipped ones),
 *   `SuiteValidationError` for a bad file
 */
export function loadSuite(nameOrPath: string, options: LoadSuiteOptions = {}): Suite {
  if (/[/\\]|\.[a-z]+$/i.test(nameOrPath)) return readSuiteFile(resolve(nameOrPath));
  const dir = options.suitesDir ?? process.env['NEXFITRA_SUITES_DIR'] ?? findSuitesDir();
  const file = dir === undefined ? undefined : join(dir, `${nameOrPath}.arrow`);
  if (file === undefined || !existsSync(file)) {
    throw new NexFitraError({
      code: 'INVALID_ENUM',
      fn: 'loadSuite',
      path: ['suite'],
      value: nameOrPath,
      allowed: `a suite file (.arrow, .jsonl, .csv) or a name in ${dir ?? 'datasets/suites (not found)'}: ${SHIPPED_SUITES.join(', ')}`,
    });
  }
  return readSuiteFile(file, nameOrPath);
}
