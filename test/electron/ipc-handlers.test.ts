import { describe, expect, it, vi } from 'vitest';
import type { SaveResult } from '../../renderer/platform/host-bridge';
import type { HostServices } from '../../electron/main/host-services';
import { createIpcHandlers, registerIpcHandlers } from '../../electron/main/ipc-handlers';
import { PAYLOAD_LIMITS } from '../../electron/main/ipc-payloads';
import type { SenderEvent, SenderFrame } from '../../electron/main/ipc-sender';
import { INVOKE_CHANNELS, type InvokeMethod } from '../../electron/shared/ipc-channels';

interface FakeSender {
  id: number;
}
const appWindow: FakeSender = { id: 1 };
const otherWindow: FakeSender = { id: 2 };

const topFrame = (url: string): SenderFrame => ({ url, parent: null });
const trusted: SenderEvent<FakeSender> = {
  sender: appWindow,
  senderFrame: topFrame('app://bundle/index.html'),
};

const saved: SaveResult = { status: 'saved', handle: 'h1', name: 'a.rampart.json' };

function setup() {
  const services = {
    openModelFile: vi.fn(async () => null),
    saveModelFile: vi.fn(async () => saved),
    pickImportFiles: vi.fn(async () => null),
    saveExport: vi.fn(async () => saved),
    setDocumentState: vi.fn(),
    openExternal: vi.fn(async () => true),
  } satisfies HostServices<FakeSender>;
  const handlers = createIpcHandlers(services, (sender) => sender === appWindow);
  return { services, handlers };
}

/** One valid argument list per method. */
const VALID: Record<InvokeMethod, unknown[]> = {
  openModelFile: [],
  saveModelFile: [{ handle: null, suggestedName: 'model.rampart.json', text: '{}' }],
  pickImportFiles: [{ folder: true }],
  saveExport: [
    { suggestedName: 'report.docx', mimeType: 'application/octet-stream', data: new Uint8Array([1]) },
  ],
  setDocumentState: [{ title: 'Shop', dirty: true }],
  openExternal: ['https://github.com/'],
};

const SERVICE_CALLED: Record<InvokeMethod, keyof HostServices<FakeSender>> = {
  openModelFile: 'openModelFile',
  saveModelFile: 'saveModelFile',
  pickImportFiles: 'pickImportFiles',
  saveExport: 'saveExport',
  setDocumentState: 'setDocumentState',
  openExternal: 'openExternal',
};

const methods = Object.keys(INVOKE_CHANNELS) as InvokeMethod[];

const subframe: SenderFrame = { url: 'app://bundle/index.html', parent: topFrame('app://bundle/index.html') };
const FOREIGN: [string, SenderEvent<FakeSender>][] = [
  ['a frame that is gone', { sender: appWindow, senderFrame: null }],
  ['a subframe of the app', { sender: appWindow, senderFrame: subframe }],
  ['a page on https', { sender: appWindow, senderFrame: topFrame('https://bundle/index.html') }],
  ['a file: page', { sender: appWindow, senderFrame: topFrame('file:///app/index.html') }],
  ['the dev server', { sender: appWindow, senderFrame: topFrame('http://localhost:5173/') }],
  ['another app: host', { sender: appWindow, senderFrame: topFrame('app://evil/index.html') }],
  ['a look-alike app: host', { sender: appWindow, senderFrame: topFrame('app://bundle.evil/index.html') }],
  ['app: with userinfo', { sender: appWindow, senderFrame: topFrame('app://bundle@evil/index.html') }],
  ['about:blank', { sender: appWindow, senderFrame: topFrame('about:blank') }],
  ['another window', { sender: otherWindow, senderFrame: topFrame('app://bundle/index.html') }],
];

