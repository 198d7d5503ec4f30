import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { MENU_COMMANDS, type MenuCommand } from '../../renderer/platform/host-bridge';
import { buildMenuTemplate, type MenuDeps } from '../../electron/main/menu';

function build(overrides: Partial<MenuDeps> = {}) {
  const send = vi.fn<(command: MenuCommand) => void>();
  const deps: MenuDeps = {
    platform: 'linux',
    appName: 'Rampart',
    send,
    recentDocuments: [],
    openRecent: vi.fn(),
    clearRecent: vi.fn(),
    devTools: false,
    ...overrides,
  };
  return { template: buildMenuTemplate(deps), send, deps };
}

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function click(item: MenuItemConstructorOptions): void {
  (item.click as () => void)();
}

describe.each(['linux', 'win32', 'darwin'] as const)('menu on %s', (platform) => {
  it('reaches every menu command, each sending exactly that command', () => {
    const { template, send } = build({ platform });
    const byId = new Map(
      flatten(template)
        .filter((i) => i.id)
        .map((i) => [i.id!, i]),
    );
    for (const command of MENU_COMMANDS) {
      const item = byId.get(command);
      expect(item, command).toBeDefined();
      send.mockClear();
      click(item!);
      expect(send).toHaveBeenCalledExactlyOnceWith(command);
    }
  });

  it('offers every export format under File ▸ Export', () => {
    const { template } = build({ platform });
    const file = template.find((m) => m.label === '&File')!;
    const exportMenu = (file.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Export')!;
    expect((exportMenu.submenu as MenuItemConstructorOptions[]).map((i) => i.id)).toEqual(
      MENU_COMMANDS.filter((c) => c.startsWith('export:')),
    );
  });

  it('uses platform accelerators without duplicates', () => {
    const { template } = build({ platform });
    const items = flatten(template);
    const accelerators = items.map((i) => i.accelerator).filter(Boolean);
    expect(new Set(accelerators).size).toBe(accelerators.length);
    const redo = items.find((i) => i.id === 'redo')!;
    expect(redo.accelerator).toBe(platform === 'darwin' ? 'Shift+Cmd+Z' : 'Ctrl+Y');
    expect(items.find((i) => i.id === 'save')!.accelerator).toBe('CmdOrCtrl+S');
    expect(items.some((i) => i.role === 'togglefullscreen')).toBe(true);
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false);
  });
});

describe('menu details', () => {
  it('has the application menu first on macOS only', () => {
    expect(build({ platform: 'darwin' }).template[0]!.label).toBe('Rampart');
    expect(build({ platform: 'linux' }).template[0]!.label).toBe('&File');
  });

  it('lists recent models on Windows and Linux and opens the clicked one', () => {
    const openRecent = vi.fn();
    const { template } = build({
      platform: 'win32',
      openRecent,
      recentDocuments: [{ name: 'shop.rampart.json', path: 'C:\\models\\shop.rampart.json' }],
    });
    const recent = flatten(template).find((i) => i.label === 'Open Recent')!;
    const entries = recent.submenu as MenuItemConstructorOptions[];
    click(entries[0]!);
    expect(entries[0]!.label).toBe('shop.rampart.json');
    expect(openRecent).toHaveBeenCalledWith('C:\\models\\shop.rampart.json');
  });

  it('uses the system recent documents list on macOS', () => {
    const recent = flatten(build({ platform: 'darwin' }).template).find((i) => i.label === 'Open Recent')!;
    expect(recent.role).toBe('recentDocuments');
  });

  it('adds developer tools only when allowed', () => {
    const items = flatten(build({ devTools: true }).template);
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
