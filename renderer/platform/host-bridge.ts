/**
 * The one interface between the renderer and its host (DESIGN §8). In the desktop app the sandboxed
 * preload implements it over `ipcRenderer.invoke`; in a browser `web-bridge.ts` implements it with
 * file pickers and downloads. Views never touch host APIs: they call this through the app's
 * platform store. File paths stay with the host: the renderer only ever holds opaque handles.
 */
export interface HostBridge {
  /** Which host the renderer runs in; views use it only to word things ("Download" vs "Save"). */
  readonly host: 'web' | 'electron';

  /** Asks the user for a model file (`*.rampart.json`, Threat Dragon JSON). Null when cancelled. */
  openModelFile(): Promise<OpenedFile | null>;

  /**
   * Saves a model file. Without a handle, or with `saveAs`, the user picks where. A host that can
   * tell refuses to overwrite a file changed on disk since it was opened or last saved, unless
   * `overwriteChanged` is set: the result is then `{ status: 'changed-on-disk' }`.
   */
  saveModelFile(request: SaveModelRequest): Promise<SaveResult>;

  /** Asks the user for config files, or a whole folder, to import. Null when cancelled. */
  pickImportFiles(request: { folder: boolean }): Promise<PickedFiles | null>;

  /** Saves an export (docx, Markdown, SARIF, profiles…) where the user chooses. */
  saveExport(request: SaveExportRequest): Promise<SaveResult>;

  /** Tells the host the window title and whether there are unsaved changes (close prompt). */
  setDocumentState(state: DocumentState): void;

  /** Opens an https URL from the host's allowlist in the system browser. */
  openExternal(url: string): Promise<boolean>;

  /** Menu commands and shortcuts the host handles natively. Returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;

  /** Files the OS asks the app to open (file association, second instance, command line). */
  onOpenFile(listener: (file: OpenedFile) => void): () => void;
}

/** An opaque reference to a file the host knows; meaningless to the renderer. */
export type FileHandle = string;

export interface OpenedFile {
  /** Null when the host cannot write back to the file (a browser upload). */
  handle: FileHandle | null;
  /** File name only, for display and for the next save's suggested name. */
  name: string;
  text: string;
}

export interface SaveModelRequest {
  handle: FileHandle | null;
  suggestedName: string;
  text: string;
  saveAs?: boolean;
  overwriteChanged?: boolean;
}

export type SaveResult =
  | { status: 'saved'; handle: FileHandle | null; name: string }
  | { status: 'cancelled' }
  | { status: 'changed-on-disk'; name: string }
  | { status: 'failed'; message: string };

export interface PickedFiles {
  /** Paths relative to the picked folder (or bare file names), forward slashes. */
  files: PickedFile[];
  /** Files left out (too large, unreadable, symlink loops), with the reason. */
  skipped: { path: string; reason: string }[];
}

export interface PickedFile {
  path: string;
  bytes: Uint8Array;
}

export interface SaveExportRequest {
  suggestedName: string;
  mimeType: string;
  data: string | Uint8Array;
}

export interface DocumentState {
  title: string;
  dirty: boolean;
}

export const MENU_COMMANDS = [
  'new',
  'open',
  'import',
  'save',
  'save-as',
  'close',
  'export:docx',
  'export:markdown',
  'export:html',
  'export:json',
  'export:sarif',
  'export:csv',
  'export:threat-dragon',
  'export:seccomp',
  'export:apparmor',
  'export:harden',
  'undo',
  'redo',
  'select-all',
  'fit',
  'zoom-in',
  'zoom-out',
  'zoom-reset',
  'presenter',
  'about',
  'help',
] as const;

export type MenuCommand = (typeof MENU_COMMANDS)[number];

export function isMenuCommand(value: unknown): value is MenuCommand {
  return typeof value === 'string' && (MENU_COMMANDS as readonly string[]).includes(value);
}
