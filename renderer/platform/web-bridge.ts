import type {
  DocumentState,
  HostBridge,
  MenuCommand,
  OpenedFile,
  PickedFiles,
  SaveExportRequest,
  SaveModelRequest,
  SaveResult,
} from './host-bridge';
import { readFileList } from './read-dropped-files';

/** Accept list of the model-file picker: the native format and Threat Dragon JSON. */
const MODEL_FILE_ACCEPT = '.json,application/json';

/**
 * The host bridge of the web build: file pickers through `<input type=file>` (with
 * `webkitdirectory` for folders), saving through downloads of blob URLs. A browser cannot write
 * back to an uploaded file, so handles are always null and every save is a download.
 */
export function createWebBridge(doc: Document = document): HostBridge {
  const pick = (options: { accept?: string; multiple?: boolean; folder?: boolean }): Promise<File[] | null> =>
    new Promise((resolve) => {
      const input = doc.createElement('input');
      input.type = 'file';
      input.hidden = true;
      input.dataset['testid'] = options.folder ? 'folder-input' : 'file-input';
      if (options.accept) input.accept = options.accept;
      if (options.multiple) input.multiple = true;
      if (options.folder) input.webkitdirectory = true;
      let settled = false;
      const finish = (files: File[] | null) => {
        if (settled) return;
        settled = true;
        input.remove();
        resolve(files);
      };
      input.addEventListener('change', () => finish(input.files ? Array.from(input.files) : null));
      input.addEventListener('cancel', () => finish(null));
      doc.body.append(input);
      input.click();
    });

  const download = (name: string, data: string | Uint8Array, mimeType: string): SaveResult => {
    try {
      const part: BlobPart = typeof data === 'string' ? data : new Uint8Array(data);
      const url = URL.createObjectURL(new Blob([part], { type: mimeType }));
      const anchor = doc.createElement('a');
      anchor.href = url;
      anchor.download = name;
      anchor.hidden = true;
      doc.body.append(anchor);
      anchor.click();
      anchor.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      return { status: 'saved', handle: null, name };
    } catch (error) {
      return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
    }
  };

  return {
    host: 'web',
    async openModelFile(): Promise<OpenedFile | null> {
      const files = await pick({ accept: MODEL_FILE_ACCEPT });
      const file = files?.[0];
      if (!file) return null;
      return { handle: null, name: file.name, text: await file.text() };
    },
    async saveModelFile(request: SaveModelRequest): Promise<SaveResult> {
      return download(request.suggestedName, request.text, 'application/json');
    },
    async pickImportFiles(request: { folder: boolean }): Promise<PickedFiles | null> {
      const files = await pick({ multiple: true, folder: request.folder });
      if (!files || files.length === 0) return null;
      return readFileList(files);
    },
    async saveExport(request: SaveExportRequest): Promise<SaveResult> {
      return download(request.suggestedName, request.data, request.mimeType);
    },
    setDocumentState(state: DocumentState): void {
      doc.title = state.dirty ? `• ${state.title}` : state.title;
    },
    async openExternal(): Promise<boolean> {
      // The web build opens no other sites: nothing leaves the page.
      return false;
    },
    onMenuCommand(_listener: (command: MenuCommand) => void): () => void {
      return () => {};
    },
    onOpenFile(_listener: (file: OpenedFile) => void): () => void {
      return () => {};
    },
  };
}
