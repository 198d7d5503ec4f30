import { plainKey, primary, type Action } from './action';

export const undo: Action = {
  name: 'undo',
  label: 'action.undo',
  shortcut: 'Ctrl+Z',
  keyTest: (key) => primary(key) && !key.shiftKey && key.key.toLowerCase() === 'z',
  perform: () => ({ history: 'undo', commit: false }),
};

export const redo: Action = {
  name: 'redo',
  label: 'action.redo',
  shortcut: 'Ctrl+Shift+Z',
  keyTest: (key) =>
    (primary(key) && key.shiftKey && key.key.toLowerCase() === 'z') ||
    (primary(key) && key.key.toLowerCase() === 'y'),
  perform: () => ({ history: 'redo', commit: false }),
};

export const fitView: Action = {
  name: 'fit',
  label: 'action.fit',
  shortcut: 'F',
  keyTest: (key) => plainKey(key, 'f', 'F'),
  perform: () => ({ view: 'fit', commit: false }),
};

export const zoomIn: Action = {
  name: 'zoom-in',
  label: 'action.zoom-in',
  shortcut: '+',
  keyTest: (key) => !primary(key) && (key.key === '+' || key.key === '='),
  perform: () => ({ view: 'zoom-in', commit: false }),
};

export const zoomOut: Action = {
  name: 'zoom-out',
  label: 'action.zoom-out',
  shortcut: '-',
  keyTest: (key) => !primary(key) && (key.key === '-' || key.key === '_'),
  perform: () => ({ view: 'zoom-out', commit: false }),
};

export const zoomReset: Action = {
  name: 'zoom-reset',
  label: 'action.zoom-reset',
  shortcut: '0',
  keyTest: (key) => plainKey(key, '0'),
  perform: () => ({ view: 'zoom-reset', commit: false }),
};

export const toggleHelp: Action = {
  name: 'help',
  label: 'action.help',
  shortcut: '?',
  keyTest: (key) => !primary(key) && key.key === '?',
  perform: ({ ui }) => ({ ui: { helpOpen: !ui.helpOpen }, commit: false }),
};

export const focusSearch: Action = {
  name: 'search',
  label: 'action.search',
  shortcut: 'Ctrl+F',
  keyTest: (key) => (primary(key) && key.key.toLowerCase() === 'f') || plainKey(key, '/'),
  perform: ({ ui }) => ({ ui: { searchFocus: ui.searchFocus + 1 }, commit: false }),
};

/** Lays the whole diagram out again automatically (deterministic: the same model, the same picture). */
export const relayout: Action = {
  name: 'relayout',
  label: 'action.relayout',
  shortcut: 'Shift+L',
  keyTest: (key) => !primary(key) && key.shiftKey && key.key === 'L',
  perform: ({ scene, layout }) => ({
    scene: { model: scene.model, layout: layout(scene.model, {}) },
    view: 'fit',
    commit: true,
  }),
};
