import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The solver is WebAssembly, so it must run in a browser too (issue 4). This bundles
 * test/browser/entry.ts with esbuild, serves it with highs.wasm (as application/wasm) from a
 * local HTTP server and drives the system Chromium through playwright-core, as in
 * docs/recipes.md "Browser tests". The expected plan is the hand-solved two-food optimum of
 * test/solver.test.ts (350 g oats + 150 g whey; 350/150 again on a 10 g grid).
 *
 * Skipped ONLY when /usr/bin/chromium is absent (install it with `apt-get install -y
 * chromium`); every other failure (bundle, server, page error, wrong answer) fails the test.
 */
const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM) {
  console.warn(`browser.test.ts: skipped because ${CHROMIUM} is missing (apt-get install -y chromium)`);
}

const here = dirname(fileURLToPath(import.meta.url));
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
};

function serve(dir: string): Promise<Server> {
  const server = createServer((req, res) => {
    const name =
      (req.url ?? '/').split('?')[0] === '/' ? 'index.html' : (req.url ?? '').slice(1).split('?')[0];
    const file = join(dir, name ?? '');
    if (!name || name.includes('..') || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[extname(file)] ?? 'application/octet-stream',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
    });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('portion solver in a browser', () => {
  it.skipIf(!HAS_CHROMIUM)(
    'solves the two-food problem in headless Chromium',
    async () => {
      const { build } = await import('esbuild');
      const { chromium } = await import('playwright-core');
      const dir = mkdtempSync(join(tmpdir(), 'nexfitra-browser-'));
      const profile = mkdtempSync(join(tmpdir(), 'nexfitra-chromium-'));
      let server: Server | undefined;
      let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
      try {
        await build({
          entryPoints: [join(here, 'browser', 'entry.ts')],
          outfile: join(dir, 'bundle.js'),
          bundle: true,
          format: 'esm',
          platform: 'browser',
          conditions: ['@nexfitra/source'],
          // highs.mjs imports node:module only behind its Node check; the browser never runs it.
          external: ['node:*'],
          logLevel: 'silent',
        });
        copyFileSync(createRequire(import.meta.url).resolve('highs/runtime'), join(dir, 'highs.wasm'));
        writeFileSync(
          join(dir, 'index.html'),
          '<!doctype html><script type="module" src="/bundle.js"></script>',
        );
        server = await serve(dir);
        const { port } = server.address() as AddressInfo;

        context = await chromium.launchPersistentContext(profile, {
          executablePath: CHROMIUM,
          headless: true,
          ignoreDefaultArgs: ['--headless'],
          args: [
            '--headless=new',
            '--no-sandbox',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
            '--disable-dev-shm-usage',
          ],
        });
        const page = context.pages()[0] ?? (await context.newPage());
        const pageErrors: string[] = [];
        page.on('pageerror', (e) => pageErrors.push(String(e)));
        await page.goto(`http://127.0.0.1:${port}/`);
        await page.waitForFunction(
          () => typeof (globalThis as { runTwoFood?: unknown }).runTwoFood === 'function',
        );
        const result = await page.evaluate(() =>
          (globalThis as unknown as { runTwoFood: () => Promise<unknown> }).runTwoFood(),
        );
        const r = result as {
          plan: { status: string; portions: { id: string; grams: number }[]; misses: unknown[] };
          again: { status: string; portions: { id: string; grams: number }[] };
          malformed: string;
          firstMs: number;
        };
        console.log(`browser: first solve incl. wasm load ${r.firstMs.toFixed(0)} ms`);
        expect(pageErrors).toEqual([]);
        expect(r.plan.status).toBe('optimal');
        expect(r.plan.portions).toEqual([
          { id: 'oats', grams: 350 },
          { id: 'whey', grams: 150 },
        ]);
        expect(r.plan.misses).toEqual([]);
        expect(r.malformed).toBe('BAD_DATA');
        expect(r.again.status).toBe('optimal');
        expect(r.again.portions.map((p) => p.grams)).toEqual([350, 150]);
      } finally {
        await context?.close();
        await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
        rmSync(dir, { recursive: true, force: true });
        rmSync(profile, { recursive: true, force: true });
      }
    },
    90_000,
  );
});
