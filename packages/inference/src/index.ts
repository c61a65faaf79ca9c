/**
 * @packageDocumentation
 * `@nexfitra/inference`: one runtime contract for plan models and runtime-agnostic generation
 * (KV-cache decode loop, seeded sampling, streaming, abort and limits, grammar-constrained
 * decoding with jump-forward). Imports no runtime: load models with `@nexfitra/inference/node`
 * (onnxruntime-node, transformers.js) or `@nexfitra/inference/web` (onnxruntime-web).
 */

export type {
  GenerateOptions,
  GenerateResult,
  GenerateStats,
  GeneratedToken,
  StopReason,
} from './generate/generate';
export { generate, streamGenerate } from './generate/generate';
export type { BranchesOptions, BranchesResult, BranchStopReason } from './generate/generateBranches';
export { generateBranches } from './generate/generateBranches';
export type { TokenConstraint } from './generate/constraint';
export type { GrammarConstraintOptions } from './generate/grammarConstraint';
export { grammarConstraint } from './generate/grammarConstraint';
export type { SamplingOptions } from './generate/sampling';
export type { PlanTokenizer } from './generate/tokenizer';
export { createTokenizer } from './generate/tokenizer';
export type { DecoderConfig } from './model/config';
export { readDecoderConfig } from './model/config';
export type { DecoderIo } from './model/io';
export { checkDecoderIo } from './model/io';
export type { LoadedModel } from './model/loaded';
export type { LoadModelOptions } from './model/load';
export { ONNX_FILES } from './model/load';
export type { ManifestInfo } from './model/manifest';
export { buildManifest, MANIFEST_FILE, readManifest } from './model/manifest';
export type { ModelSource } from './model/source';
export { memorySource } from './model/source';
export type {
  Backend,
  BackendLoader,
  BackendName,
  DecoderSession,
  HostTensor,
  SessionOptions,
  TensorType,
} from './runtime/backend';
export { BACKEND_NAMES } from './runtime/backend';
export type { BackendFailure } from './runtime/select';
export { selectBackend } from './runtime/select';
