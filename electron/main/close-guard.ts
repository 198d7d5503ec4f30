import type { DocumentState, MenuCommand } from '../../renderer/platform/host-bridge';

/** The parts of a window the close guard needs. */
export interface GuardedWindow {
  on(event: 'close', listener: (event: { preventDefault(): void }) => void): unknown;
  close(): void;
  setTitle(title: string): void;
  /** macOS only: the dot in the close button. */
  setDocumentEdited?(edited: boolean): void;
}

export interface CloseGuardDeps<W extends GuardedWindow> {
  /** Shows the save prompt; resolves with the index of the chosen button. */
  showMessageBox(
    window: W,
    options: {
      type: 'warning';
      message: string;
      detail: string;
      buttons: string[];
      defaultId: number;
      cancelId: number;
      noLink: boolean;
    },
  ): Promise<{ response: number }>;
  /** Asks the renderer to run a menu command (here: save). */
  sendMenuCommand(window: W, command: MenuCommand): void;
  /** How long a "Save" answer keeps the close pending while the renderer saves. */
  saveTimeoutMs?: number;
  setTimer?(callback: () => void, ms: number): unknown;
}

export const SAVE_BUTTON = 0;
export const DISCARD_BUTTON = 1;
export const CANCEL_BUTTON = 2;

export interface CloseGuard {
  /** The renderer's report of the document title and unsaved changes. */
  setDocumentState(state: DocumentState): void;
}

/**
 * Asks before a window with unsaved changes closes: Save (the renderer saves, and the window
 * closes once it reports the document clean), Don't Save, or Cancel.
 */
export function guardClose<W extends GuardedWindow>(window: W, deps: CloseGuardDeps<W>): CloseGuard {
  let state: DocumentState = { title: '', dirty: false };
  let prompting = false;
  let allowClose = false;
  let closeAfterSave = false;
  const setTimer = deps.setTimer ?? ((callback, ms) => setTimeout(callback, ms));

  const closeNow = (): void => {
    allowClose = true;
    window.close();
  };

  window.on('close', (event) => {
    if (allowClose || !state.dirty) return;
    event.preventDefault();
    if (prompting) return;
    prompting = true;
    const name = state.title || 'this model';
    deps
      .showMessageBox(window, {
        type: 'warning',
        message: `Save changes to ${name} before closing?`,
        detail: 'Changes that are not saved to a file will be lost.',
        buttons: ['Save', "Don't Save", 'Cancel'],
        defaultId: SAVE_BUTTON,
        cancelId: CANCEL_BUTTON,
        noLink: true,
      })
      .then(({ response }) => {
        if (response === DISCARD_BUTTON) closeNow();
        else if (response === SAVE_BUTTON) {
          closeAfterSave = true;
          setTimer(() => (closeAfterSave = false), deps.saveTimeoutMs ?? 120_000);
          deps.sendMenuCommand(window, 'save');
        }
      })
      .catch(() => undefined)
      .finally(() => (prompting = false));
  });

  return {
    setDocumentState(next) {
      state = next;
      window.setTitle(next.title ? `${next.title}${next.dirty ? ' •' : ''} — Rampart` : 'Rampart');
      window.setDocumentEdited?.(next.dirty);
      if (closeAfterSave && !next.dirty) {
        closeAfterSave = false;
        closeNow();
      }
    },
  };
}
