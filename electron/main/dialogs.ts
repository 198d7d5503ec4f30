/** The parts of Electron's `dialog` module the app uses; the owner window is supplied per call. */
export interface DialogApi<W> {
  showOpenDialog(
    window: W,
    options: {
      title?: string;
      properties: ('openFile' | 'openDirectory' | 'multiSelections')[];
      filters?: { name: string; extensions: string[] }[];
    },
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(
    window: W,
    options: { title?: string; defaultPath?: string; filters?: { name: string; extensions: string[] }[] },
  ): Promise<{ canceled: boolean; filePath?: string }>;
}

export const MODEL_EXTENSION = '.rampart.json';

const MODEL_FILTERS = [
  { name: 'Rampart model', extensions: ['json'] },
  { name: 'All files', extensions: ['*'] },
];

/** File-name extensions offered in the export save dialog, by media type. */
const EXPORT_EXTENSIONS: Readonly<Record<string, string>> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'text/markdown': 'md',
  'text/html': 'html',
  'application/json': 'json',
  'application/sarif+json': 'sarif',
  'text/csv': 'csv',
  'text/yaml': 'yaml',
  'application/yaml': 'yaml',
  'text/plain': 'txt',
  'application/zip': 'zip',
};

export interface Dialogs<W> {
  chooseModelToOpen(window: W): Promise<string | null>;
  chooseModelSavePath(window: W, suggestedName: string): Promise<string | null>;
  chooseExportSavePath(window: W, suggestedName: string, mimeType: string): Promise<string | null>;
  chooseImport(window: W, folder: boolean): Promise<string[] | null>;
}

export function createDialogs<W>(dialog: DialogApi<W>): Dialogs<W> {
  return {
    async chooseModelToOpen(window) {
      const result = await dialog.showOpenDialog(window, {
        title: 'Open model',
        properties: ['openFile'],
        filters: MODEL_FILTERS,
      });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseModelSavePath(window, suggestedName) {
      const result = await dialog.showSaveDialog(window, {
        title: 'Save model',
        defaultPath: withModelExtension(suggestedName),
        filters: MODEL_FILTERS,
      });
      return result.canceled || !result.filePath ? null : withModelExtension(result.filePath);
    },
    async chooseExportSavePath(window, suggestedName, mimeType) {
      const extension = EXPORT_EXTENSIONS[mimeType.split(';')[0]!.trim().toLowerCase()];
      const result = await dialog.showSaveDialog(window, {
        title: 'Export',
        defaultPath: suggestedName,
        filters: extension ? [{ name: extension.toUpperCase(), extensions: [extension] }] : [],
      });
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseImport(window, folder) {
      const result = await dialog.showOpenDialog(window, {
        title: folder ? 'Import a folder of configs' : 'Import config files',
        properties: folder ? ['openDirectory'] : ['openFile', 'multiSelections'],
      });
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
    },
  };
}

/** Model files end in `.rampart.json`; a name the user typed without it gets it appended. */
export function withModelExtension(name: string): string {
  if (name.toLowerCase().endsWith('.json')) return name;
  return `${name}${MODEL_EXTENSION}`;
}
