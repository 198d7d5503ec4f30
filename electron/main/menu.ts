import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../../renderer/platform/host-bridge';

/** Menu labels of the export formats, in menu order. */
export const EXPORT_LABELS: Readonly<Record<Extract<MenuCommand, `export:${string}`>, string>> = {
  'export:docx': 'Word document (.docx)…',
  'export:markdown': 'Markdown…',
  'export:html': 'HTML…',
  'export:json': 'JSON…',
  'export:sarif': 'SARIF…',
  'export:csv': 'CSV…',
  'export:threat-dragon': 'Threat Dragon model…',
  'export:seccomp': 'seccomp profiles…',
  'export:apparmor': 'AppArmor profiles…',
  'export:harden': 'Hardened configs…',
};

export interface RecentDocument {
  name: string;
  path: string;
}

export interface MenuDeps {
  platform: NodeJS.Platform;
  appName: string;
  /** Sends a command to the renderer. */
  send(command: MenuCommand): void;
  /** Windows and Linux only: macOS keeps its own list through `app.addRecentDocument`. */
  recentDocuments: readonly RecentDocument[];
  openRecent(path: string): void;
  clearRecent(): void;
  /** Adds Toggle Developer Tools (unpackaged builds only). */
  devTools: boolean;
}

/**
 * The native menu. Every item that acts on the model sends a `MenuCommand` to the renderer, which
 * owns the document; clipboard, window and full-screen items use Electron's built-in roles.
 */
export function buildMenuTemplate(deps: MenuDeps): MenuItemConstructorOptions[] {
  const mac = deps.platform === 'darwin';
  const command = (label: string, name: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    id: name,
    ...(accelerator === undefined ? {} : { accelerator }),
    click: () => deps.send(name),
  });

  const exportItems = (Object.keys(EXPORT_LABELS) as (keyof typeof EXPORT_LABELS)[]).map((name) =>
    command(EXPORT_LABELS[name], name),
  );

  const openRecent: MenuItemConstructorOptions = mac
    ? { label: 'Open Recent', role: 'recentDocuments', submenu: [{ role: 'clearRecentDocuments' }] }
    : {
        label: 'Open Recent',
        submenu:
          deps.recentDocuments.length === 0
            ? [{ label: 'No recent models', enabled: false }]
            : [
                ...deps.recentDocuments.map((doc): MenuItemConstructorOptions => ({
                  label: doc.name,
                  click: () => deps.openRecent(doc.path),
                })),
                { type: 'separator' },
                { label: 'Clear Menu', click: () => deps.clearRecent() },
              ],
      };

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      command('New', 'new', 'CmdOrCtrl+N'),
      command('Open…', 'open', 'CmdOrCtrl+O'),
      openRecent,
      { type: 'separator' },
      command('Import configs…', 'import', 'CmdOrCtrl+I'),
      { type: 'separator' },
      command('Save', 'save', 'CmdOrCtrl+S'),
      command('Save As…', 'save-as', 'Shift+CmdOrCtrl+S'),
      { label: 'Export', submenu: exportItems },
      { type: 'separator' },
      command('Close', 'close', 'CmdOrCtrl+W'),
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'quit', label: 'Exit' } as const]),
    ],
  };

  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      command('Undo', 'undo', 'CmdOrCtrl+Z'),
      command('Redo', 'redo', mac ? 'Shift+Cmd+Z' : 'Ctrl+Y'),
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      command('Select All', 'select-all', 'CmdOrCtrl+A'),
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      command('Zoom In', 'zoom-in', 'CmdOrCtrl+='),
      command('Zoom Out', 'zoom-out', 'CmdOrCtrl+-'),
      command('Actual Size', 'zoom-reset', 'CmdOrCtrl+0'),
      command('Fit to Window', 'fit', 'CmdOrCtrl+1'),
      { type: 'separator' },
      command('Presenter Mode', 'presenter', 'F5'),
      { role: 'togglefullscreen' },
      ...(deps.devTools ? [{ type: 'separator' } as const, { role: 'toggleDevTools' } as const] : []),
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [
      command('Documentation', 'help', mac ? undefined : 'F1'),
      ...(mac ? [] : [{ type: 'separator' } as const, command(`About ${deps.appName}`, 'about')]),
    ],
  };

  const appMenu: MenuItemConstructorOptions = {
    label: deps.appName,
    submenu: [
      command(`About ${deps.appName}`, 'about'),
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };

  const window: MenuItemConstructorOptions = { role: 'windowMenu' };

  return mac ? [appMenu, file, edit, view, window, help] : [file, edit, view, help];
}
