import type { ElementKind } from '../../models/topology/types';
import type { ModelBoundary, ModelElement, ModelFlow, Position } from '../../models/model/threat-model';

/** What the pointer does on an empty part of the diagram. */
export type Tool = 'select' | 'boundary' | 'connect' | ElementKind;

/** What was copied: items with their positions, pasted under fresh ids. */
export interface Clipboard {
  elements: ModelElement[];
  boundaries: ModelBoundary[];
  flows: ModelFlow[];
  positions: Record<string, Position>;
}

/** Editor state that is not part of the document: never saved, never in undo history. */
export interface EditorUi {
  /** Ids of selected elements, boundaries and flows. */
  selection: readonly string[];
  tool: Tool;
  /** For the connect tool: the element a flow starts from, once picked. */
  connectFrom?: string;
  clipboard?: Clipboard;
  pasteCount: number;
  helpOpen: boolean;
  /** Bumped to ask the search field for focus. */
  searchFocus: number;
}

export const INITIAL_UI: EditorUi = {
  selection: [],
  tool: 'select',
  pasteCount: 0,
  helpOpen: false,
  searchFocus: 0,
};
