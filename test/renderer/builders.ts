import { createEmptyModel, emptyLayout } from '../../models/model/create-model';
import type {
  ModelBoundary,
  ModelElement,
  ModelFlow,
  Position,
  ThreatModel,
} from '../../models/model/threat-model';
import { Editor } from '../../renderer/editor/editor';
import type { Scene } from '../../renderer/editor/scene';
import { layoutMissing } from '../../renderer/state/workspace';

/** Short builders for test scenes: `element('a')`, `flow('a', 'b')`, `scene({ elements, flows })`. */
export function element(id: string, extra: Partial<ModelElement> = {}): ModelElement {
  return { id, kind: 'service', name: id, origin: 'user', ...extra };
}

export function boundary(id: string, extra: Partial<ModelBoundary> = {}): ModelBoundary {
  return { id, kind: 'network', name: id, origin: 'user', ...extra };
}

export function flow(from: string, to: string, extra: Partial<ModelFlow> = {}): ModelFlow {
  return { id: `f:${from}->${to}`, from, to, protocol: 'http', protection: 'none', origin: 'user', ...extra };
}

export function scene(parts: {
  elements?: ModelElement[];
  boundaries?: ModelBoundary[];
  flows?: ModelFlow[];
  positions?: Record<string, Position>;
  model?: Partial<ThreatModel>;
}): Scene {
  const byId = <T extends { id: string }>(items: T[] = []) =>
    [...items].sort((a, b) => (a.id < b.id ? -1 : 1));
  const model: ThreatModel = {
    ...createEmptyModel(() => 'model-1', 'Test'),
    elements: byId(parts.elements),
    boundaries: byId(parts.boundaries),
    flows: byId(parts.flows),
    ...parts.model,
  };
  return { model, layout: parts.positions ? { positions: parts.positions } : emptyLayout() };
}

export function editorWith(initial: Scene): Editor {
  const editor = new Editor(initial, layoutMissing);
  editor.load(initial);
  return editor;
}
