import type { HostBridge } from './host-bridge';
import { createWebBridge } from './web-bridge';

declare global {
  interface Window {
    /** The desktop app's preload exposes its bridge here; absent in a browser. */
    rampart?: HostBridge;
  }
}

/** The bridge of the host the renderer runs in: the desktop preload's, else the web one. */
export function selectHostBridge(scope: Window = window): HostBridge {
  return scope.rampart ?? createWebBridge(scope.document);
}
