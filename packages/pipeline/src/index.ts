/**
 * @packageDocumentation
 * `@nexfitra/pipeline`: data → tokenizer → training → ONNX export → quantisation for NexFitra
 * plan models. What works today: the GPT-2-family decoder in TensorFlow.js (forward with KV
 * cache, training step, greedy decoding), HF checkpoints (config.json + model.safetensors) both
 * ways, the ONNX exporter in the transformers.js layout (fp32, int8, 4-bit MatMulNBits), and the
 * loader of the full USDA SR24 Arrow table, and the domain tokenizer (HF tokenizer.json). Node only (it reads and writes files).
 */

// model
export { checkGpt2Config, mlpWidth, toGenerationConfigJson, toHfConfigJson } from './model/config';
export type { Gpt2Config } from './model/config';
export { greedyGenerate } from './model/generate';
export type { GreedyOptions } from './model/generate';
export { disposeKv, Gpt2Model } from './model/gpt2';
export type { ForwardOptions, ForwardResult, LayerKv, WeightAdapter } from './model/gpt2';
export { languageModelLoss, trainStep } from './model/train';
export { LlamaModel, rotaryTables } from './model/llama';
export { checkLlamaConfig, toLlamaHfConfigJson } from './model/llamaConfig';
export type { LlamaConfig } from './model/llamaConfig';
export { checkLlamaWeights, initLlamaWeights, llamaWeightShapes } from './model/llamaWeights';
export { checkGpt2Weights, gpt2WeightShapes, initGpt2Weights } from './model/weights';
export type { Gpt2Weights, HostTensor, InitOptions } from './model/weights';

// checkpoint
export { fromHfTensorNames, readGpt2Checkpoint, writeGpt2Checkpoint } from './checkpoint/hf';
export type { Gpt2Checkpoint } from './checkpoint/hf';
export { decodeSafetensors, encodeSafetensors } from './checkpoint/safetensors';
export { readCheckpoint } from './checkpoint/any';
export type { AnyCheckpoint } from './checkpoint/any';
export { fromHfLlamaNames, readLlamaCheckpoint, writeLlamaCheckpoint } from './checkpoint/llama';
export type { LlamaCheckpoint } from './checkpoint/llama';

// export
export { exportGpt2Checkpoint, exportGpt2ToTransformersJs, TOKENIZER_FILES } from './export/folder';
export type { ExportedFile, ExportOptions } from './export/folder';
export { buildGpt2Onnx, ONNX_FILE_NAMES, Q4_BLOCK_SIZE } from './export/gpt2-onnx';
export type { OnnxDtype } from './export/gpt2-onnx';
export { buildLlamaOnnx } from './export/llama-onnx';
export { exportLlamaCheckpoint, exportLlamaToTransformersJs } from './export/llamaFolder';
export { MANIFEST_FILE, writeModelManifest } from './export/manifest';
export type { ManifestOptions } from './export/manifest';
export { quantizeInt8, quantizeQ4 } from './export/quantize';
export type { Int8PerChannel, Q4Blocks } from './export/quantize';

// data
export { FOODS_ARROW_SCHEMA, parseFoodsArrow, readFoodsArrow } from './data/foodsArrow';
export type { FoodsArrow, FoodsArrowRecord } from './data/foodsArrow';
export { jsonlToArrow, readTrainingArrow } from './data/arrowFile';
export { buildDataset } from './data/buildDataset';
export type { BuildDatasetOptions, BuildDatasetResult } from './data/buildDataset';
export { datasetStats, writeDatasetCard } from './data/card';
export type { DatasetStats } from './data/card';
export { TRAINING_ROW_SCHEMA } from './data/row';
export type { TrainingRow } from './data/row';
export { DEFAULT_SPLIT_SHARES, fnv1a32, SPLITS, splitOf } from './data/split';
export type { Split, SplitShares } from './data/split';
export { teacherName, teacherRow, teacherSearch } from './data/teacher';
export type { SkippedRequest, TeacherOptions, TeacherSearch } from './data/teacher';
export { readUserRows } from './data/userRows';
export type { BadRow, UserRows, UserRowsOptions } from './data/userRows';

// training
export { AdamW, clipByGlobalNorm, DEFAULT_ADAMW } from './train/adamw';
export type { AdamWOptions } from './train/adamw';
export { batchIndices, padBatch, tokenizeExample } from './train/examples';
export type { HostBatch, TokenizedExample } from './train/examples';
export { loadExamples } from './train/loadRows';
export type { LoadedExamples } from './train/loadRows';
export { lossChartSvg, parseLossCsv } from './train/lossChart';
export type { LossPoint } from './train/lossChart';
export { lrAt } from './train/schedule';
export type { LrSchedule } from './train/schedule';
export { DEFAULT_HYPER, trainModel } from './train/trainer';
export type { TrainHyper, TrainOptions, TrainProgress, TrainResult } from './train/trainer';
export { TRAIN_ENGINES, trainWithEngine } from './train/engine';
export type { EngineOptions, TrainEngine } from './train/engine';
export { decodeTokenFile, encodeTokenFile, readTokenFile, writeTokenFile } from './train/tokenFile';
export {
  findTorch,
  requireTorch,
  TORCH_INSTALL_HINT,
  torchPackageDir,
  prepareTorchRun,
  trainWithTorch,
} from './train/torchEngine';
export type { TorchInfo, TorchOptions } from './train/torchEngine';

// fine-tuning
export {
  ADAPTER_CONFIG_FILE,
  ADAPTER_WEIGHTS_FILE,
  PEFT_PREFIX_GPT2,
  PEFT_PREFIX_LLAMA,
  readLoraAdapter,
  writeLoraAdapter,
} from './finetune/adapterFile';
export type { LoraAdapterFile } from './finetune/adapterFile';
export { EarlyStopping } from './finetune/earlyStopping';
export { FINETUNE_DEFAULTS, finetuneModel } from './finetune/finetune';
export type { FinetuneHyper, FinetuneMethod, FinetuneOptions, FinetuneResult } from './finetune/finetune';
export { finetuneFromFiles } from './finetune/fromFiles';
export type { FinetuneFilesOptions, FinetuneFilesResult } from './finetune/fromFiles';
export {
  DEFAULT_LORA_TARGETS,
  DEFAULT_LORA_TARGETS_LLAMA,
  LoraAdapter,
  loraSpec,
  loraTargets,
  mergeLora,
} from './finetune/lora';
export type { LoraOptions, LoraSpec, LoraTarget } from './finetune/lora';
export { buildVariantRows, PLANT_BASED_ATHLETES, writeUserRowsJsonl } from './finetune/variant';
export type { PopulationVariant, VariantRowsOptions } from './finetune/variant';

// tokenizer
export {
  buildTokenizerConfig,
  buildTokenizerJson,
  TOKENIZER_MAX_LENGTH,
  TOKENIZER_SPECIAL_IDS,
  tokenizerFiles,
} from './tokenizer/hfTokenizer';
export { writeTokenizer } from './tokenizer/write';
