/**
 * `npm run admin -w examples/app -- <email> [--role admin|coach|user]`: gives an existing
 * account a role (default `admin`, which may export every user's feedback). Nobody can sign up
 * as an admin: this runs with the server's own storage settings (DATABASE_URL, else the PGlite
 * folder in DATA_DIR — stop the server first, PGlite is one process's). The new role is in the
 * account's next access token (log-in or refresh).
 */
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config';
import { openPglite, openPostgres } from '../src/db/db';
import { migrate } from '../src/db/migrate';

const ROLES = ['admin', 'coach', 'user'] as const;
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { role: { type: 'string', default: 'admin' } },
});
const email = positionals[0]?.toLowerCase();
const role = values.role as (typeof ROLES)[number];
if (!email || positionals.length !== 1 || !ROLES.includes(role)) {
  console.error(`usage: npm run admin -w examples/app -- <email> [--role ${ROLES.join('|')}]`);
  process.exit(2);
}
const config = readConfig();
const db = config.databaseUrl
  ? await openPostgres(config.databaseUrl)
  : await openPglite(`${config.dataDir}/pglite`);
try {
  await migrate(db);
  const rows = await db.query<{ id: string }>('UPDATE users SET role = $2 WHERE email = $1 RETURNING id', [
    email,
    role,
  ]);
  if (rows.length === 0) {
    console.error(`no account has the email ${email}`);
    process.exitCode = 1;
  } else
    console.log(
      `user ${rows[0]!.id} (${email}) is now ${role}; it takes effect at their next log-in or refresh`,
    );
} finally {
  await db.close();
}
