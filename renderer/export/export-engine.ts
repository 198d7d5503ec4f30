import type { SpecDiagram } from '../../models/export/specification/build-specification';
import type { ModelLayout, ThreatModel } from '../../models/model/threat-model';
import { DerivationKeys } from './derivation-cache';
import type { ExportJob, ExportOutput } from './export-job';

/** Runs the slow part of an export (deriving the model, rendering the file) away from input
 * handling where it can: in a worker in the app, in the calling thread in tests. */
export interface ExportEngine {
  /** Whether the model must be derived first (the caller shows "Analysing…"). */
  needsDerivation(model: ThreatModel): boolean;
  diagram(model: ThreatModel, layout: ModelLayout): Promise<SpecDiagram>;
  render(job: ExportJob): Promise<ExportOutput>;
}

/** Request and answer of the export worker (`export-worker.ts`). */
export type WorkerRequest =
  | { id: number; op: 'diagram'; key: number; model: ThreatModel; layout: ModelLayout }
  | { id: number; op: 'render'; key: number; job: ExportJob };
export type WorkerAnswer = { id: number; value: SpecDiagram | ExportOutput } | { id: number; error: string };

/** A minimal view of a Worker, so that tests can hand in a fake. */
export interface WorkerLike {
  postMessage(message: WorkerRequest): void;
  addEventListener(type: 'message', listener: (event: { data: WorkerAnswer }) => void): void;
  addEventListener(type: 'error', listener: (event: unknown) => void): void;
  terminate(): void;
}

/**
 * The engine of the app: a module worker derives and renders, so the page keeps responding while
 * a large model is analysed. When the worker cannot start (a host that refuses module workers) the
 * jobs run in this thread instead.
 */
export function workerEngine(
  create: () => WorkerLike,
  fallback: ExportEngine = lazyInlineEngine(),
): ExportEngine {
  const keys = new DerivationKeys();
  let worker: WorkerLike | undefined;
  let broken = false;
  let workerKey = -1;
  let id = 0;
  const pending = new Map<
    number,
    { resolve: (v: SpecDiagram | ExportOutput) => void; reject: (e: Error) => void; retry: () => void }
  >();

  const start = (): WorkerLike | undefined => {
    if (worker || broken) return worker;
    try {
      worker = create();
    } catch {
      broken = true;
      return undefined;
    }
    worker.addEventListener('message', ({ data }) => {
      const request = pending.get(data.id);
      if (!request) return;
      pending.delete(data.id);
      if ('error' in data) request.reject(new Error(data.error));
      else request.resolve(data.value);
    });
    worker.addEventListener('error', () => {
      // The worker failed to load or crashed: what it had not answered runs in this thread.
      broken = true;
      worker?.terminate();
      worker = undefined;
      const waiting = [...pending.values()];
      pending.clear();
      for (const request of waiting) request.retry();
    });
    return worker;
  };

  const post = <T extends SpecDiagram | ExportOutput>(
    make: (id: number, key: number) => WorkerRequest,
    model: ThreatModel,
    inline: () => Promise<T>,
  ): Promise<T> => {
    const running = start();
    if (!running) return inline();
    const key = keys.keyOf(model);
    workerKey = key;
    const requestId = ++id;
    return new Promise<T>((resolve, reject) => {
      pending.set(requestId, {
        resolve: (value) => resolve(value as T),
        reject,
        retry: () => inline().then(resolve, reject),
      });
      running.postMessage(make(requestId, key));
    });
  };

  return {
    needsDerivation: (model) =>
      broken || !worker ? fallback.needsDerivation(model) : keys.keyOf(model) !== workerKey,
    diagram: (model, layout) =>
      post(
        (id, key) => ({ id, op: 'diagram', key, model, layout }),
        model,
        () => fallback.diagram(model, layout),
      ),
    render: (job) =>
      post(
        (id, key) => ({ id, op: 'render', key, job }),
        job.model,
        () => fallback.render(job),
      ),
  };
}

/** The in-thread engine, loaded only when first needed: the exporters (docx among them) then stay
 * out of the page's own bundle, in the worker's. */
export function lazyInlineEngine(): ExportEngine {
  let engine: Promise<ExportEngine> | undefined;
  let loaded: ExportEngine | undefined;
  const get = () =>
    (engine ??= import('./inline-engine').then((m) => {
      loaded = m.inlineEngine();
      return loaded;
    }));
  return {
    needsDerivation: (model) => loaded?.needsDerivation(model) ?? true,
    diagram: async (model, layout) => (await get()).diagram(model, layout),
    render: async (job) => (await get()).render(job),
  };
}
