import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptions {
  /** Absolute path of the bundled preload script. */
  preloadPath: string;
  /** Developer tools only in unpackaged builds. */
  devTools: boolean;
  /** Window icon (Linux and Windows; macOS takes it from the app bundle). */
  icon?: string;
}

/**
 * Creates the app window with the hardened renderer settings. The web preferences are written out
 * literally here, not spread from elsewhere, so reviewers and scanners see every one of them.
 */
export function createWindow<W>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  { preloadPath, devTools, icon }: WindowOptions,
): W {
  return new BrowserWindow({
    title: 'Rampart',
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    show: false,
    backgroundColor: '#f6f7f9',
    ...(icon === undefined ? {} : { icon }),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools,
    },
  });
}
