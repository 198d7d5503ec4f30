import type { ModelLayout, ThreatModel } from '../../../models/model/threat-model';
import type { MessageKey } from '../../i18n/t';
import type { EditorUi } from '../editor-ui';
import type { Scene } from '../scene';

/** What a keyboard shortcut is tested against: the fields of a KeyboardEvent that matter. */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Commands for the diagram's viewport, which the diagram view carries out. */
export type ViewCommand = 'fit' | 'zoom-in' | 'zoom-out' | 'zoom-reset';

/** Lays out the elements and boundaries the given positions lack, keeping the others. */
export type LayoutFunction = (model: ThreatModel, fixed: ModelLayout['positions']) => ModelLayout;

export interface ActionContext {
  scene: Scene;
  ui: EditorUi;
  layout: LayoutFunction;
}

export interface ActionResult {
  scene?: Scene;
  ui?: Partial<EditorUi>;
  /** True when the scene change goes into undo history. */
  commit: boolean;
  view?: ViewCommand;
  history?: 'undo' | 'redo';
}

/**
 * A user command (menus, shortcuts and buttons all dispatch these): `perform` is a near-pure
 * reducer from the current scene and editor state to the next, or null when it does not apply.
 */
export interface Action<V = void> {
  name: string;
  label: MessageKey;
  /** The shortcut as the help overlay shows it (`Ctrl+Z`). */
  shortcut?: string;
  keyTest?: (key: KeyPress, ui: EditorUi) => boolean;
  perform(context: ActionContext, value: V): ActionResult | null;
}

/** Ctrl on Linux and Windows, Cmd on macOS. */
export function primary(key: KeyPress): boolean {
  return key.ctrlKey || key.metaKey;
}

export function plainKey(key: KeyPress, ...names: string[]): boolean {
  return !primary(key) && !key.altKey && names.includes(key.key);
}
