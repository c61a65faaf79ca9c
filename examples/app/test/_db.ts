/**
 * The storage a test file runs on: the PostgreSQL server at `DATABASE_URL` when set, else an
 * in-memory PGlite (`openTestPglite`). On a server each call gets a fresh schema
 * (`nexfitra_test_<random>`, first on the connection's `search_path`), migrated from scratch and
 * dropped on `close()`, so runs and files never see each other's rows.
 */
import { randomBytes } from 'node:crypto';
import { type Db, openPostgres } from '../src/db/db';
import { migrate } from '../src/db/migrate';
import { openTestPglite } from './_pglite';

/** `url` with `search_path` set to `schema` for every connection of the pool. */
export function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** A fresh, migrated schema on the server at `url`; its name and the URL that selects it. */
export async function createTestSchema(
  url: string,
): Promise<{ schema: string; url: string; drop(): Promise<void> }> {
  const schema = `nexfitra_test_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(url);
  await admin.exec(`CREATE SCHEMA ${schema}`);
  await admin.close();
  return {
    schema,
    url: withSchema(url, schema),
    async drop() {
      const a = await openPostgres(url);
      await a.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await a.close();
    },
  };
}

/** A migrated database for one test file (see the file comment). */
export async function openTestDb(): Promise<Db> {
  const url = process.env['DATABASE_URL'];
  if (!url) return openTestPglite();
  const s = await createTestSchema(url);
  const db = await openPostgres(s.url);
  await migrate(db);
  return {
    ...db,
    async close() {
      await db.close();
      await s.drop();
    },
  };
}
