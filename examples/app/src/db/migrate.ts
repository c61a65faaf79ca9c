/**
 * A tiny migration runner: `migrations/NNN_name.sql` applied in order, each once, inside a
 * transaction, recorded in `schema_migrations` (version, name, applied_at).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Db } from './db';

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** Applies the pending migrations; returns the versions applied now. */
export async function migrate(db: Db): Promise<number[]> {
  await db.exec(
    'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())',
  );
  const done = new Set(
    (await db.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
  );
  const files = readdirSync(DIR)
    .filter((f) => /^\d{3}_[\w-]+\.sql$/.test(f))
    .sort();
  const applied: number[] = [];
  for (const f of files) {
    const version = Number(f.slice(0, 3));
    if (done.has(version)) continue;
    const sql = readFileSync(DIR + f, 'utf8');
    await db.transaction(async (tx) => {
      await tx.exec(sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [version, f]);
    });
    applied.push(version);
  }
  return applied;
}
