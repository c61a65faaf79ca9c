import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NexFitraError, type NexFitraErrorCode } from '@nexfitra/core';
import { writeGpt2Checkpoint } from '../checkpoint/hf';
import { writeLlamaCheckpoint } from '../checkpoint/llama';
import { checkGpt2Config, type Gpt2Config, toHfConfigJson } from '../model/config';
import { checkLlamaConfig, type LlamaConfig, toLlamaHfConfigJson } from '../model/llamaConfig';
import { initLlamaWeights } from '../model/llamaWeights';
import { initGpt2Weights } from '../model/weights';
import { writeTokenFile } from './tokenFile';
import type { TrainOptions, TrainProgress, TrainResult } from './trainer';

const FN = 'trainWithTorch';

/** How to make the torch engine available, printed when it is not. */
export const TORCH_INSTALL_HINT =
  'install PyTorch for the torch engine: on Debian/Ubuntu `sudo apt-get install python3-torch libopenblas0-pthread` ' +
  '(then it is found at /usr/bin/python3), or `python3 -m venv ~/nf-torch && ~/nf-torch/bin/pip install torch numpy` ' +
  'and NEXFITRA_PYTHON=~/nf-torch/bin/python; or train with --engine tfjs (no install needed)';

export interface TorchOptions {
  /** Python interpreter with torch; default: $NEXFITRA_PYTHON, /usr/bin/python3, python3, python. */
  readonly python?: string;
  /** torch intra-op threads (default: all cores). */
  readonly threads?: number;
  /** OpenBLAS threads (OPENBLAS_NUM_THREADS unless already set; default: all cores). */
  readonly blasThreads?: number;
  /** `cpu` (default), `cuda`, `cuda:1`, … */
  readonly device?: string;
  /**
   * Data-parallel processes on this machine (default 1), started as torchrun --standalone would
   * (RANK, WORLD_SIZE, LOCAL_RANK, MASTER_ADDR/PORT; gloo on CPU, NCCL with `device: 'cuda'`, one
   * GPU each); the update equals one process's on the whole batch. Several machines: run
   * `torchrun … -m nexfitra_torch.train` yourself (see python/nexfitra_torch/train.py).
   */
  readonly nproc?: number;
  /** Each stderr line of the Python process (warnings); default: dropped after being kept for errors. */
  readonly onLog?: (line: string) => void;
}

export interface TorchInfo {
  readonly python: string;
  /** From the installed package's metadata (`unknown` when it has none). */
  readonly torchVersion: string;
}

/** The folder holding the `nexfitra_torch` package (next to src/ and dist/ in the package). */
export function torchPackageDir(): string {
  const here =
    typeof import.meta.url === 'string' && import.meta.url !== ''
      ? dirname(fileURLToPath(import.meta.url))
      : typeof __dirname === 'string'
        ? __dirname
        : process.cwd();
  for (let dir = here, i = 0; i < 5; i++, dir = dirname(dir)) {
    const candidate = join(dir, 'python');
    if (existsSync(join(candidate, 'nexfitra_torch', 'train.py'))) return candidate;
  }
  throw new NexFitraError({
    code: 'BAD_DATA',
    fn: 'torchPackageDir',
    path: ['python', 'nexfitra_torch'],
    value: here,
    allowed: 'the @nexfitra/pipeline package with its python/ folder',
  });
}

