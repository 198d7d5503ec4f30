import { analyzeFiles, type AnalysisResult } from '../analysis/analyze';
import type { ImportFile } from '../import/import-file';
import type { Diagnostic } from '../source/diagnostic';
import type { Topology } from '../topology/types';
import { compareText } from './model-schema';
import type {
  ModelBoundary,
  ModelElement,
  ModelFlow,
  ModelLayout,
  ModelSource,
  ThreatModel,
} from './threat-model';

/**
 * Making a new model:
 *
 *   createEmptyModel(newId, name?) → ThreatModel
 *   modelFromImport(files, now, { newId, name? }) → { model, layout, analysis, diagnostics }
 *   emptyLayout() → ModelLayout
 *
 * Ids come from an injected generator so that models stay deterministic in tests; the renderer
 * passes `() => crypto.randomUUID()`. `now` is an ISO 8601 time stamp, likewise passed in.
 */

/** Makes a fresh id; see above. */
export type IdGenerator = () => string;

export const UNTITLED_MODEL_NAME = 'Untitled model';

export function createEmptyModel(newId: IdGenerator, name = UNTITLED_MODEL_NAME): ThreatModel {
  return {
    id: newId(),
    name,
    description: '',
    document: { version: '', authors: [], classification: '', organization: '' },
    sources: [],
    elements: [],
    boundaries: [],
    flows: [],
    mitigationStates: [],
    assumptions: {},
    decisions: [],
    treeNodes: [],
    notes: [],
  };
}

export function emptyLayout(): ModelLayout {
  return { positions: {} };
}

export interface ModelFromImportOptions {
  newId: IdGenerator;
  /** Defaults to the folder the files share (`shop`), or "Imported model". */
  name?: string;
}

export interface ModelFromImport {
  model: ThreatModel;
  /** Empty: the diagram lays out every element of a new model. */
  layout: ModelLayout;
  /** The analysis the model was made from, so the caller need not run it again. */
  analysis: AnalysisResult;
  diagnostics: Diagnostic[];
}

/** A new model from config files: their elements, boundaries and flows become `imported` items
 * (ids equal to the topology's), and the files are kept as `sources`, from which trees and
 * findings are derived again whenever the model is opened. */
export function modelFromImport(
  files: readonly ImportFile[],
  now: string,
  options: ModelFromImportOptions,
): ModelFromImport {
  const sources = toSources(files, now);
  const analysis = analyzeFiles(sources.map((s) => ({ path: s.path, text: s.text })));
  const model = createEmptyModel(options.newId, options.name ?? nameFromPaths(sources.map((s) => s.path)));
  const items = importedItems(analysis.topology);
  return {
    model: { ...model, sources, ...items },
    layout: emptyLayout(),
    analysis,
    diagnostics: analysis.diagnostics,
  };
}

/** The files as sources, sorted by path; of two files with the same path the last one wins. */
export function toSources(files: readonly ImportFile[], now: string): ModelSource[] {
  const byPath = new Map<string, ModelSource>();
  for (const file of files) byPath.set(file.path, { path: file.path, text: file.text, importedAt: now });
  return [...byPath.values()].sort((a, b) => compareText(a.path, b.path));
}

/** The topology's elements, boundaries and flows as imported model items, sorted by id. */
export function importedItems(topology: Topology): Pick<ThreatModel, 'elements' | 'boundaries' | 'flows'> {
  const elements: ModelElement[] = topology.elements.map((e) => ({
    id: e.id,
    kind: e.kind,
    name: e.name,
    origin: 'imported',
    boundary: e.boundary,
    ...(e.workload !== undefined ? { workload: e.workload } : {}),
    ...(e.technology !== undefined ? { technology: e.technology } : {}),
    source: e.at,
  }));
  const boundaries: ModelBoundary[] = topology.boundaries.map((b) => ({
    id: b.id,
    kind: b.kind,
    name: b.name,
    ...(b.parent !== undefined ? { parent: b.parent } : {}),
    origin: 'imported',
    ...(b.at !== undefined ? { source: b.at } : {}),
  }));
  const flows: ModelFlow[] = topology.flows.map((f) => ({
    id: f.id,
    from: f.from,
    to: f.to,
    protocol: f.protocol,
    ...(f.port !== undefined ? { port: f.port } : {}),
    protection: f.protection,
    origin: 'imported',
    source: f.at,
  }));
  const byId = (a: { id: string }, b: { id: string }): number => compareText(a.id, b.id);
  return { elements: elements.sort(byId), boundaries: boundaries.sort(byId), flows: flows.sort(byId) };
}

/** The deepest folder every path shares (`compose`, `shop`…), the name a user would give. */
function nameFromPaths(paths: string[]): string {
  const dirs = paths.map((p) => p.split('/').slice(0, -1));
  if (dirs.length === 0) return 'Imported model';
  let common = dirs[0]!;
  for (const dir of dirs.slice(1)) {
    let i = 0;
    while (i < common.length && i < dir.length && common[i] === dir[i]) i++;
    common = common.slice(0, i);
  }
  const last = common.filter((part) => part !== '.' && part !== '..').at(-1);
  return last ?? 'Imported model';
}
