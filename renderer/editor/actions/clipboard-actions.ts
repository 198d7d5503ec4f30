import type { ModelElement, ModelFlow, Position } from '../../../models/model/threat-model';
import type { Clipboard } from '../editor-ui';
import { freshId, upsertSorted } from '../scene';
import { primary, type Action } from './action';

const PASTE_OFFSET = 32;

/** Copies the selected elements, with the flows among them, to the editor's clipboard. */
export const copy: Action = {
  name: 'copy',
  label: 'action.copy',
  shortcut: 'Ctrl+C',
  keyTest: (key) => primary(key) && !key.shiftKey && key.key.toLowerCase() === 'c',
  perform({ scene, ui }) {
    const selected = new Set(ui.selection);
    const elements = scene.model.elements.filter((e) => selected.has(e.id));
    if (elements.length === 0) return null;
    const ids = new Set(elements.map((e) => e.id));
    const flows = scene.model.flows.filter((f) => ids.has(f.from) && ids.has(f.to));
    const positions: Record<string, Position> = {};
    for (const e of elements) {
      const position = scene.layout.positions[e.id];
      if (position) positions[e.id] = position;
    }
    const clipboard: Clipboard = { elements, boundaries: [], flows, positions };
    return { ui: { clipboard, pasteCount: 0 }, commit: false };
  },
};

/** Pastes the clipboard as new, hand-drawn items, offset a little more with each paste. */
export const paste: Action = {
  name: 'paste',
  label: 'action.paste',
  shortcut: 'Ctrl+V',
  keyTest: (key) => primary(key) && !key.shiftKey && key.key.toLowerCase() === 'v',
  perform({ scene, ui }) {
    const clipboard = ui.clipboard;
    if (!clipboard || clipboard.elements.length === 0) return null;
    const offset = PASTE_OFFSET * (ui.pasteCount + 1);
    let { elements, flows } = scene.model;
    const positions = { ...scene.layout.positions };
    const taken = new Set([...elements, ...flows, ...scene.model.boundaries].map((item) => item.id));
    const isTaken = (id: string) => taken.has(id);
    const newIds = new Map<string, string>();
    for (const element of clipboard.elements) {
      const id = freshId(`user:${element.kind}`, isTaken);
      taken.add(id);
      newIds.set(element.id, id);
      const { source: _source, workload: _workload, ...rest } = element;
      const copy: ModelElement = { ...rest, id, origin: 'user' };
      elements = upsertSorted(elements, copy);
      const position = clipboard.positions[element.id];
      if (position) positions[id] = { ...position, x: position.x + offset, y: position.y + offset };
    }
    for (const flow of clipboard.flows) {
      const from = newIds.get(flow.from)!;
      const to = newIds.get(flow.to)!;
      const id = freshId(`user:flow:${from}->${to}`, isTaken);
      taken.add(id);
      const { source: _source, ...rest } = flow;
      const copy: ModelFlow = { ...rest, id, from, to, origin: 'user' };
      flows = upsertSorted(flows, copy);
    }
    return {
      scene: { model: { ...scene.model, elements, flows }, layout: { ...scene.layout, positions } },
      ui: { selection: [...newIds.values()], pasteCount: ui.pasteCount + 1 },
      commit: true,
    };
  },
};
