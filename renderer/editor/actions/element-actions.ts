import type { ModelBoundary, ModelElement, ModelFlow, Position } from '../../../models/model/threat-model';
import type { ElementKind, Protection } from '../../../models/topology/types';
import { t, type MessageKey } from '../../i18n/t';
import type { Tool } from '../editor-ui';
import { boundaryAt } from '../geometry';
import { shapeOf } from '../../../models/layout/element-shapes';
import { boxOf, freshId, idTaken, upsertSorted, type Box, type Scene } from '../scene';
import { plainKey, type Action } from './action';

const DEFAULT_NAMES: Record<ElementKind, MessageKey> = {
  service: 'element.kind.service',
  'data-store': 'element.kind.data-store',
  external: 'element.kind.external',
  internet: 'element.kind.internet',
  host: 'element.kind.host',
  cluster: 'element.kind.cluster',
};

function withPositions(scene: Scene, changes: Record<string, Position | undefined>): Scene['layout'] {
  const positions = { ...scene.layout.positions };
  for (const [id, position] of Object.entries(changes)) {
    if (position) positions[id] = position;
    else delete positions[id];
  }
  return { ...scene.layout, positions };
}

/** Adds an element of `kind` centred on a point of the diagram, inside the boundary drawn there. */
export const addElement: Action<{ kind: ElementKind; x: number; y: number; name?: string }> = {
  name: 'add-element',
  label: 'action.add-element',
  perform({ scene }, { kind, x, y, name }) {
    const { model } = scene;
    const id = freshId(`user:${kind}`, idTaken(model));
    const { width, height } = shapeOf(kind);
    const box: Box = { x: Math.round(x - width / 2), y: Math.round(y - height / 2), width, height };
    const boundary = boundaryAt(model, scene.layout.positions, box);
    const element: ModelElement = {
      id,
      kind,
      name: name ?? t(DEFAULT_NAMES[kind]),
      origin: 'user',
      ...(boundary ? { boundary } : {}),
    };
    return {
      scene: {
        model: { ...model, elements: upsertSorted(model.elements, element) },
        layout: withPositions(scene, { [id]: { x: box.x, y: box.y } }),
      },
      ui: { selection: [id], tool: 'select' },
      commit: true,
    };
  },
};

/** Adds a trust boundary over a box drawn on the diagram, nested in the boundary around it. */
export const addBoundary: Action<Box & { name?: string }> = {
  name: 'add-boundary',
  label: 'action.add-boundary',
  perform({ scene }, { x, y, width, height, name }) {
    if (width < 20 || height < 20) return null;
    const { model } = scene;
    const id = freshId('user:boundary', idTaken(model));
    const box = { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) };
    const parent = boundaryAt(model, scene.layout.positions, box);
    const boundary: ModelBoundary = {
      id,
      kind: 'network',
      name: name ?? t('boundary.default-name'),
      origin: 'user',
      ...(parent ? { parent } : {}),
    };
    return {
      scene: {
        model: { ...model, boundaries: upsertSorted(model.boundaries, boundary) },
        layout: withPositions(scene, { [id]: box }),
      },
      ui: { selection: [id], tool: 'select' },
      commit: true,
    };
  },
};

/** Draws a data flow from one element to another. */
export const connect: Action<{ from: string; to: string }> = {
  name: 'connect',
  label: 'action.connect',
  perform({ scene }, { from, to }) {
    const { model } = scene;
    const ids = new Set(model.elements.map((e) => e.id));
    if (from === to || !ids.has(from) || !ids.has(to)) return null;
    const id = freshId(`user:flow:${from}->${to}`, idTaken(model));
    const flow: ModelFlow = { id, from, to, protocol: 'tcp', protection: 'none', origin: 'user' };
    return {
      scene: { model: { ...model, flows: upsertSorted(model.flows, flow) }, layout: scene.layout },
      ui: { selection: [id], tool: 'select', connectFrom: undefined },
      commit: true,
    };
  },
};

