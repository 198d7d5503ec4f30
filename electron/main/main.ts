/**
 * The desktop app's main process: wires the factories in this folder to the real Electron APIs.
 * This is the only main-process file that imports `electron` at run time.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  shell,
  type WebContents,
} from 'electron';
import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MenuCommand } from '../../renderer/platform/host-bridge';
import { APP_ENTRY_URL, APP_SCHEME } from '../shared/app-origin';
import { EVENT_CHANNELS } from '../shared/ipc-channels';
import { createAppProtocolHandler, registerAppScheme } from './app-protocol';
import { writeFileAtomic } from './atomic-write';
import { guardClose, type CloseGuard } from './close-guard';
import { createWindow } from './create-window';
import { createDialogs } from './dialogs';
import { createFileStore } from './file-store';
import { createHostServices } from './host-services';
import { readImportSelection } from './import-reader';
import { createIpcHandlers, registerIpcHandlers } from './ipc-handlers';
import { buildMenuTemplate } from './menu';
import { applyNavigationPolicy, applyPermissionPolicy } from './navigation-policy';
import { RecentDocuments } from './recent-documents';
import { createOpenQueue, enforceSingleInstance, modelPathsFromArgv } from './single-instance';

const here = dirname(fileURLToPath(import.meta.url));
const rendererRoot = join(here, '../renderer');
const preloadPath = join(here, '../preload/preload.cjs');
const recentFile = join(app.getPath('userData'), 'recent-documents.json');

let mainWindow: BrowserWindow | null = null;
let closeGuard: CloseGuard | null = null;

// Both must happen before the app is ready.
registerAppScheme(protocol);
app.enableSandbox();

const recent = new RecentDocuments(loadRecent());

const store = createFileStore({
  fs,
  newId: () => randomUUID(),
  onRecent: (path) => {
    app.addRecentDocument(path);
    recent.add(path);
    saveRecent();
    updateMenu();
  },
});

const openQueue = createOpenQueue((path) => {
  store.open(path).then(
    (file) => mainWindow?.webContents.send(EVENT_CHANNELS.onOpenFile, file),
    (error: unknown) => dialog.showErrorBox('Cannot open the model', (error as Error).message),
  );
});

const isPrimary = enforceSingleInstance({
  app,
  openPath: (path) => openQueue.push(path),
  focus: () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  },
});

if (isPrimary) {
  const argv = process.argv.slice(app.isPackaged ? 1 : 2);
  for (const path of modelPathsFromArgv(argv, process.cwd())) openQueue.push(path);

  app.on('web-contents-created', (_event, contents) => {
    applyNavigationPolicy(contents as Parameters<typeof applyNavigationPolicy>[0], openExternal);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (mainWindow === null && app.isReady()) openMainWindow();
  });

  void app.whenReady().then(() => {
    applyPermissionPolicy(session.defaultSession);
    protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererRoot, fs));

    const dialogs = createDialogs(dialog);
    const services = createHostServices<WebContents, BrowserWindow>({
      dialogs,
      store,
      windowFor: (sender) => BrowserWindow.fromWebContents(sender) ?? mainWindow!,
      readImport: (paths, folder) => readImportSelection(paths, folder),
      setDocumentState: (_sender, state) => closeGuard?.setDocumentState(state),
      openExternal: (url) => shell.openExternal(url),
    });
    registerIpcHandlers(ipcMain, createIpcHandlers(services, isAppWindow));

    updateMenu();
    openMainWindow();
  });
}

function isAppWindow(sender: WebContents): boolean {
  return mainWindow !== null && !mainWindow.isDestroyed() && sender === mainWindow.webContents;
}

function openMainWindow(): void {
  const window = createWindow(BrowserWindow, { preloadPath, devTools: !app.isPackaged });
  mainWindow = window;
  closeGuard = guardClose(window, {
    showMessageBox: (owner, options) => dialog.showMessageBox(owner, options),
    sendMenuCommand: (owner, command) => owner.webContents.send(EVENT_CHANNELS.onMenuCommand, command),
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('did-finish-load', () => openQueue.ready());
  window.on('closed', () => {
    if (mainWindow === window) {
      mainWindow = null;
      closeGuard = null;
    }
  });
  void window.loadURL(APP_ENTRY_URL);
}

function sendMenuCommand(command: MenuCommand): void {
  if (mainWindow === null) {
    if (command === 'new' || command === 'open') openMainWindow();
    return;
  }
  mainWindow.webContents.send(EVENT_CHANNELS.onMenuCommand, command);
}

function openExternal(url: string): void {
  void shell.openExternal(url).catch(() => undefined);
}

function updateMenu(): void {
  if (!app.isReady()) return;
  const template = buildMenuTemplate({
    platform: process.platform,
    appName: app.getName(),
    send: sendMenuCommand,
    recentDocuments: recent.documents,
    openRecent: (path) => {
      if (mainWindow === null) openMainWindow();
      openQueue.push(path);
    },
    clearRecent: () => {
      app.clearRecentDocuments();
      recent.clear();
      saveRecent();
      updateMenu();
    },
    devTools: !app.isPackaged,
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function loadRecent(): string[] {
  try {
    const value: unknown = JSON.parse(readFileSync(recentFile, 'utf8'));
    return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
  } catch {
    return [];
  }
}

function saveRecent(): void {
  void fs
    .mkdir(dirname(recentFile), { recursive: true })
    .then(() => writeFileAtomic(fs, recentFile, JSON.stringify(recent.paths), randomUUID()))
    .catch(() => undefined);
}
