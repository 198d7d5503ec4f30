/**
 * The sandboxed preload: implements the renderer's `HostBridge` over `ipcRenderer.invoke` and
 * exposes it as `window.rampart`. It exposes no Electron object, no generic send/invoke/on and
 * nothing of `process`; listeners never see the IPC event and get an unsubscribe function back.
 * Sandboxed preloads can only `require('electron')`, so this is bundled into one CommonJS file.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  isMenuCommand,
  type HostBridge,
  type MenuCommand,
  type OpenedFile,
} from '../../renderer/platform/host-bridge';
import { EVENT_CHANNELS, INVOKE_CHANNELS, type EventChannel } from '../shared/ipc-channels';

function subscribe<T>(
  channel: EventChannel,
  accept: (value: unknown) => value is T,
  listener: (value: T) => void,
): () => void {
  const wrapper = (_event: IpcRendererEvent, value: unknown): void => {
    if (accept(value)) listener(value);
  };
  ipcRenderer.on(channel, wrapper);
  return () => {
    ipcRenderer.removeListener(channel, wrapper);
  };
}

function isOpenedFile(value: unknown): value is OpenedFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Record<string, unknown>;
  return (
    (file.handle === null || typeof file.handle === 'string') &&
    typeof file.name === 'string' &&
    typeof file.text === 'string'
  );
}

const api: HostBridge = {
  host: 'electron',
  openModelFile: () => ipcRenderer.invoke(INVOKE_CHANNELS.openModelFile),
  // Requests are rebuilt field by field so only the documented fields cross to the main process.
  saveModelFile: (request) =>
    ipcRenderer.invoke(INVOKE_CHANNELS.saveModelFile, {
      handle: request.handle,
      suggestedName: request.suggestedName,
      text: request.text,
      ...(request.saveAs === undefined ? {} : { saveAs: request.saveAs }),
      ...(request.overwriteChanged === undefined ? {} : { overwriteChanged: request.overwriteChanged }),
    }),
  pickImportFiles: (request) =>
    ipcRenderer.invoke(INVOKE_CHANNELS.pickImportFiles, { folder: request.folder }),
  saveExport: (request) =>
    ipcRenderer.invoke(INVOKE_CHANNELS.saveExport, {
      suggestedName: request.suggestedName,
      mimeType: request.mimeType,
      data: request.data,
    }),
  setDocumentState: (state) => {
    ipcRenderer
      .invoke(INVOKE_CHANNELS.setDocumentState, { title: state.title, dirty: state.dirty })
      .catch(() => undefined);
  },
  openExternal: (url) => ipcRenderer.invoke(INVOKE_CHANNELS.openExternal, url),
  onMenuCommand: (listener: (command: MenuCommand) => void) =>
    subscribe(EVENT_CHANNELS.onMenuCommand, isMenuCommand, listener),
  onOpenFile: (listener: (file: OpenedFile) => void) =>
    subscribe(EVENT_CHANNELS.onOpenFile, isOpenedFile, listener),
};

contextBridge.exposeInMainWorld('rampart', api);

/** The type of `window.rampart`; the renderer imports only this type. */
export type RampartBridge = typeof api;
