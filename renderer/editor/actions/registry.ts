import type { Action } from './action';
import { copy, paste } from './clipboard-actions';
import {
  addBoundary,
  addElement,
  connect,
  deleteSelection,
  editFlow,
  nudgeSelection,
  rename,
  replaceScene,
  setPositions,
  toolActions,
} from './element-actions';
import { setMitigationState } from './mitigation-actions';
import { openExport, setDocumentInfo } from './document-actions';
import { TREE_ACTIONS } from './tree-actions';
import { boxSelect, clearSelection, select, selectAll } from './selection-actions';
import {
  fitView,
  focusSearch,
  redo,
  relayout,
  toggleHelp,
  undo,
  zoomIn,
  zoomOut,
  zoomReset,
} from './view-actions';

/** Every registered action, in the order the help overlay lists them. */
export const ACTIONS = [
  undo,
  redo,
  copy,
  paste,
  deleteSelection,
  selectAll,
  clearSelection,
  nudgeSelection,
  fitView,
  zoomIn,
  zoomOut,
  zoomReset,
  relayout,
  focusSearch,
  toggleHelp,
  ...toolActions,
  addElement,
  addBoundary,
  connect,
  setPositions,
  rename,
  replaceScene,
  editFlow,
  setMitigationState,
  select,
  boxSelect,
  ...TREE_ACTIONS,
  setDocumentInfo,
  openExport,
] as Action<never>[];

export const ACTIONS_BY_NAME: ReadonlyMap<string, Action<never>> = new Map(ACTIONS.map((a) => [a.name, a]));
