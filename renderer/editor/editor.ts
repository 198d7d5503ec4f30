import { Store } from '../state/store';
import type { Action, ActionResult, KeyPress, LayoutFunction, ViewCommand } from './actions/action';
import { ACTIONS, ACTIONS_BY_NAME } from './actions/registry';
import { INITIAL_UI, type EditorUi } from './editor-ui';
import { History } from './history';
import type { Scene } from './scene';

/** Why the scene changed: a loaded document, an edit, or an undo/redo step. */
export type SceneChange = 'load' | 'edit' | 'history';

/**
 * The diagram editor's state and command dispatch: the scene store (the document), the editor UI
 * store (selection, tool, clipboard) and the undo history of scene deltas, kept apart. Views
 * dispatch actions by name; gestures that change the scene continuously (dragging) preview their
 * scenes and commit one history entry at the end.
 */
export class Editor {
  readonly scene: Store<Scene>;
  readonly ui = new Store<EditorUi>(INITIAL_UI);
  readonly history = new History();
  /** Bumped on every undoable change so views can show whether undo/redo are possible. */
  readonly revision = new Store(0);
  private viewListener: ((command: ViewCommand) => void) | undefined;
  private changeListeners = new Set<(scene: Scene, change: SceneChange) => void>();
  private gestureStart: Scene | undefined;

  constructor(
    scene: Scene,
    private readonly layout: LayoutFunction,
  ) {
    this.scene = new Store(scene);
  }

  /** Replaces the document (opening a model): history and selection start afresh. */
  load(scene: Scene): void {
    this.history.clear();
    this.gestureStart = undefined;
    this.ui.set({ ...INITIAL_UI, clipboard: this.ui.value.clipboard });
    this.scene.set(scene);
    this.revision.update((n) => n + 1);
    this.emit('load');
  }

  onViewCommand(listener: (command: ViewCommand) => void): () => void {
    this.viewListener = listener;
    return () => {
      if (this.viewListener === listener) this.viewListener = undefined;
    };
  }

  /** Called after every committed change of the scene (edits, undo, redo), e.g. to save it. */
  onChange(listener: (scene: Scene, change: SceneChange) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Runs a registered action; returns false when it does not exist or did not apply. */
  dispatch<V>(name: string, value?: V): boolean {
    const action = ACTIONS_BY_NAME.get(name) as Action<V> | undefined;
    if (!action) return false;
    const result = action.perform(
      { scene: this.scene.value, ui: this.ui.value, layout: this.layout },
      value as V,
    );
    if (!result) return false;
    this.apply(action.name, result);
    return true;
  }

  /** Runs the first action whose shortcut matches the key; returns true when one did. */
  handleKey(key: KeyPress): boolean {
    const ui = this.ui.value;
    for (const action of ACTIONS) {
      if (!action.keyTest?.(key, ui)) continue;
      if (action.name === 'nudge') {
        const step = key.shiftKey ? 10 : 1;
        const delta = {
          ArrowLeft: { dx: -step, dy: 0 },
          ArrowRight: { dx: step, dy: 0 },
          ArrowUp: { dx: 0, dy: -step },
          ArrowDown: { dx: 0, dy: step },
        }[key.key];
        return delta ? this.dispatch(action.name, delta) : false;
      }
      return this.dispatch(action.name);
    }
    return false;
  }

  /** Starts a continuous change (a drag): the scene before it is what one undo returns to. */
  beginGesture(): void {
    this.gestureStart = this.scene.value;
  }

  /** Shows an intermediate scene of a gesture without recording or saving it. */
  preview(scene: Scene): void {
    this.scene.set(scene);
  }

  /** Ends a gesture with the action that describes it (`set-positions`), recorded as one step. */
  endGesture<V>(name: string, value: V): boolean {
    const start = this.gestureStart;
    this.gestureStart = undefined;
    if (start) this.scene.set(start);
    return this.dispatch(name, value);
  }

  cancelGesture(): void {
    if (this.gestureStart) this.scene.set(this.gestureStart);
    this.gestureStart = undefined;
  }

  private apply(name: string, result: ActionResult): void {
    if (result.history) {
      const scene =
        result.history === 'undo' ? this.history.undo(this.scene.value) : this.history.redo(this.scene.value);
      if (scene) {
        this.scene.set(scene);
        this.pruneSelection(scene);
        this.revision.update((n) => n + 1);
        this.emit('history');
      }
    }
    if (result.scene && result.scene !== this.scene.value) {
      const before = this.scene.value;
      this.scene.set(result.scene);
      if (result.commit) {
        this.history.record(name, before, result.scene);
        this.revision.update((n) => n + 1);
      }
      this.emit('edit');
    }
    if (result.ui) this.ui.set({ ...this.ui.value, ...result.ui });
    if (result.view) this.viewListener?.(result.view);
  }

  private pruneSelection(scene: Scene): void {
    const ids = new Set(
      [...scene.model.elements, ...scene.model.boundaries, ...scene.model.flows].map((i) => i.id),
    );
    const selection = this.ui.value.selection.filter((id) => ids.has(id));
    if (selection.length !== this.ui.value.selection.length) this.ui.set({ ...this.ui.value, selection });
  }

  private emit(change: SceneChange): void {
    for (const listener of [...this.changeListeners]) listener(this.scene.value, change);
  }
}