function run(cmd: string, args: readonly string[], env?: NodeJS.ProcessEnv, timeoutMs = 120_000) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    let stdout = '';
    let stderr = '';
    const child = spawn(cmd, args, { env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', (e) => {
      clearTimeout(timer);
      done({ code: null, stdout, stderr: String(e) });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

/** Finds torch without importing it (an import takes seconds): its spec and its installed version. */
const PROBE = [
  'import importlib.util, importlib.metadata, json, sys',
  'spec = importlib.util.find_spec("torch")',
  'if spec is None: sys.exit(1)',
  'try: v = importlib.metadata.version("torch")',
  'except Exception: v = "unknown"',
  'print(json.dumps({"torch": v}))',
].join('\n');

const found = new Map<string, Promise<TorchInfo | undefined>>();

async function probe(python: string): Promise<TorchInfo | undefined> {
  const r = await run(python, ['-c', PROBE]);
  if (r.code !== 0) return undefined;
  try {
    const info = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { torch: string };
    return { python, torchVersion: info.torch };
  } catch {
    return undefined;
  }
}

/**
 * Finds a Python with torch: `python` if given, else $NEXFITRA_PYTHON, /usr/bin/python3, python3,
 * python (the first that has a `torch` package; the answer is remembered per interpreter).
 * `undefined` when none does.
 */
export async function findTorch(python?: string): Promise<TorchInfo | undefined> {
  const candidates = python
    ? [python]
    : [process.env['NEXFITRA_PYTHON'], '/usr/bin/python3', 'python3', 'python'].filter(
        (p): p is string => !!p,
      );
  for (const p of candidates) {
    if (!found.has(p)) found.set(p, probe(p));
    const info = await found.get(p)!;
    if (info) return info;
  }
  return undefined;
}

/**
 * The torch engine's Python, or a typed error saying how to install it.
 * @throws NexFitraError (`INCONSISTENT`, path `engine`) with {@link TORCH_INSTALL_HINT}
 */
export async function requireTorch(python?: string): Promise<TorchInfo> {
  const info = await findTorch(python);
  if (info) return info;
  const tried = python ?? ['$NEXFITRA_PYTHON', '/usr/bin/python3', 'python3', 'python'].join(', ');
  throw new NexFitraError(
    {
      code: 'INCONSISTENT',
      fn: 'requireTorch',
      path: ['engine'],
      value: 'torch',
      allowed: TORCH_INSTALL_HINT,
    },
    `requireTorch: no Python with torch found (tried ${tried}); ${TORCH_INSTALL_HINT}`,
  );
}

/** A TCP port free on 127.0.0.1 now (for the data-parallel processes' rendezvous). */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => done(typeof address === 'object' && address ? address.port : 29_500));
    });
  });
}

/** A run for the torch engine: {@link TrainOptions} with a GPT-2 or a llama config. */
export type TorchTrainOptions = Omit<TrainOptions, 'config'> & { readonly config: Gpt2Config | LlamaConfig };

/** The config checked for its family (`model_type: 'llama'`, else GPT-2). */
function checkAnyConfig(config: Gpt2Config | LlamaConfig): Gpt2Config | LlamaConfig {
  return (config as { model_type?: string }).model_type === 'llama'
    ? checkLlamaConfig(config, FN)
    : checkGpt2Config(config, FN);
}

function checkData(options: TorchTrainOptions): void {
  const { hyper } = options;
  const config = checkAnyConfig(options.config);
  const positions = 'n_positions' in config ? config.n_positions : config.max_position_embeddings;
  if (options.train.length < hyper.batchSize) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: ['train', 'length'],
      value: options.train.length,
      allowed: `at least batchSize = ${hyper.batchSize} examples`,
    });
  }
  let longest = 0;
  for (const e of [...options.train, ...options.val]) longest = Math.max(longest, e.ids.length);
  if (longest > positions + 1) {
    throw new NexFitraError({
      code: 'OUT_OF_RANGE',
      fn: FN,
      path: ['train', 'ids', 'length'],
      value: longest,
      allowed: `examples of at most positions + 1 = ${positions + 1} tokens (drop or shorten longer rows first)`,
    });
  }
}

/**
 * Writes everything the torch trainer reads into `runDir` — `data/{train,val}.nftok`,
 * `torch/config.json`, `torch/hyper.json` and, unless the run resumes, the seeded initial
 * checkpoint `torch/init/` — and returns the trainer's arguments (after `python -m`). This is how a
 * run moves to another machine (a GPU host, `torchrun` on a cluster): prepare here, copy the run
 * folder, run `python -m nexfitra_torch.train …` there with `PYTHONPATH` at
 * {@link torchPackageDir}, copy the run folder back and export it as usual.
 *
 * @throws NexFitraError `OUT_OF_RANGE` for fewer examples than a batch or an example longer
 *   than the model's positions + 1
 */
