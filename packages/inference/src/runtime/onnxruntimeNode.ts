import { type OrtLike, ortBackend } from './_ort';
import { nodeBindingOpener } from './_ortNodeBinding';
import type { Backend } from './backend';

/**
 * The onnxruntime-node adapter (CPU execution provider). Node only. Sessions run on the native
 * binding synchronously where the installed version allows it (see `nodeBindingOpener`), and
 * decode steps on a graph derived at load time where the model allows it (`buildDecodeGraph`).
 */
export async function loadOnnxruntimeNode(): Promise<Backend> {
  const ort = (await import('onnxruntime-node')) as unknown as OrtLike & {
    env?: { versions?: { node?: string } };
  };
  return ortBackend(
    'onnxruntime-node',
    ort,
    ['cpu'],
    {},
    await nodeBindingOpener(ort.env?.versions?.node),
    true,
  );
}
