import { isAppUrl } from '../shared/app-origin';

/** The parts of a frame that identify who sent an IPC message. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: SenderFrame | null;
}

export interface SenderEvent<S = unknown> {
  readonly sender: S;
  readonly senderFrame: SenderFrame | null;
}

/**
 * True only for the top frame of a page served from `app://bundle`, in one of the app's own
 * windows. A subframe, a page that navigated elsewhere, or a frame already gone is refused.
 */
export function isTrustedSender<S>(event: SenderEvent<S>, isAppWindow: (sender: S) => boolean): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return false;
  if (frame.parent !== null) return false;
  return isAppUrl(frame.url) && isAppWindow(event.sender);
}

export class UntrustedSenderError extends Error {
  constructor() {
    super('refused: the request did not come from the app');
    this.name = 'UntrustedSenderError';
  }
}