/** Moves items to new positions (the end of a drag, or a resize). */
export const setPositions: Action<Record<string, Position>> = {
  name: 'set-positions',
  label: 'action.move',
  perform({ scene }, positions) {
    const known = new Set([...scene.model.elements, ...scene.model.boundaries].map((item) => item.id));
    const changes = Object.fromEntries(Object.entries(positions).filter(([id]) => known.has(id)));
    if (Object.keys(changes).length === 0) return null;
    const layout = withPositions(scene, changes);
    return { scene: reassignBoundaries({ model: scene.model, layout }, Object.keys(changes)), commit: true };
  },
};

/** After a move, elements belong to the innermost boundary their box now sits in. */
export function reassignBoundaries(scene: Scene, moved: readonly string[]): Scene {
  const movedSet = new Set(moved);
  let changed = false;
  const elements = scene.model.elements.map((element) => {
    if (!movedSet.has(element.id)) return element;
    const box = boxOf(scene.layout.positions[element.id], element.kind);
    if (!box) return element;
    const boundary = boundaryAt(scene.model, scene.layout.positions, box);
    if (
      boundary === element.boundary ||
      (boundary === undefined && element.boundary && !scene.layout.positions[element.boundary])
    )
      return element;
    changed = true;
    const { boundary: _old, ...rest } = element;
    return boundary ? { ...rest, boundary } : rest;
  });
  return changed ? { model: { ...scene.model, elements }, layout: scene.layout } : scene;
}

/** Nudges the selection with the arrow keys (Shift for a larger step). */
export const nudgeSelection: Action<{ dx: number; dy: number }> = {
  name: 'nudge',
  label: 'action.move',
  shortcut: '← ↑ → ↓',
  keyTest: (key, ui) =>
    ui.selection.length > 0 && !key.ctrlKey && !key.metaKey && key.key.startsWith('Arrow'),
  perform({ scene, ui }, { dx, dy }) {
    const changes: Record<string, Position> = {};
    for (const id of ui.selection) {
      const position = scene.layout.positions[id];
      if (position) changes[id] = { ...position, x: position.x + dx, y: position.y + dy };
    }
    if (Object.keys(changes).length === 0) return null;
    return {
      scene: reassignBoundaries(
        { model: scene.model, layout: withPositions(scene, changes) },
        Object.keys(changes),
      ),
      commit: true,
    };
  },
};

/** Deletes the selected items, the flows attached to deleted elements and their mitigation
 * states; elements of a deleted boundary move to the boundary around it. */
export const deleteSelection: Action = {
  name: 'delete',
  label: 'action.delete',
  shortcut: 'Delete',
  keyTest: (key, ui) => ui.selection.length > 0 && plainKey(key, 'Delete', 'Backspace'),
  perform({ scene, ui }) {
    if (ui.selection.length === 0) return null;
    const { model } = scene;
    const selected = new Set(ui.selection);
    const removedBoundaries = new Map(
      model.boundaries.filter((b) => selected.has(b.id)).map((b) => [b.id, b]),
    );
    const survivingParent = (id: string | undefined): string | undefined => {
      let current = id;
      while (current && removedBoundaries.has(current)) current = removedBoundaries.get(current)!.parent;
      return current;
    };
    const elements = model.elements
      .filter((e) => !selected.has(e.id))
      .map((e) => {
        if (!e.boundary || !removedBoundaries.has(e.boundary)) return e;
        const { boundary: _old, ...rest } = e;
        const parent = survivingParent(e.boundary);
        return parent ? { ...rest, boundary: parent } : rest;
      });
    const remaining = new Set(elements.map((e) => e.id));
    const flows = model.flows.filter(
      (f) => !selected.has(f.id) && remaining.has(f.from) && remaining.has(f.to),
    );
    const boundaries = model.boundaries
      .filter((b) => !selected.has(b.id))
      .map((b) => {
        if (!b.parent || !removedBoundaries.has(b.parent)) return b;
        const { parent: _old, ...rest } = b;
        const parent = survivingParent(b.parent);
        return parent ? { ...rest, parent } : rest;
      });
    const alive = new Set([...remaining, ...flows.map((f) => f.id), ...boundaries.map((b) => b.id)]);
    const mitigationStates = model.mitigationStates.filter((s) => alive.has(s.target));
    const positions = Object.fromEntries(
      Object.entries(scene.layout.positions).filter(([id]) => alive.has(id)),
    );
    return {
      scene: {
        model: { ...model, elements, boundaries, flows, mitigationStates },
        layout: { ...scene.layout, positions },
      },
      ui: { selection: [] },
      commit: true,
    };
  },
};

