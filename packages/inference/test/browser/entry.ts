/** Page script of browser.test.ts: loads a model folder from the test server and generates greedily. */
import { createGrammar } from '@nexfitra/core/language';
import { generate, grammarConstraint } from '../../src/index';
import { loadModelFromFiles } from '../../src/web';

interface Job {
  readonly base: string;
  readonly backends: readonly ('onnxruntime-web-webgpu' | 'onnxruntime-web-wasm')[];
  readonly prompt: string;
  readonly maxNewTokens: number;
  /** A PlanRequest: constrain to its grammar (one week). */
  readonly request?: unknown;
}

/** The page's own URL (the tsconfig has no DOM lib). */
const here = (globalThis as unknown as { location: { href: string } }).location.href;

async function runJob(job: Job) {
  const model = await loadModelFromFiles(new URL(job.base, here).href, {
    backends: job.backends,
    wasmPaths: new URL('/ort/', here).href,
  });
  try {
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
    };
  } finally {
    await model.dispose();
  }
}

(globalThis as unknown as { runJob: typeof runJob }).runJob = runJob;
