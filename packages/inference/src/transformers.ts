/**
 * @packageDocumentation
 * `@nexfitra/inference/transformers`: the @huggingface/transformers adapter (local files only,
 * never the network). In Node, `loadModel(dir, { backends: ['transformers'] })` from `/node`
 * uses it; this entry exports it for custom selection orders.
 */
export type { TransformersOptions } from './runtime/transformersJs';
export { loadTransformers } from './runtime/transformersJs';
