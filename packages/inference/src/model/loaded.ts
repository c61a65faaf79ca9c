import type { ModelDtypeT, ModelManifestT } from '@nexfitra/core';
import type { PlanTokenizer } from '../generate/tokenizer';
import type { BackendName, DecoderSession } from '../runtime/backend';
import type { DecoderConfig } from './config';
import type { DecoderIo } from './io';

/** A model ready to generate: its session on one backend, tokenizer, config and manifest. */
export interface LoadedModel {
  /** `nexfitra.json` as verified, or undefined for a folder without one (loaded with `verify: false`). */
  readonly manifest: ModelManifestT | undefined;
  readonly config: DecoderConfig;
  readonly tokenizer: PlanTokenizer;
  /** The backend that opened the session (the first in the order that worked). */
  readonly backend: BackendName;
  readonly dtype: ModelDtypeT;
  /** The ONNX session; `generate` runs it. Shared by concurrent generations (each keeps its own cache). */
  readonly session: DecoderSession;
  readonly io: DecoderIo;
  /** Releases the session. Generations still running fail; later ones are refused. */
  dispose(): Promise<void>;
}
