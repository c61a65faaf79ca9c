/**
 * Result cache: one JSON file per (model hash, request hash, settings, eval/core code hash), so
 * a rerun only computes what changed. Default folder `node_modules/.cache/nexfitra-eval` under
 * the working directory (ignored by git, removed with node_modules).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { METRICS_VERSION } from '../metrics/catalogue';
import { packagesHash } from '../model/_sourceHash';
import type { ResultRowT } from '../report/schema';

export const DEFAULT_CACHE_DIR = join('node_modules', '.cache', 'nexfitra-eval');

export interface CacheEntry {
  readonly status: ResultRowT['status'];
  readonly error?: string;
  readonly metrics: ResultRowT['metrics'];
}

let codeHash: string | undefined;
/** Hash of the code that computes metrics (eval's metrics and core's validators) and the metrics version. */
function metricsCodeHash(): string {
  codeHash ??= packagesHash(['@nexfitra/eval:src/metrics', '@nexfitra/core'], `metrics-v${METRICS_VERSION}`);
  return codeHash;
}

/** sha256 hex of a request's canonical JSON. */
export function requestHash(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}

export class ResultCache {
  readonly dir: string;
  constructor(dir: string = DEFAULT_CACHE_DIR) {
    this.dir = resolve(dir);
  }

  /** The cache key of one result. */
  key(modelHash: string, reqHash: string, settings: unknown): string {
    return createHash('sha256')
      .update(`${modelHash}\n${reqHash}\n${JSON.stringify(settings)}\n${metricsCodeHash()}`)
      .digest('hex');
  }

  private file(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  get(key: string): CacheEntry | undefined {
    try {
      return JSON.parse(readFileSync(this.file(key), 'utf8')) as CacheEntry;
    } catch {
      return undefined;
    }
  }

  /** Writes atomically (temp file + rename), so shards sharing a cache folder never read half a file. */
  set(key: string, entry: CacheEntry): void {
    const f = this.file(key);
    mkdirSync(join(this.dir, key.slice(0, 2)), { recursive: true });
    const tmp = `${f}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(entry));
    renameSync(tmp, f);
  }
}
