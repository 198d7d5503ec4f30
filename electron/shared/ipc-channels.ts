import type { HostBridge } from '../../renderer/platform/host-bridge';

/** Bridge methods the renderer calls; each is one `ipcRenderer.invoke` channel with one handler. */
export type InvokeMethod = Exclude<keyof HostBridge, 'host' | 'onMenuCommand' | 'onOpenFile'>;

/** Bridge subscriptions; each is one channel the main process sends on. */
export type EventMethod = Extract<keyof HostBridge, 'onMenuCommand' | 'onOpenFile'>;

/** Invoke channels, keyed by the `HostBridge` method they implement. */
export const INVOKE_CHANNELS = {
  openModelFile: 'rampart:open-model-file',
  saveModelFile: 'rampart:save-model-file',
  pickImportFiles: 'rampart:pick-import-files',
  saveExport: 'rampart:save-export',
  setDocumentState: 'rampart:set-document-state',
  openExternal: 'rampart:open-external',
} as const satisfies Record<InvokeMethod, string>;

/** Channels from main to renderer, keyed by the `HostBridge` subscription they feed. */
export const EVENT_CHANNELS = {
  onMenuCommand: 'rampart:menu-command',
  onOpenFile: 'rampart:open-file',
} as const satisfies Record<EventMethod, string>;

export type InvokeChannel = (typeof INVOKE_CHANNELS)[InvokeMethod];
export type EventChannel = (typeof EVENT_CHANNELS)[EventMethod];
