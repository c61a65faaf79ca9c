/**
 * The `/web` entry in headless Chromium (playwright-core, Debian's /usr/bin/chromium, flags from
 * the team's recipes): the page is bundled with esbuild from test/browser/entry.ts, the model
 * folders and onnxruntime-web's files come from a local HTTP server (COOP/COEP, wasm MIME), and
 * the greedy tokens with the WebGPU EP (SwiftShader software adapter) and with wasm must equal
 * onnxruntime-node's in Node — on the committed fixture (free text) and on a random-weight model
 * of the current language constrained to a request's grammar (a complete plan); and wasm with the
 * derived decode graph (opt-in on the web) the same. The bundle must not contain
 * onnxruntime-node or Node built-ins. Skipped only when Chromium is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize } from 'node:path';
import { createGrammar, formatRequest, LANGUAGE_VERSION } from '@nexfitra/core/language';
import { generateRequests, planTargets } from '@nexfitra/planner';
import { describe, expect, it } from 'vitest';
import { generate, generateBranches, grammarConstraint } from '../src/index';
import { loadModel, writeModelManifest } from '../src/node';
import { writeRandomPlanModel } from './_randomModel';

const CHROMIUM = '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM)
  console.warn(`browser.test.ts: skipped because ${CHROMIUM} is missing (apt-get install -y chromium)`);

const FIXTURE = join(__dirname, '../../../datasets/fixtures/tiny-plan-gpt2');
const ORT_DIST = dirname(require.resolve('onnxruntime-web/wasm'));
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/** Serves `routes` (URL prefix → folder) with COOP/COEP; 404 for anything outside them. */
function serve(routes: Record<string, string>): Promise<Server> {
  const server = createServer((req, res) => {
    const url = decodeURIComponent((req.url ?? '/').split('?')[0]!);
    const prefix = Object.keys(routes)
      .sort((a, b) => b.length - a.length)
      .find((p) => url.startsWith(p));
    const rel = prefix === undefined ? '' : normalize(url.slice(prefix.length) || 'index.html');
    const file = prefix === undefined ? '' : join(routes[prefix]!, rel);
    if (prefix === undefined || rel.startsWith('..') || !existsSync(file)) {
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

describe('the /web entry in a browser', () => {
  it.skipIf(!HAS_CHROMIUM)(
    'WebGPU and wasm agree with Node on greedy output',
    { timeout: 180_000 },
    async () => {
      const { build } = await import('esbuild');
      const { chromium } = await import('playwright-core');
      const tmp = await mkdtemp(join(tmpdir(), 'nf-browser-'));
      const page = join(tmp, 'page');
      let server: Server | undefined;
      let context: Awaited<ReturnType<typeof chromium.launchPersistentContext>> | undefined;
      try {
        const built = await build({
          metafile: true,
          entryPoints: [join(__dirname, 'browser/entry.ts')],
          outfile: join(page, 'bundle.js'),
          bundle: true,
          format: 'esm',
          platform: 'browser',
          conditions: ['@nexfitra/source'],
          logLevel: 'silent',
        });
        // What went into the bundle: onnxruntime-web, never onnxruntime-node or a Node built-in.
        const inputs = Object.keys(built.metafile.inputs);
        expect(inputs.filter((f) => /onnxruntime-node|^node:/.test(f))).toEqual([]);
        expect(inputs.some((f) => f.includes('onnxruntime-web'))).toBe(true);
        await writeFile(
          join(page, 'index.html'),
          '<!doctype html><script type="module" src="/bundle.js"></script>',
        );

        // The second model: current language, random weights, with a manifest the page verifies.
        const random = await writeRandomPlanModel(join(tmp, 'random'), {
          seed: 21,
          adversarial: true,
          maxPositions: 4096,
        });
        await writeModelManifest(random, {
          name: 'random',
          version: '0.0.1',
          architecture: 'gpt2',
          vocabVersion: LANGUAGE_VERSION,
          grammarVersion: LANGUAGE_VERSION,
          dtypes: ['fp32'],
        });
        const [request] = generateRequests(1, 4242, { days: 1 });
        const t = planTargets(request!);
        if (!t.ok) throw new Error('request refused');
        const planPrompt = formatRequest(request!, t.targets);
        const freePrompt = '<plan> <workout>';

        // Node's answers (onnxruntime-node).
        const nodeFixture = await loadModel(FIXTURE);
        const nodeFree = await generate(nodeFixture, { prompt: freePrompt, maxNewTokens: 32 });
        const grammarOfRequest = createGrammar(request!, { weeks: 1 });
        const nodeRows = (
          await generateBranches(nodeFixture, {
            prompt: planPrompt,
            branches: Array.from({ length: 7 }, () =>
              grammarConstraint(grammarOfRequest, nodeFixture.tokenizer, { unknownWords: 'skip' }),
            ),
            maxNewTokens: 40,
            diverse: true,
          })
        ).branches.map((r) => r.tokenIds);
        await nodeFixture.dispose();
        const nodeRandom = await loadModel(random);
        const nodePlan = await generate(nodeRandom, {
          prompt: planPrompt,
          maxNewTokens: 3000,
          constraint: grammarConstraint(createGrammar(request!, { weeks: 1 }), nodeRandom.tokenizer),
        });
        await nodeRandom.dispose();
        expect(nodePlan.stopReason).toBe('grammar-complete');

        server = await serve({ '/': page, '/ort/': ORT_DIST, '/fixture/': FIXTURE, '/random/': random });
        const { port } = server.address() as AddressInfo;
        context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
          executablePath: CHROMIUM,
          headless: true,
          ignoreDefaultArgs: ['--headless'],
          args: [
            '--headless=new',
            '--no-sandbox',
            '--enable-unsafe-webgpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
            '--disable-quic',
            '--disable-dev-shm-usage',
          ],
        });
        const tab = context.pages()[0] ?? (await context.newPage());
        const errors: string[] = [];
        tab.on('pageerror', (e) => errors.push(String(e)));
        await tab.goto(`http://127.0.0.1:${port}/`);
        await tab.waitForFunction(() => typeof (globalThis as { runJob?: unknown }).runJob === 'function');
        const run = (job: object) =>
          tab.evaluate(
            (j) =>
              (
                globalThis as unknown as {
                  runJob: (x: object) => Promise<{
                    backend: string;
                    tokenIds: number[];
                    stopReason: string;
                    verified: boolean;
                    decodeGraph: boolean;
                    sharedPrefix: boolean;
                  }>;
                }
              ).runJob(j),
            job,
          );
        for (const backend of ['onnxruntime-web-webgpu', 'onnxruntime-web-wasm'] as const) {
          const free = await run({
            base: '/fixture/',
            backends: [backend],
            prompt: freePrompt,
            maxNewTokens: 32,
          });
          expect(free.backend).toBe(backend);
          expect(free.tokenIds).toEqual(nodeFree.tokenIds);
          const plan = await run({
            base: '/random/',
            backends: [backend],
            prompt: planPrompt,
            maxNewTokens: 3000,
            request,
          });
          expect(plan).toMatchObject({ backend, stopReason: 'grammar-complete', verified: true });
          expect(plan.tokenIds).toEqual(nodePlan.tokenIds);
          expect(plan.decodeGraph).toBe(false);
        }
        // wasm with the derived decode graph (opt-in on the web: it loads four graphs instead of
        // one): the same tokens as Node, whose runs use it too — a sequence, and 7 rows as one
        // batch on the shared prefix.
        const free = await run({
          base: '/fixture/',
          backends: ['onnxruntime-web-wasm'],
          prompt: freePrompt,
          maxNewTokens: 32,
          decodeGraph: true,
        });
        expect(free).toMatchObject({
          backend: 'onnxruntime-web-wasm',
          decodeGraph: true,
          sharedPrefix: true,
        });
        expect(free.tokenIds).toEqual(nodeFree.tokenIds);
        const rows = (await run({
          base: '/fixture/',
          backends: ['onnxruntime-web-wasm'],
          prompt: planPrompt,
          maxNewTokens: 40,
          request,
          branches: 7,
          decodeGraph: true,
        })) as unknown as { rows: number[][]; sharedPrefix: boolean };
        expect(rows.sharedPrefix).toBe(true);
        expect(nodeRows.every((r) => r.length > 0)).toBe(true);
        expect(rows.rows).toEqual(nodeRows);
        // Default order: WebGPU first.
        const auto = await tab.evaluate(async () => {
          const r = await (
            globalThis as unknown as { runJob: (x: object) => Promise<{ backend: string }> }
          ).runJob({
            base: '/fixture/',
            backends: ['onnxruntime-web-webgpu', 'onnxruntime-web-wasm'],
            prompt: '<plan>',
            maxNewTokens: 2,
          });
          return r.backend;
        });
        expect(auto).toBe('onnxruntime-web-webgpu');
        expect(errors).toEqual([]);
      } finally {
        await context?.close();
        await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
        await rm(tmp, { recursive: true, force: true });
      }
    },
  );
});