export async function prepareTorchRun(
  options: TorchTrainOptions,
  torch: TorchOptions = {},
): Promise<{ readonly args: readonly string[] }> {
  checkData(options);
  const config = checkAnyConfig(options.config);
  const llama = 'model_type' in config && config.model_type === 'llama' ? (config as LlamaConfig) : undefined;
  const runDir = resolve(options.runDir);
  const work = join(runDir, 'torch');
  const data = join(runDir, 'data');
  await mkdir(work, { recursive: true });
  await mkdir(data, { recursive: true });
  await writeTokenFile(join(data, 'train.nftok'), options.train);
  await writeTokenFile(join(data, 'val.nftok'), options.val);
  const hfConfig = llama ? toLlamaHfConfigJson(llama) : toHfConfigJson(config as Gpt2Config);
  await writeFile(join(work, 'config.json'), `${JSON.stringify(hfConfig, null, 2)}\n`);
  await writeFile(join(work, 'hyper.json'), `${JSON.stringify(options.hyper, null, 2)}\n`);
  const resuming = options.resume !== false && existsSync(join(runDir, 'checkpoint', 'trainer_state.json'));
  const init = join(work, 'init');
  if (!resuming) {
    await rm(init, { recursive: true, force: true });
    const seed = { seed: options.hyper.seed };
    if (llama) await writeLlamaCheckpoint(init, { config: llama, weights: initLlamaWeights(llama, seed) });
    else {
      const gpt2 = config as Gpt2Config;
      await writeGpt2Checkpoint(init, { config: gpt2, weights: initGpt2Weights(gpt2, seed) });
    }
  }
  const args = [
    '-m',
    'nexfitra_torch.train',
    '--data',
    data,
    '--config',
    join(work, 'config.json'),
    '--hyper',
    join(work, 'hyper.json'),
    '--run',
    runDir,
    '--threads',
    String(torch.threads ?? availableParallelism()),
    '--device',
    torch.device ?? 'cpu',
    ...(resuming ? [] : ['--init', init]),
    ...(options.resume === false ? ['--no-resume'] : []),
    ...(options.checkpointEvery !== undefined ? ['--checkpoint-every', String(options.checkpointEvery)] : []),
    ...(options.checkpointEveryMs !== undefined
      ? ['--checkpoint-every-s', String(options.checkpointEveryMs / 1000)]
      : []),
    ...(options.stopAtStep !== undefined ? ['--stop-at-step', String(options.stopAtStep)] : []),
    ...(options.maxMs !== undefined ? ['--max-s', String(options.maxMs / 1000)] : []),
  ];
  return { args };
}

/**
 * Trains with PyTorch in a subprocess (python/nexfitra_torch/train.py): the run `trainModel` does
 * — same initial weights (written here from `hyper.seed`), batch order, schedule, AdamW,
 * clipping, masked loss, validation, `loss.csv` and checkpoint files — so the exporter reads the
 * result unchanged and a run resumes in either engine. A llama config (`model_type: 'llama'`)
 * trains the llama family (torch only: the tfjs trainer is GPT-2's; its checkpoint is HF
 * LlamaForCausalLM's). The examples go to `runDir/data/*.nftok`
 * (see `encodeTokenFile`). Progress arrives as JSON lines and is passed to `onProgress`.
 *
 * @throws NexFitraError from `requireTorch` when torch is missing, the trainer's typed errors
 *   (`INCONSISTENT` resume, `BAD_DATA` non-finite loss) with `fn` = trainWithTorch, and
 *   `BAD_DATA` with the end of stderr when the process fails otherwise
 */
