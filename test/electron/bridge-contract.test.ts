import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { HostBridge, OpenedFile } from '../../renderer/platform/host-bridge';
import { createIpcHandlers } from '../../electron/main/ipc-handlers';
import type { HostServices } from '../../electron/main/host-services';
import { EVENT_CHANNELS, INVOKE_CHANNELS } from '../../electron/shared/ipc-channels';

/** The fake `electron` module the preload sees: records what it exposes, invokes and listens to. */
const electron = vi.hoisted(() => {
  const listeners = new Map<string, ((event: unknown, value: unknown) => void)[]>();
  return {
    exposed: new Map<string, unknown>(),
    listeners,
    invoke: vi.fn(async (..._args: unknown[]) => 'result'),
  };
});

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: {
    invoke: electron.invoke,
    on: (channel: string, listener: (event: unknown, value: unknown) => void) => {
      electron.listeners.set(channel, [...(electron.listeners.get(channel) ?? []), listener]);
    },
    removeListener: (channel: string, listener: (event: unknown, value: unknown) => void) => {
      electron.listeners.set(
        channel,
        (electron.listeners.get(channel) ?? []).filter((l) => l !== listener),
      );
    },
  },
}));

/** Member names of `interface HostBridge`, read from the contract's source. */
function hostBridgeMembers(): string[] {
  const path = new URL('../../renderer/platform/host-bridge.ts', import.meta.url);
  const source = ts.createSourceFile('host-bridge.ts', readFileSync(path, 'utf8'), ts.ScriptTarget.Latest);
  const bridge = source.statements.find(
    (s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'HostBridge',
  );
  if (!bridge) throw new Error('HostBridge interface not found');
  return bridge.members.map((m) => (m.name as ts.Identifier).text).sort();
}

function emit(channel: string, value: unknown): void {
  for (const listener of electron.listeners.get(channel) ?? []) listener({ sender: 'ipc event' }, value);
}

let bridge: HostBridge;

beforeAll(async () => {
  await import('../../electron/preload/preload');
  bridge = electron.exposed.get('rampart') as HostBridge;
});

describe('bridge contract', () => {
  it('exposes one object, window.rampart, and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['rampart']);
  });

  it('the preload implements exactly the HostBridge members', () => {
    expect(Object.keys(bridge).sort()).toEqual(hostBridgeMembers());
    expect(bridge.host).toBe('electron');
  });

  it('every HostBridge method has a channel, and every channel a main-process handler', () => {
    const channelled = [...Object.keys(INVOKE_CHANNELS), ...Object.keys(EVENT_CHANNELS)].sort();
    expect(channelled).toEqual(hostBridgeMembers().filter((m) => m !== 'host'));
    const handlers = createIpcHandlers({} as HostServices<unknown>, () => true);
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(INVOKE_CHANNELS).sort());
    const names = [...Object.values(INVOKE_CHANNELS), ...Object.values(EVENT_CHANNELS)];
    expect(new Set(names).size).toBe(names.length);
  });

  const calls: [keyof typeof INVOKE_CHANNELS, (b: HostBridge) => unknown, unknown[]][] = [
    ['openModelFile', (b) => b.openModelFile(), []],
    [
      'saveModelFile',
      (b) => b.saveModelFile({ handle: 'h', suggestedName: 'm.rampart.json', text: '{}', saveAs: true }),
      [{ handle: 'h', suggestedName: 'm.rampart.json', text: '{}', saveAs: true }],
    ],
    ['pickImportFiles', (b) => b.pickImportFiles({ folder: false }), [{ folder: false }]],
    [
      'saveExport',
      (b) => b.saveExport({ suggestedName: 'r.md', mimeType: 'text/markdown', data: '# R' }),
      [{ suggestedName: 'r.md', mimeType: 'text/markdown', data: '# R' }],
    ],
    [
      'setDocumentState',
      (b) => b.setDocumentState({ title: 'Shop', dirty: true }),
      [{ title: 'Shop', dirty: true }],
    ],
    ['openExternal', (b) => b.openExternal('https://github.com/'), ['https://github.com/']],
  ];

  it.each(calls)('%s invokes its own channel with the request', async (method, call, args) => {
    electron.invoke.mockClear();
    await call(bridge);
    expect(electron.invoke).toHaveBeenCalledExactlyOnceWith(INVOKE_CHANNELS[method], ...args);
  });

  it('sends only the documented request fields', async () => {
    electron.invoke.mockClear();
    const request = { handle: null, suggestedName: 'm', text: '', path: '/etc/passwd' };
    await bridge.saveModelFile(request);
    expect(electron.invoke.mock.calls[0]?.[1]).toEqual({ handle: null, suggestedName: 'm', text: '' });
  });

  it('menu listeners receive commands without the event and can unsubscribe', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.onMenuCommand((...args) => received.push(args));
    emit(EVENT_CHANNELS.onMenuCommand, 'save');
    emit(EVENT_CHANNELS.onMenuCommand, 'format-disk');
    unsubscribe();
    emit(EVENT_CHANNELS.onMenuCommand, 'open');
    expect(received).toEqual([['save']]);
    expect(electron.listeners.get(EVENT_CHANNELS.onMenuCommand)).toEqual([]);
  });

  it('open-file listeners receive opened files without the event and can unsubscribe', () => {
    const received: unknown[][] = [];
    const unsubscribe = bridge.onOpenFile((...args) => received.push(args));
    const file: OpenedFile = { handle: 'h', name: 'a.rampart.json', text: '{}' };
    emit(EVENT_CHANNELS.onOpenFile, file);
    emit(EVENT_CHANNELS.onOpenFile, { name: 'no text' });
    unsubscribe();
    emit(EVENT_CHANNELS.onOpenFile, file);
    expect(received).toEqual([[file]]);
  });
});
