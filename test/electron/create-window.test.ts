import { describe, expect, it } from 'vitest';
import type { BrowserWindowConstructorOptions } from 'electron';
import { createWindow } from '../../electron/main/create-window';

class FakeBrowserWindow {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

describe('createWindow', () => {
  it('passes exactly the hardened web preferences', () => {
    const window = createWindow(FakeBrowserWindow, {
      preloadPath: '/app/out/preload/preload.cjs',
      devTools: false,
    });
    expect(window.options.webPreferences).toStrictEqual({
      preload: '/app/out/preload/preload.cjs',
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
      devTools: false,
    });
  });

  it('stays hidden until the first paint and allows developer tools only when asked', () => {
    const window = createWindow(FakeBrowserWindow, { preloadPath: '/p.cjs', devTools: true });
    expect(window.options.show).toBe(false);
    expect(window.options.webPreferences?.devTools).toBe(true);
    expect(window.options.webPreferences?.sandbox).toBe(true);
  });
});
