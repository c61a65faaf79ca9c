/**
 * The web page: `GET /` serves the React page Vite built into `dist/web` (`npm run build -w
 * examples/app`; `npm run start` builds it when missing; `WEB_DIR` names another build folder)
 * and `GET /assets/<file>` its hashed
 * scripts and styles, nothing fetched from elsewhere. Until it is built, `/` answers a short
 * page that says how to build it. The page talks only to this app's JSON API.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

/** Where the built page is: `WEB_DIR` when set (tests build into their own folder), else `dist/web`. */
const webDir = () => process.env['WEB_DIR'] || fileURLToPath(new URL('../dist/web/', import.meta.url));

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

/** Scripts and styles from this origin only; inline styles for the server-drawn SVG charts. */
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>NexFitra</title></head>
<body style="font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>NexFitra</h1>
<p>The web page is not built yet. Run <code>npm run build -w examples/app</code> (or start the app with
<code>npm run start -w examples/app</code>, which builds it when missing) and reload.</p>
<p>The JSON API works already: see <a href="/docs">/docs</a> and <a href="/openapi.json">/openapi.json</a>.</p>
</body></html>`;

let cached: { file: string; mtimeMs: number; html: string } | undefined;
/** The built index.html, read again only when it changes (a rebuild is served without a restart). */
function indexHtml(dir: string): string {
  const file = join(dir, 'index.html');
  if (!existsSync(file)) return NOT_BUILT;
  const { mtimeMs } = statSync(file);
  if (cached?.file !== file || cached.mtimeMs !== mtimeMs)
    cached = { file, mtimeMs, html: readFileSync(file, 'utf8') };
  return cached.html;
}

export function pageRoutes(): Hono {
  const r = new Hono();
  r.get('/', (c) => {
    c.header('Content-Security-Policy', CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('Cache-Control', 'no-cache');
    return c.html(indexHtml(webDir()));
  });
  r.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    const type = TYPES[extname(name)];
    const file = join(webDir(), 'assets', name);
    // Vite's names only (letters, digits, - _ .): no path can leave the assets folder.
    if (!/^[\w-]+(\.[\w-]+)*$/.test(name) || !type || !existsSync(file))
      return c.json({ error: { code: 'NOT_FOUND', message: 'no such asset' } }, 404);
    c.header('Content-Type', type);
    c.header('X-Content-Type-Options', 'nosniff');
    // File names carry a content hash: safe to cache for a year.
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(readFileSync(file));
  });
  return r;
}
