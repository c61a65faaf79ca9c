import { type OrtLike, ortBackend } from './_ort';
import type { Backend } from './backend';

/** The onnxruntime-node adapter (CPU execution provider). Node only. */
export async function loadOnnxruntimeNode(): Promise<Backend> {
  const ort = (await import('onnxruntime-node')) as unknown as OrtLike;
  return ortBackend('onnxruntime-node', ort, ['cpu']);
}
