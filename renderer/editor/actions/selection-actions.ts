import { boxesIntersect, boxOf, type Box } from '../scene';
import { plainKey, primary, type Action } from './action';

/** Selects the given items; `additive` toggles them in the current selection instead. */
export const select: Action<{ ids: readonly string[]; additive?: boolean }> = {
  name: 'select',
  label: 'action.select',
  perform({ ui }, { ids, additive }) {
    if (!additive) return { ui: { selection: [...ids] }, commit: false };
    const current = new Set(ui.selection);
    for (const id of ids) {
      if (current.has(id)) current.delete(id);
      else current.add(id);
    }
    return { ui: { selection: [...current] }, commit: false };
  },
};

/** Selects every element whose box meets a box drawn on the diagram, and the flows between them. */
export const boxSelect: Action<Box & { additive?: boolean }> = {
  name: 'box-select',
  label: 'action.box-select',
  perform({ scene, ui }, { additive, ...area }) {
    const ids: string[] = [];
    for (const element of scene.model.elements) {
      const box = boxOf(scene.layout.positions[element.id], element.kind);
      if (box && boxesIntersect(box, area)) ids.push(element.id);
    }
    const chosen = new Set(ids);
    for (const flow of scene.model.flows) if (chosen.has(flow.from) && chosen.has(flow.to)) ids.push(flow.id);
    const selection = additive ? [...new Set([...ui.selection, ...ids])] : ids;
    return { ui: { selection }, commit: false };
  },
};

export const selectAll: Action = {
  name: 'select-all',
  label: 'action.select-all',
  shortcut: 'Ctrl+A',
  keyTest: (key) => primary(key) && key.key.toLowerCase() === 'a',
  perform: ({ scene }) => ({
    ui: { selection: [...scene.model.elements.map((e) => e.id), ...scene.model.flows.map((f) => f.id)] },
    commit: false,
  }),
};

export const clearSelection: Action = {
  name: 'clear-selection',
  label: 'action.clear-selection',
  shortcut: 'Esc',
  keyTest: (key) => plainKey(key, 'Escape'),
  perform: () => ({
    ui: { selection: [], tool: 'select', connectFrom: undefined, helpOpen: false },
    commit: false,
  }),
};
