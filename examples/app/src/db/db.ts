/**
 * The storage the app talks to: one `query` for PGlite (embedded, in-process PostgreSQL) and for
 * a PostgreSQL server through `pg`. Both speak the same SQL, so one migration set serves both.
 */
export interface Db {
  /** Runs one parameterised statement ($1, $2 …); values are never spliced into SQL text. */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** Runs `fn` in one transaction (serialised per connection). */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  readonly kind: 'pglite' | 'postgres';
}

/** Embedded PGlite: in memory when `dataDir` is undefined, else persisted there. */
export async function openPglite(dataDir?: string): Promise<Db> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;
  return wrapPglite(pg);
}

type PgliteLike = import('@electric-sql/pglite').PGlite;

/** A `Db` over an open PGlite (also exposes `dump()` of its data directory, for test caches). */
export function wrapPglite(pg: PgliteLike): Db & { dump(): Promise<Blob> } {
  type Q = Pick<PgliteLike, 'query' | 'exec'>;
  const wrap = (q: Q) => ({
    async query<R>(sql: string, params: readonly unknown[] = []) {
      return (await q.query<R>(sql, params as unknown[])).rows;
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  });
  const db: Db & { dump(): Promise<Blob> } = {
    kind: 'pglite',
    ...wrap(pg),
    transaction: (fn) =>
      pg.transaction((tx) =>
        fn({ ...wrap(tx), kind: 'pglite', transaction: (f) => f(db), close: async () => {} }),
      ),
    close: () => pg.close(),
    dump: () => pg.dumpDataDir('gzip'),
  };
  return db;
}

/** A PostgreSQL server at `url` through a `pg` pool. */
export async function openPostgres(url: string): Promise<Db> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  await pool.query('SELECT 1');
  const db: Db = {
    kind: 'postgres',
    async query<R>(sql: string, params: readonly unknown[] = []) {
      return (await pool.query(sql, params as unknown[])).rows as R[];
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction(fn) {
      const client = await pool.connect();
      const tx: Db = {
        kind: 'postgres',
        query: async <R>(sql: string, params: readonly unknown[] = []) =>
          (await client.query(sql, params as unknown[])).rows as R[],
        exec: async (sql) => {
          await client.query(sql);
        },
        transaction: (f) => f(tx),
        close: async () => {},
      };
      try {
        await client.query('BEGIN');
        const out = await fn(tx);
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK');
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
  return db;
}
