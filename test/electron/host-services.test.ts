import { describe, expect, it, vi } from 'vitest';
import { createDialogs, withModelExtension, type DialogApi } from '../../electron/main/dialogs';
import type { FileStore } from '../../electron/main/file-store';
import { createHostServices } from '../../electron/main/host-services';

const saved = { status: 'saved', handle: 'h', name: 'a.rampart.json' } as const;

function setup(savePath: string | null = '/m/new.rampart.json') {
  const store = {
    open: vi.fn(async () => ({ handle: 'h', name: 'a.rampart.json', text: '{}' })),
    save: vi.fn(async () => saved),
    saveAs: vi.fn(async () => saved),
    writeExport: vi.fn(async () => ({ status: 'saved', handle: null, name: 'r.md' }) as const),
    has: vi.fn((handle: string) => handle === 'known'),
  } satisfies FileStore;
  const dialogs = {
    chooseModelToOpen: vi.fn(async () => '/m/a.rampart.json'),
    chooseModelSavePath: vi.fn(async () => savePath),
    chooseExportSavePath: vi.fn(async () => savePath),
    chooseImport: vi.fn(async () => ['/configs']),
  };
  const services = createHostServices({
    dialogs,
    store,
    windowFor: () => 'window',
    readImport: vi.fn(async () => ({ files: [], skipped: [] })),
    setDocumentState: vi.fn(),
    openExternal: vi.fn(async () => undefined),
  });
  return { services, store, dialogs };
}

describe('host services', () => {
  it('saves to a known handle without asking where', async () => {
    const { services, store, dialogs } = setup();
    await services.saveModelFile('s', {
      handle: 'known',
      suggestedName: 'a',
      text: 'x',
      overwriteChanged: true,
    });
    expect(store.save).toHaveBeenCalledWith('known', 'x', { overwriteChanged: true });
    expect(dialogs.chooseModelSavePath).not.toHaveBeenCalled();
  });

  it.each([
    ['no handle', { handle: null }],
    ['an unknown handle', { handle: 'forged' }],
    ['Save As', { handle: 'known', saveAs: true }],
  ])('asks where to save with %s', async (_label, extra) => {
    const { services, store, dialogs } = setup();
    await services.saveModelFile('s', { suggestedName: 'shop', text: 'x', ...extra });
    expect(dialogs.chooseModelSavePath).toHaveBeenCalledWith('window', 'shop');
    expect(store.saveAs).toHaveBeenCalledWith('/m/new.rampart.json', 'x');
    expect(store.save).not.toHaveBeenCalled();
  });

  it('reports a cancelled dialog as cancelled', async () => {
    const { services, store } = setup(null);
    expect(await services.saveModelFile('s', { handle: null, suggestedName: 'a', text: '' })).toEqual({
      status: 'cancelled',
    });
    expect(
      await services.saveExport('s', { suggestedName: 'r.md', mimeType: 'text/markdown', data: '' }),
    ).toEqual({
      status: 'cancelled',
    });
    expect(store.saveAs).not.toHaveBeenCalled();
    expect(store.writeExport).not.toHaveBeenCalled();
  });

  it('answers false when the system browser cannot be opened', async () => {
    const failing = createHostServices({
      ...({} as Parameters<typeof createHostServices>[0]),
      openExternal: () => Promise.reject(new Error('no browser')),
    });
    expect(await failing.openExternal('https://github.com/')).toBe(false);
  });
});

describe('dialogs', () => {
  it('appends the model extension when the user typed a bare name', () => {
    expect(withModelExtension('shop')).toBe('shop.rampart.json');
    expect(withModelExtension('shop.rampart.json')).toBe('shop.rampart.json');
    expect(withModelExtension('legacy.JSON')).toBe('legacy.JSON');
  });

  it('opens the import dialog for a folder or for several files', async () => {
    const showOpenDialog = vi.fn(async () => ({ canceled: false, filePaths: ['/x'] }));
    const api: DialogApi<string> = { showOpenDialog, showSaveDialog: vi.fn() };
    const dialogs = createDialogs(api);
    await dialogs.chooseImport('w', true);
    await dialogs.chooseImport('w', false);
    expect(showOpenDialog.mock.calls.map((c) => (c as unknown[])[1])).toMatchObject([
      { properties: ['openDirectory'] },
      { properties: ['openFile', 'multiSelections'] },
    ]);
  });

  it('offers the export extension that matches the media type', async () => {
    const showSaveDialog = vi.fn(async () => ({ canceled: false, filePath: '/r.sarif' }));
    const dialogs = createDialogs<string>({ showOpenDialog: vi.fn(), showSaveDialog });
    expect(await dialogs.chooseExportSavePath('w', 'r.sarif', 'application/sarif+json')).toBe('/r.sarif');
    expect(showSaveDialog).toHaveBeenCalledWith(
      'w',
      expect.objectContaining({ filters: [{ name: 'SARIF', extensions: ['sarif'] }] }),
    );
  });
});
