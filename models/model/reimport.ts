import { analyzeFiles } from '../analysis/analyze';
import type { ImportFile } from '../import/import-file';
import type { Diagnostic } from '../source/diagnostic';
import { importedItems, toSources } from './create-model';
import { compareText } from './model-schema';
import type { ModelBoundary, ModelElement, ModelFlow, ThreatModel } from './threat-model';

/**
 * Importing configs again into a model the workshop has worked on:
 *
 *   reimportModel(model, files, now) → { model, summary, newIds, removedIds, diagnostics }
 *
 * Files with a path the model already has replace that source; others are added. The topology is
 * derived again, and the imported items are merged three ways: the base is the topology of the
 * sources as they were, "ours" is the model, "theirs" the new topology. A config field (name,
 * kind, boundary, protocol, port, protection…) the user changed (ours ≠ base) keeps the user's
 * value; otherwise it follows the configs. What only users write (descriptions, `data`,
 * `authentication`), user-drawn items, notes, decisions, mitigation-state edits, tree nodes and
 * assumptions are never touched, and positions live in the layout, which is not touched either:
 * `newIds` tells the UI which items to lay out.
 *
 * An imported item no configuration defines any more is removed, unless the user attached
 * something to it — a note, a mitigation-state edit, a decision on one of its tree nodes, text
 * they typed, a user-drawn flow to it — then it is kept with `stale: true`.
 */

export interface ReimportSummary {
  added: number;
  updated: number;
  removed: number;
  keptStale: number;
}

export interface ReimportResult {
  model: ThreatModel;
  summary: ReimportSummary;
  /** Ids of elements, boundaries and flows new to the model, sorted: the ones to lay out. */
  newIds: string[];
  /** Ids removed from the model, sorted: their positions may be dropped from the layout. */
  removedIds: string[];
  diagnostics: Diagnostic[];
}

type Item = ModelElement | ModelBoundary | ModelFlow;

/** Fields that come from the configuration, per item type; anything else is the user's alone. */
const ELEMENT_FIELDS = ['kind', 'name', 'boundary', 'workload', 'technology', 'source'] as const;
const BOUNDARY_FIELDS = ['kind', 'name', 'parent', 'source'] as const;
const FLOW_FIELDS = ['from', 'to', 'protocol', 'port', 'protection', 'source'] as const;

