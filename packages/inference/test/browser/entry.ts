/** Page script of browser.test.ts: loads a model folder from the test server and generates greedily. */
import { createGrammar } from '@nexfitra/core/language';
import { generate, generateBranches, grammarConstraint } from '../../src/index';
import { loadModelFromFiles } from '../../src/web';

interface Job {
  readonly base: string;
  readonly backends: readonly ('onnxruntime-web-webgpu' | 'onnxruntime-web-wasm')[];
  readonly prompt: string;
  readonly maxNewTokens: number;
  /** A PlanRequest: constrain to its grammar (one week). */
  readonly request?: unknown;
  /** Load with the derived decode graph (`SessionOptions.decodeGraph`; off by default on the web). */
  readonly decodeGraph?: boolean;
  /** With `request`: that many rows as one batch (`generateBranches`) instead of one sequence. */
  readonly branches?: number;
}

/** The page's own URL (the tsconfig has no DOM lib). */
const here = (globalThis as unknown as { location: { href: string } }).location.href;

async function runJob(job: Job) {
  const model = await loadModelFromFiles(new URL(job.base, here).href, {
    backends: job.backends,
    wasmPaths: new URL('/ort/', here).href,
    ...(job.decodeGraph !== undefined ? { decodeGraph: job.decodeGraph } : {}),
  });
  try {
    if (job.branches !== undefined) {
      const grammar = createGrammar(job.request as never, { weeks: 1 });
      const b = await generateBranches(model, {
        prompt: job.prompt,
        branches: Array.from({ length: job.branches }, () =>
          grammarConstraint(grammar, model.tokenizer, { unknownWords: 'skip' }),
        ),
        maxNewTokens: job.maxNewTokens,
        diverse: true,
      });
      return {
        backend: model.backend,
        rows: b.branches.map((r) => r.tokenIds),
        decodeGraph: model.session.decode !== undefined,
        sharedPrefix: model.session.decode?.shared !== undefined,
      };
    }
    const constraint =
      job.request === undefined
        ? undefined
        : grammarConstraint(createGrammar(job.request as never, { weeks: 1 }), model.tokenizer);
    const r = await generate(model, {
      prompt: job.prompt,
      maxNewTokens: job.maxNewTokens,
      ...(constraint === undefined ? {} : { constraint }),
    });
    return {
      backend: model.backend,
      tokenIds: r.tokenIds,
      text: r.text,
      stopReason: r.stopReason,
      verified: model.manifest !== undefined,
      decodeGraph: model.session.decode !== undefined,
      sharedPrefix: model.session.decode?.shared !== undefined,
    };
  } finally {
    await model.dispose();
  }
}

(globalThis as unknown as { runJob: typeof runJob }).runJob = runJob;
