/**
 * The app as a separate process, for the crash test and the load script: one Node process
 * (`node --import tsx src/server.ts`, no tsx wrapper process, so SIGKILL reaches the server
 * itself) on PORT 0; resolves once it logs `listening`, with the port it got.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const APP = fileURLToPath(new URL('..', import.meta.url));

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly storage: string;
  /** Resolves with the exit signal or code once the process has ended. */
  readonly exited: Promise<NodeJS.Signals | number | null>;
  /** The last 200 log lines (pino JSON). */
  readonly log: string[];
}

export interface ServerEnv {
  /** PGlite files and the secret file (`DATA_DIR`). */
  readonly dataDir: string;
  /** A PostgreSQL server; absent → PGlite in `dataDir`. */
  readonly databaseUrl?: string | undefined;
}

export function startServer(env: ServerEnv, timeoutMs = 120_000): Promise<ServerProcess> {
  const child = spawn(
    process.execPath,
    ['--conditions=@nexfitra/source', '--import', 'tsx', 'src/server.ts'],
    {
      cwd: APP,
      env: {
        PATH: process.env['PATH'],
        HOME: process.env['HOME'],
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: env.dataDir,
        LOG_LEVEL: 'info', // the `listening` line is info
        ...(env.databaseUrl ? { DATABASE_URL: env.databaseUrl } : {}),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const log: string[] = [];
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not listen within ${timeoutMs} ms:\n${log.slice(-20).join('\n')}`));
    }, timeoutMs);
    let buf = '';
    const onData = (chunk: Buffer) => {
      buf += chunk.toString();
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        nl = buf.indexOf('\n');
        log.push(line);
        if (log.length > 200) log.shift();
        if (line.includes('"listening"')) {
          const m = JSON.parse(line) as { port: number; storage: string };
          clearTimeout(timer);
          resolve({ child, url: `http://127.0.0.1:${m.port}`, storage: m.storage, exited, log });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => log.push(c.toString()));
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${how}) before listening:\n${log.slice(-20).join('\n')}`));
    });
  });
}

/** Stops the server politely (SIGTERM: closes the socket and the database) and waits. */
export async function stopServer(s: ServerProcess): Promise<void> {
  if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGTERM');
  await s.exited;
}