/** Renames the model itself, an element or a boundary. */
export const rename: Action<{ id: string; name: string }> = {
  name: 'rename',
  label: 'action.rename',
  perform({ scene }, { id, name }) {
    const trimmed = name.trim();
    if (!trimmed) return null;
    const { model } = scene;
    if (id === model.id) {
      if (model.name === trimmed) return null;
      return { scene: { ...scene, model: { ...model, name: trimmed } }, commit: true };
    }
    const element = model.elements.find((e) => e.id === id);
    if (element) {
      if (element.name === trimmed) return null;
      return {
        scene: {
          ...scene,
          model: { ...model, elements: upsertSorted(model.elements, { ...element, name: trimmed }) },
        },
        commit: true,
      };
    }
    const boundary = model.boundaries.find((b) => b.id === id);
    if (boundary) {
      if (boundary.name === trimmed) return null;
      return {
        scene: {
          ...scene,
          model: { ...model, boundaries: upsertSorted(model.boundaries, { ...boundary, name: trimmed }) },
        },
        commit: true,
      };
    }
    return null;
  },
};

export interface FlowPatch {
  protocol?: string;
  port?: number | null;
  protection?: Protection;
  data?: string;
  authentication?: string;
}

/** Edits a flow's protocol, port, protection or description. */
export const editFlow: Action<{ id: string; patch: FlowPatch }> = {
  name: 'edit-flow',
  label: 'action.edit-flow',
  perform({ scene }, { id, patch }) {
    const flow = scene.model.flows.find((f) => f.id === id);
    if (!flow) return null;
    const next: ModelFlow = { ...flow };
    if (patch.protocol !== undefined && patch.protocol.trim()) next.protocol = patch.protocol.trim();
    if (patch.port === null) delete next.port;
    else if (patch.port !== undefined && Number.isInteger(patch.port) && patch.port > 0 && patch.port < 65536)
      next.port = patch.port;
    if (patch.protection !== undefined) next.protection = patch.protection;
    if (patch.data !== undefined) {
      if (patch.data.trim()) next.data = patch.data.trim();
      else delete next.data;
    }
    if (patch.authentication !== undefined) {
      if (patch.authentication.trim()) next.authentication = patch.authentication.trim();
      else delete next.authentication;
    }
    const model = scene.model;
    return { scene: { ...scene, model: { ...model, flows: upsertSorted(model.flows, next) } }, commit: true };
  },
};

const TOOL_KEYS: [Tool, string, MessageKey][] = [
  ['select', 'v', 'tool.select'],
  ['service', 's', 'tool.service'],
  ['data-store', 'd', 'tool.data-store'],
  ['external', 'e', 'tool.external'],
  ['host', 'h', 'tool.host'],
  ['boundary', 'b', 'tool.boundary'],
  ['connect', 'c', 'tool.connect'],
];

/** One action per drawing tool, each with its single-key shortcut. */
export const toolActions: Action[] = TOOL_KEYS.map(([tool, key, label]) => ({
  name: `tool:${tool}`,
  label,
  shortcut: key.toUpperCase(),
  keyTest: (press) => plainKey(press, key, key.toUpperCase()) && !press.shiftKey,
  perform: () => ({ ui: { tool, connectFrom: undefined }, commit: false }),
}));

/** Replaces the whole scene as one undoable step (a re-import merged into the model). */
export const replaceScene: Action<Scene> = {
  name: 'replace-scene',
  label: 'action.import',
  perform: (_context, scene) => ({ scene, commit: true }),
};
