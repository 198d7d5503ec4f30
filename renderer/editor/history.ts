import { applyDelta, diffScenes, type SceneDelta } from './scene-delta';
import type { Scene } from './scene';

export interface HistoryEntry {
  /** The action that made the change, for "Undo <label>". */
  action: string;
  delta: SceneDelta;
}

/** Undo and redo stacks of scene deltas, kept apart from the scene store. */
export class History {
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];

  constructor(private readonly limit = 500) {}

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  /** Records the change from `before` to `after`; a change that changes nothing is not recorded. */
  record(action: string, before: Scene, after: Scene): boolean {
    const delta = diffScenes(before, after);
    if (!delta) return false;
    this.undoStack.push({ action, delta });
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack = [];
    return true;
  }

  undo(scene: Scene): Scene | undefined {
    const entry = this.undoStack.pop();
    if (!entry) return undefined;
    this.redoStack.push(entry);
    return applyDelta(scene, entry.delta, 'backward');
  }

  redo(scene: Scene): Scene | undefined {
    const entry = this.redoStack.pop();
    if (!entry) return undefined;
    this.undoStack.push(entry);
    return applyDelta(scene, entry.delta, 'forward');
  }

  clear(): void {
    this.undoStack = [];
    this.redoStack = [];
  }
}
