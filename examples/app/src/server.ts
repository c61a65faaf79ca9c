/**
 * `npm run start -w examples/app`: opens the storage (PostgreSQL at DATABASE_URL, else PGlite
 * in DATA_DIR), applies migrations, and serves the app on PORT. No setup needed.
 */

import { basename } from 'node:path';
import { serve } from '@hono/node-server';
import { registerModelFolder } from '@nexfitra/inference/node';
import { createRegistry } from '@nexfitra/inference/plan';
import { createApp } from './app';
import { LoginLimiter } from './auth/rateLimit';
import { loadSecret, readConfig } from './config';
import { openPglite, openPostgres } from './db/db';
import { migrate } from './db/migrate';
import { createLogger } from './logger';

const config = readConfig();
const logger = createLogger(config.logLevel);
// Creates DATA_DIR (0700) and the secret file (0600) on first start.
const jwtSecret = loadSecret(config.dataDir);
const db = config.databaseUrl
  ? await openPostgres(config.databaseUrl)
  : await openPglite(config.dataDir + '/pglite');
const applied = await migrate(db);
// The rule planner, plus the model folders of NEXFITRA_MODELS (loaded on first use).
const registry = createRegistry();
for (const dir of config.models) registerModelFolder(registry, dir, { id: basename(dir) });
const app = createApp({
  db,
  jwtSecret,
  logger,
  registry,
  limiter: new LoginLimiter(),
  maxBodyBytes: config.maxBodyBytes,
  trustProxy: config.trustProxy,
});
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  logger.info(
    {
      storage: db.kind,
      migrationsApplied: applied,
      port: info.port,
      host: config.host,
      models: registry.list().map((m) => m.id),
    },
    'listening',
  );
});

let closing = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    if (closing) return;
    closing = true;
    server.close(() => void db.close().finally(() => process.exit(0)));
  });
}
