import { INVOKE_CHANNELS, type InvokeMethod } from '../shared/ipc-channels';
import { isSafeExternal } from './external-links';
import type { HostServices } from './host-services';
import {
  parseDocumentState,
  parseNoArguments,
  parsePickImportRequest,
  parseSaveExportRequest,
  parseSaveModelRequest,
  parseUrl,
  singleArgument,
} from './ipc-payloads';
import { isTrustedSender, UntrustedSenderError, type SenderEvent } from './ipc-sender';

export type IpcHandler<S> = (event: SenderEvent<S>, ...args: unknown[]) => Promise<unknown>;

/** The part of `ipcMain` the handlers are registered on. */
export interface IpcMainLike<S> {
  handle(channel: string, listener: IpcHandler<S>): void;
}

/**
 * One handler per bridge method. Each first checks that the sender is the app's own top frame,
 * then that the payload has the expected shape and size, and only then acts.
 */
export function createIpcHandlers<S>(
  services: HostServices<S>,
  isAppWindow: (sender: S) => boolean,
): Record<InvokeMethod, IpcHandler<S>> {
  const guarded =
    (act: (sender: S, args: readonly unknown[]) => Promise<unknown> | unknown): IpcHandler<S> =>
    async (event, ...args) => {
      if (!isTrustedSender(event, isAppWindow)) throw new UntrustedSenderError();
      return act(event.sender, args);
    };

  return {
    openModelFile: guarded((sender, args) => {
      parseNoArguments(args);
      return services.openModelFile(sender);
    }),
    saveModelFile: guarded((sender, args) =>
      services.saveModelFile(sender, parseSaveModelRequest(singleArgument(args))),
    ),
    pickImportFiles: guarded((sender, args) =>
      services.pickImportFiles(sender, parsePickImportRequest(singleArgument(args))),
    ),
    saveExport: guarded((sender, args) =>
      services.saveExport(sender, parseSaveExportRequest(singleArgument(args))),
    ),
    setDocumentState: guarded((sender, args) => {
      services.setDocumentState(sender, parseDocumentState(singleArgument(args)));
    }),
    openExternal: guarded(async (_sender, args) => {
      const url = parseUrl(singleArgument(args));
      return isSafeExternal(url) ? services.openExternal(url) : false;
    }),
  };
}

export function registerIpcHandlers<S>(
  ipcMain: IpcMainLike<S>,
  handlers: Record<InvokeMethod, IpcHandler<S>>,
): void {
  for (const method of Object.keys(INVOKE_CHANNELS) as InvokeMethod[]) {
    ipcMain.handle(INVOKE_CHANNELS[method], handlers[method]);
  }
}
