import type { SpecDiagram } from '../../models/export/specification/build-specification';
import type { DerivedModel } from '../../models/model/derive-model';
import type { ThreatModel } from '../../models/model/threat-model';
import { DerivationCache, DerivationKeys } from './derivation-cache';
import type { ExportEngine, WorkerRequest } from './export-engine';
import { diagramOf, renderExport, type ExportOutput } from './export-job';

/** What both the worker and the in-thread engine do with a request. */
export async function answer(
  request: WorkerRequest,
  cache: DerivationCache,
): Promise<SpecDiagram | ExportOutput> {
  if (request.op === 'diagram')
    return diagramOf(cache.get(request.key, request.model).analysis, request.layout);
  return renderExport(request.job, cache.get(request.key, request.job.model));
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The engine without a worker: derives in this thread, after letting pending input and paint run. */
export function inlineEngine(derive?: (model: ThreatModel) => DerivedModel): ExportEngine {
  const keys = new DerivationKeys();
  const cache = new DerivationCache(derive);
  let id = 0;
  return {
    needsDerivation: (model) => !cache.has(keys.keyOf(model)),
    async diagram(model, layout) {
      await nextTask();
      return (await answer(
        { id: ++id, op: 'diagram', key: keys.keyOf(model), model, layout },
        cache,
      )) as SpecDiagram;
    },
    async render(job) {
      await nextTask();
      return (await answer(
        { id: ++id, op: 'render', key: keys.keyOf(job.model), job },
        cache,
      )) as ExportOutput;
    },
  };
}
