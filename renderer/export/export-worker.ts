import { DerivationCache } from './derivation-cache';
import type { WorkerAnswer, WorkerRequest } from './export-engine';
import { answer } from './inline-engine';

/**
 * The export worker: derives the model (analysis, attack trees) and renders exports off the main
 * thread. It keeps the last derivation by the key the page sends, so exporting several formats of
 * one model derives it once.
 */
interface WorkerScope {
  addEventListener(type: 'message', listener: (event: { data: WorkerRequest }) => void): void;
  postMessage(message: WorkerAnswer, transfer?: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
const cache = new DerivationCache();

scope.addEventListener('message', ({ data }) => {
  answer(data, cache).then(
    (value) => {
      const bytes =
        'data' in value && value.data instanceof Uint8Array ? [value.data.buffer as ArrayBuffer] : [];
      scope.postMessage({ id: data.id, value }, bytes);
    },
    (error: unknown) =>
      scope.postMessage({ id: data.id, error: error instanceof Error ? error.message : String(error) }),
  );
});
