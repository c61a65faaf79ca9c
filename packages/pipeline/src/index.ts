/**
 * @packageDocumentation
 * `@nexfitra/pipeline`: data → tokenizer → training → ONNX export → quantisation for NexFitra
 * plan models. What works today: the GPT-2-family decoder in TensorFlow.js (forward with KV
 * cache, training step, greedy decoding), HF checkpoints (config.json + model.safetensors) both
 * ways, and the ONNX exporter in the transformers.js layout (fp32, int8, 4-bit MatMulNBits).
 * Node only (it reads and writes files).
 */

export type { Gpt2Checkpoint } from './checkpoint/hf';
// checkpoint
export { fromHfTensorNames, readGpt2Checkpoint, writeGpt2Checkpoint } from './checkpoint/hf';
export { decodeSafetensors, encodeSafetensors } from './checkpoint/safetensors';
export type { ExportedFile, ExportOptions } from './export/folder';
// export
export { exportGpt2Checkpoint, exportGpt2ToTransformersJs, TOKENIZER_FILES } from './export/folder';
export type { OnnxDtype } from './export/gpt2-onnx';
export { buildGpt2Onnx, ONNX_FILE_NAMES, Q4_BLOCK_SIZE } from './export/gpt2-onnx';
export type { Int8PerChannel, Q4Blocks } from './export/quantize';
export { quantizeInt8, quantizeQ4 } from './export/quantize';
export type { Gpt2Config } from './model/config';
// model
export { checkGpt2Config, mlpWidth, toGenerationConfigJson, toHfConfigJson } from './model/config';
export type { GreedyOptions } from './model/generate';
export { greedyGenerate } from './model/generate';
export type { ForwardOptions, ForwardResult, LayerKv } from './model/gpt2';
export { disposeKv, Gpt2Model } from './model/gpt2';
export { languageModelLoss, trainStep } from './model/train';
export type { Gpt2Weights, HostTensor, InitOptions } from './model/weights';
export { checkGpt2Weights, gpt2WeightShapes, initGpt2Weights } from './model/weights';