export function reimportModel(model: ThreatModel, files: readonly ImportFile[], now: string): ReimportResult {
  const replaced = toSources(files, now);
  const replacedPaths = new Set(replaced.map((s) => s.path));
  const sources = [...model.sources.filter((s) => !replacedPaths.has(s.path)), ...replaced].sort((a, b) =>
    compareText(a.path, b.path),
  );
  const base = importedItems(
    analyzeFiles(model.sources.map((s) => ({ path: s.path, text: s.text }))).topology,
  );
  const analysis = analyzeFiles(sources.map((s) => ({ path: s.path, text: s.text })));
  const theirs = importedItems(analysis.topology);

  const summary: ReimportSummary = { added: 0, updated: 0, removed: 0, keptStale: 0 };
  const newIds: string[] = [];
  const removedIds: string[] = [];
  const attached = attachedIds(model);
  // A flow kept (user-drawn, or stale and attached) keeps the elements it connects.
  for (const flow of model.flows) {
    const stays =
      flow.origin === 'user' || attached.has(flow.id) || theirs.flows.some((f) => f.id === flow.id);
    if (stays) {
      attached.add(flow.from);
      attached.add(flow.to);
    }
  }

  const merge = <T extends Item>(
    ours: T[],
    baseItems: T[],
    theirItems: T[],
    fields: readonly string[],
  ): T[] => {
    const baseById = new Map(baseItems.map((i) => [i.id, i]));
    const theirsById = new Map(theirItems.map((i) => [i.id, i]));
    const out: T[] = [];
    for (const item of ours) {
      const next = theirsById.get(item.id);
      if (item.origin === 'user') out.push(item);
      else if (next) {
        const merged = mergeFields(item, baseById.get(item.id), next, fields);
        if (!sameItem(merged, item)) summary.updated++;
        out.push(merged);
      } else if (attached.has(item.id)) {
        if (!item.stale) summary.keptStale++;
        out.push({ ...item, stale: true });
      } else {
        summary.removed++;
        removedIds.push(item.id);
      }
    }
    const known = new Set(ours.map((i) => i.id));
    for (const item of theirItems) {
      if (known.has(item.id)) continue;
      summary.added++;
      newIds.push(item.id);
      out.push(item);
    }
    return out.sort((a, b) => compareText(a.id, b.id));
  };

  const boundaries = merge(model.boundaries, base.boundaries, theirs.boundaries, BOUNDARY_FIELDS);
  const boundaryIds = new Set(boundaries.map((b) => b.id));
  const elements = merge(model.elements, base.elements, theirs.elements, ELEMENT_FIELDS).map((e) =>
    e.boundary !== undefined && !boundaryIds.has(e.boundary) ? withoutKey(e, 'boundary') : e,
  );
  const elementIds = new Set(elements.map((e) => e.id));
  const flows = merge(model.flows, base.flows, theirs.flows, FLOW_FIELDS).filter(
    (f) => elementIds.has(f.from) && elementIds.has(f.to),
  );
  const cleanBoundaries = boundaries.map((b) =>
    b.parent !== undefined && !boundaryIds.has(b.parent) ? withoutKey(b, 'parent') : b,
  );

  return {
    model: { ...model, sources, elements, boundaries: cleanBoundaries, flows },
    summary,
    newIds: newIds.sort(compareText),
    removedIds: removedIds.sort(compareText),
    diagnostics: analysis.diagnostics,
  };
}

/** Ours, with every config field the user left as imported taken from the new configuration. */
function mergeFields<T extends Item>(ours: T, base: T | undefined, theirs: T, fields: readonly string[]): T {
  const out = { ...ours } as Record<string, unknown>;
  const o = ours as unknown as Record<string, unknown>;
  const b = base as unknown as Record<string, unknown> | undefined;
  const t = theirs as unknown as Record<string, unknown>;
  for (const field of fields) {
    const edited = b !== undefined && !sameValue(o[field], b[field]);
    if (edited) continue;
    if (t[field] === undefined) delete out[field];
    else out[field] = t[field];
  }
  delete out.stale;
  return out as T;
}

/** Ids the user attached something to: notes, mitigation-state edits, decisions on tree nodes
 * (generated node ids end in the element or flow id: `goal:data:<id>`, `defence:<kind>@<id>`),
 * and items carrying text only a user writes. */
function attachedIds(model: ThreatModel): Set<string> {
  const ids = new Set<string>();
  const items: Item[] = [...model.elements, ...model.boundaries, ...model.flows];
  const nodeRefs = [
    ...model.notes.map((n) => n.target),
    ...model.decisions.flatMap((d) => [d.node, ...(d.goal !== undefined ? [d.goal] : [])]),
    ...model.treeNodes.map((n) => n.parent),
  ];
  for (const edit of model.mitigationStates) ids.add(edit.target);
  for (const item of items) {
    if (nodeRefs.some((ref) => refersTo(ref, item.id))) ids.add(item.id);
    const typed = item as Partial<ModelElement & ModelFlow>;
    if (typed.description || typed.data || typed.authentication) ids.add(item.id);
  }
  return ids;
}

function refersTo(ref: string, id: string): boolean {
  return ref === id || ref.endsWith(`:${id}`) || ref.endsWith(`@${id}`) || ref.endsWith(`@${id}:partial`);
}

function withoutKey<T extends object>(item: T, key: keyof T): T {
  const copy = { ...item };
  delete copy[key];
  return copy;
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function sameItem(a: object, b: object): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) =>
    sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
