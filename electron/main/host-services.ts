import type {
  DocumentState,
  OpenedFile,
  PickedFiles,
  SaveExportRequest,
  SaveModelRequest,
  SaveResult,
} from '../../renderer/platform/host-bridge';
import type { Dialogs } from './dialogs';
import type { FileStore } from './file-store';

/** What each bridge method does once its request has been checked; `S` identifies the caller. */
export interface HostServices<S> {
  openModelFile(sender: S): Promise<OpenedFile | null>;
  saveModelFile(sender: S, request: SaveModelRequest): Promise<SaveResult>;
  pickImportFiles(sender: S, request: { folder: boolean }): Promise<PickedFiles | null>;
  saveExport(sender: S, request: SaveExportRequest): Promise<SaveResult>;
  setDocumentState(sender: S, state: DocumentState): void;
  /** Called only with URLs that passed `isSafeExternal`. */
  openExternal(url: string): Promise<boolean>;
}

export interface HostServiceDeps<S, W> {
  dialogs: Dialogs<W>;
  store: FileStore;
  /** The window that owns the dialogs for a caller. */
  windowFor(sender: S): W;
  readImport(paths: string[], folder: boolean): Promise<PickedFiles>;
  setDocumentState(sender: S, state: DocumentState): void;
  openExternal(url: string): Promise<void>;
}

export function createHostServices<S, W>(deps: HostServiceDeps<S, W>): HostServices<S> {
  const { dialogs, store } = deps;
  return {
    async openModelFile(sender) {
      const path = await dialogs.chooseModelToOpen(deps.windowFor(sender));
      return path === null ? null : store.open(path);
    },

    async saveModelFile(sender, request) {
      if (request.handle !== null && !request.saveAs && store.has(request.handle)) {
        return store.save(request.handle, request.text, {
          overwriteChanged: request.overwriteChanged === true,
        });
      }
      const path = await dialogs.chooseModelSavePath(deps.windowFor(sender), request.suggestedName);
      return path === null ? { status: 'cancelled' } : store.saveAs(path, request.text);
    },

    async pickImportFiles(sender, request) {
      const paths = await dialogs.chooseImport(deps.windowFor(sender), request.folder);
      return paths === null ? null : deps.readImport(paths, request.folder);
    },

    async saveExport(sender, request) {
      const path = await dialogs.chooseExportSavePath(
        deps.windowFor(sender),
        request.suggestedName,
        request.mimeType,
      );
      return path === null ? { status: 'cancelled' } : store.writeExport(path, request.data);
    },

    setDocumentState: deps.setDocumentState,

    async openExternal(url) {
      try {
        await deps.openExternal(url);
        return true;
      } catch {
        return false;
      }
    },
  };
}