describe('IPC handlers', () => {
  it('registers exactly one handler per invoke channel', () => {
    const { handlers } = setup();
    const handle = vi.fn();
    registerIpcHandlers({ handle }, handlers);
    expect(handle.mock.calls.map(([channel]) => channel).sort()).toEqual(
      Object.values(INVOKE_CHANNELS).sort(),
    );
    expect(Object.keys(handlers).sort()).toEqual([...methods].sort());
  });

  describe.each(methods)('%s', (method) => {
    it('acts for the app window with a valid payload', async () => {
      const { services, handlers } = setup();
      await handlers[method](trusted, ...VALID[method]);
      expect(services[SERVICE_CALLED[method]]).toHaveBeenCalledTimes(1);
    });

    it.each(FOREIGN)('refuses %s', async (_label, event) => {
      const { services, handlers } = setup();
      await expect(handlers[method](event, ...VALID[method])).rejects.toThrow(/did not come from the app/);
      for (const service of Object.values(services)) expect(service).not.toHaveBeenCalled();
    });

    it('refuses extra arguments', async () => {
      const { services, handlers } = setup();
      await expect(handlers[method](trusted, ...VALID[method], 'extra')).rejects.toThrow(/invalid request/);
      expect(services[SERVICE_CALLED[method]]).not.toHaveBeenCalled();
    });
  });

  const MALFORMED: [InvokeMethod, unknown[]][] = [
    ['saveModelFile', []],
    ['saveModelFile', [null]],
    ['saveModelFile', ['{}']],
    ['saveModelFile', [[]]],
    ['saveModelFile', [{ handle: null, suggestedName: 'a.json' }]],
    ['saveModelFile', [{ handle: null, suggestedName: 'a.json', text: 42 }]],
    ['saveModelFile', [{ handle: '/etc/passwd', suggestedName: 'a.json', text: '' }]],
    ['saveModelFile', [{ handle: '../x', suggestedName: 'a.json', text: '' }]],
    ['saveModelFile', [{ handle: null, suggestedName: '../../.bashrc', text: '' }]],
    ['saveModelFile', [{ handle: null, suggestedName: 'C:\\x.json', text: '' }]],
    ['saveModelFile', [{ handle: null, suggestedName: '', text: '' }]],
    ['saveModelFile', [{ handle: null, suggestedName: 'a.json', text: '', path: '/etc/passwd' }]],
    ['saveModelFile', [{ handle: null, suggestedName: 'a.json', text: '', saveAs: 'yes' }]],
    [
      'saveModelFile',
      [{ handle: null, suggestedName: 'a.json', text: 'x'.repeat(PAYLOAD_LIMITS.maxModelChars + 1) }],
    ],
    [
      'saveModelFile',
      [Object.assign(Object.create({ polluted: true }), { handle: null, suggestedName: 'a', text: '' })],
    ],
    ['pickImportFiles', [{}]],
    ['pickImportFiles', [{ folder: 'true' }]],
    ['pickImportFiles', [{ folder: true, path: '/' }]],
    ['saveExport', [{ suggestedName: 'a.docx', mimeType: 'not a type', data: '' }]],
    ['saveExport', [{ suggestedName: 'a.docx', mimeType: 'text/plain', data: 42 }]],
    ['saveExport', [{ suggestedName: 'a.docx', mimeType: 'text/plain', data: [1, 2] }]],
    ['saveExport', [{ suggestedName: '/tmp/a.docx', mimeType: 'text/plain', data: '' }]],
    ['saveExport', [{ suggestedName: 'a.docx', mimeType: 'text/plain' }]],
    ['setDocumentState', [{ title: 'x' }]],
    ['setDocumentState', [{ title: 1, dirty: false }]],
    ['setDocumentState', [{ title: 'x'.repeat(PAYLOAD_LIMITS.maxTitleChars + 1), dirty: false }]],
    ['openExternal', [{ url: 'https://github.com/' }]],
    ['openExternal', [`https://github.com/${'a'.repeat(PAYLOAD_LIMITS.maxUrlChars)}`]],
    ['openModelFile', [{}]],
  ];

  it.each(MALFORMED)('%s refuses the malformed payload %#', async (method, args) => {
    const { services, handlers } = setup();
    await expect(handlers[method](trusted, ...args)).rejects.toThrow(/invalid request/);
    for (const service of Object.values(services)) expect(service).not.toHaveBeenCalled();
  });

  it('passes the checked request, not the raw object, to the service', async () => {
    const { services, handlers } = setup();
    await handlers.saveModelFile(trusted, {
      handle: 'abc-123',
      suggestedName: 'm.rampart.json',
      text: '{}',
      saveAs: true,
    });
    expect(services.saveModelFile).toHaveBeenCalledWith(appWindow, {
      handle: 'abc-123',
      suggestedName: 'm.rampart.json',
      text: '{}',
      saveAs: true,
    });
  });

  it.each([
    'http://github.com/',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'https://github.com.evil.example/',
  ])('answers false without opening %s', async (url) => {
    const { services, handlers } = setup();
    await expect(handlers.openExternal(trusted, url)).resolves.toBe(false);
    expect(services.openExternal).not.toHaveBeenCalled();
  });
});
