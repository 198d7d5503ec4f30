import { resolve } from 'node:path';
import { MODEL_EXTENSION } from './dialogs';

/** The parts of Electron's `app` that single-instance handling uses. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(
    event: 'second-instance',
    listener: (event: unknown, argv: string[], workingDirectory: string) => void,
  ): unknown;
  on(event: 'open-file', listener: (event: { preventDefault(): void }, path: string) => void): unknown;
}

/** Model files named on a command line: `*.rampart.json` arguments, resolved against `cwd`. */
export function modelPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  return argv
    .filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith(MODEL_EXTENSION))
    .map((arg) => resolve(cwd, arg));
}

export interface SingleInstanceDeps {
  app: SingleInstanceApp;
  /** Opens a model file in the running window. */
  openPath(path: string): void;
  /** Brings the window to the front. */
  focus(): void;
}

/**
 * Keeps one running instance. A second launch (file association on Windows and Linux, or the
 * command line) hands its model paths to the first and quits; macOS delivers `open-file` events
 * instead. Returns false when another instance already runs and this one is quitting.
 */
export function enforceSingleInstance({ app, openPath, focus }: SingleInstanceDeps): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv, workingDirectory) => {
    focus();
    for (const path of modelPathsFromArgv(argv, workingDirectory)) openPath(path);
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (path.toLowerCase().endsWith(MODEL_EXTENSION)) openPath(path);
  });
  return true;
}

/**
 * Holds file-open requests until the renderer is listening (the OS may ask before the window has
 * loaded), then delivers them in order.
 */
export function createOpenQueue(deliver: (path: string) => void): {
  push(path: string): void;
  ready(): void;
} {
  let isReady = false;
  const pending: string[] = [];
  return {
    push(path) {
      if (isReady) deliver(path);
      else pending.push(path);
    },
    ready() {
      isReady = true;
      for (const path of pending.splice(0)) deliver(path);
    },
  };
}