export async function trainWithTorch(
  options: TorchTrainOptions,
  torch: TorchOptions = {},
): Promise<TrainResult> {
  checkData(options);
  const info = await requireTorch(torch.python);
  const { args } = await prepareTorchRun(options, torch);
  const cores = availableParallelism();
  const nproc = torch.nproc ?? 1;
  const pkg = torchPackageDir();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PYTHONPATH: [pkg, process.env['PYTHONPATH']].filter(Boolean).join(delimiter),
    PYTHONUNBUFFERED: '1',
    PYTHONDONTWRITEBYTECODE: '1',
    OPENBLAS_NUM_THREADS: process.env['OPENBLAS_NUM_THREADS'] ?? String(torch.blasThreads ?? cores),
    // Idle OpenMP threads sleep instead of spinning: spinning threads starve each other on a busy machine.
    OMP_WAIT_POLICY: process.env['OMP_WAIT_POLICY'] ?? 'PASSIVE',
  };
  const port = nproc > 1 ? await freePort() : 0;
  return new Promise<TrainResult>((done, fail) => {
    let result: TrainResult | undefined;
    let error: NexFitraError | undefined;
    let failure: { rank: number; code: number | null; signal: string | null } | undefined;
    let stderrTail = '';
    let buffer = '';
    let open = nproc;
    const onLine = (line: string) => {
      if (!line.startsWith('{')) return;
      let msg: { event: string } & Record<string, unknown>;
      try {
        msg = JSON.parse(line);
      } catch {
        return;
      }
      if (msg.event === 'progress') options.onProgress?.(msg as unknown as TrainProgress);
      else if (msg.event === 'done') result = msg as unknown as TrainResult;
      else if (msg.event === 'error') {
        error = new NexFitraError({
          code: msg['code'] as NexFitraErrorCode,
          fn: FN,
          path: msg['path'] as (string | number)[],
          value: msg['value'],
          allowed: String(msg['allowed']),
        });
      }
    };
    const finish = () => {
      if (error) return fail(error);
      if (!failure && result) {
        const { step, losses, valLosses, tokensPerSecond, ms, resumedFrom } = result;
        return done({ step, losses, valLosses, tokensPerSecond, ms, resumedFrom });
      }
      const how = failure?.signal ?? `exit code ${failure?.code ?? 0}`;
      fail(
        new NexFitraError(
          {
            code: 'BAD_DATA',
            fn: FN,
            path: ['python', failure?.rank ?? 0],
            value: failure?.signal ?? failure?.code ?? null,
            allowed: 'a torch trainer process that exits with 0',
          },
          `${FN}: ${info.python} -m nexfitra_torch.train (rank ${failure?.rank ?? 0}) ended with ${how}: ${stderrTail.trim().split('\n').slice(-8).join('\n')}`,
        ),
      );
    };
    const children = Array.from({ length: nproc }, (_, rank) => {
      const rankEnv =
        nproc > 1
          ? {
              RANK: String(rank),
              LOCAL_RANK: String(rank),
              WORLD_SIZE: String(nproc),
              LOCAL_WORLD_SIZE: String(nproc),
              MASTER_ADDR: '127.0.0.1',
              MASTER_PORT: String(port),
            }
          : {};
      const child = spawn(info.python, args, {
        env: { ...env, ...rankEnv },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (d: string) => {
        if (rank !== 0) return;
        buffer += d;
        let nl = buffer.indexOf('\n');
        while (nl >= 0) {
          onLine(buffer.slice(0, nl));
          buffer = buffer.slice(nl + 1);
          nl = buffer.indexOf('\n');
        }
      });
      child.stderr.setEncoding('utf8');
      child.stderr.on('data', (d: string) => {
        stderrTail = (stderrTail + d).slice(-4000);
        if (torch.onLog) for (const l of d.split('\n')) if (l) torch.onLog(l);
      });
      child.on('error', (e) => {
        failure ??= { rank, code: null, signal: String(e) };
      });
      child.on('close', (code, signal) => {
        if ((code !== 0 || signal) && !failure) {
          failure = { rank, code, signal };
          // One process gone: the others would wait for it forever.
          for (const other of children) if (other !== child && other.exitCode === null) other.kill('SIGTERM');
        }
        if (--open === 0) finish();
      });
      return child;
    });
    // If this process ends first (an exception elsewhere, process.exit), the trainers go with it.
    const killAll = () => {
      for (const c of children) if (c.exitCode === null) c.kill('SIGINT');
    };
    process.once('exit', killAll);
    Promise.allSettled(children.map((c) => new Promise((r) => c.once('close', r)))).then(() =>
      process.off('exit', killAll),
    );
  });
}
