/**
 * An in-memory PGlite for tests, migrated. PGlite's initdb costs ~10–20 s on a loaded 2-core
 * machine, so the first run dumps the migrated data directory to the OS temp dir (keyed by the
 * migration files' hash) and later runs start from that dump (~5 s).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Db, openPglite, wrapPglite } from '../src/db/db';
import { migrate } from '../src/db/migrate';

const MIGRATIONS = fileURLToPath(new URL('../src/db/migrations/', import.meta.url));

/** Where the migrated data directory's dump (a .tgz of the PGlite data folder) is cached. */
export function testPgliteCache(): string {
  const h = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS).sort()) h.update(f).update(readFileSync(join(MIGRATIONS, f)));
  return join(tmpdir(), `nexfitra-app-pglite-${h.digest('hex').slice(0, 16)}.tgz`);
}

export async function openTestPglite(): Promise<Db> {
  const cache = testPgliteCache();
  if (existsSync(cache)) {
    const { PGlite } = await import('@electric-sql/pglite');
    const pg = new PGlite({ loadDataDir: new Blob([readFileSync(cache)]) });
    await pg.waitReady;
    const db = wrapPglite(pg);
    await migrate(db);
    return db;
  }
  const db = await openPglite();
  await migrate(db);
  const blob = await (db as Db & { dump(): Promise<Blob> }).dump();
  const tmp = `${cache}.${process.pid}`;
  writeFileSync(tmp, Buffer.from(await blob.arrayBuffer()));
  renameSync(tmp, cache);
  return db;
}
