/// <reference lib="dom" />
import { buildSync } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openApp, type AppPage } from './harness';

/**
 * The renderer as the desktop app runs it: the real preload (bundled as the desktop build bundles
 * it) is evaluated before the page's scripts against a fake `electron` module that records what
 * would cross IPC. The same app then has to work through `window.rampart` alone, and the page must
 * see nothing of Node or Electron.
 */

const PRELOAD = buildSync({
  entryPoints: [fileURLToPath(new URL('../../electron/preload/preload.ts', import.meta.url))],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
  write: false,
}).outputFiles[0]!.text;

const BRIDGE_SURFACE = [
  'host',
  'onMenuCommand',
  'onOpenFile',
  'openExternal',
  'openModelFile',
  'pickImportFiles',
  'saveExport',
  'saveModelFile',
  'setDocumentState',
];

/** A stand-in for what `require('electron')` gives a sandboxed preload, recording every call. */
const FAKE_ELECTRON = `
(() => {
  const log = [];
  const listeners = new Map();
  const responses = {
    'rampart:save-model-file': { status: 'saved', handle: 'handle-1', name: 'shop.rampart.json' },
    'rampart:save-export': { status: 'cancelled' },
    'rampart:open-model-file': null,
    'rampart:pick-import-files': null,
    'rampart:open-external': false,
  };
  const ipcRenderer = {
    invoke(channel, ...args) {
      log.push({ channel, args: JSON.parse(JSON.stringify(args)) });
      return Promise.resolve(responses[channel]);
    },
    on(channel, listener) {
      if (!listeners.has(channel)) listeners.set(channel, []);
      listeners.get(channel).push(listener);
    },
    removeListener(channel, listener) {
      listeners.set(channel, (listeners.get(channel) || []).filter((l) => l !== listener));
    },
  };
  const contextBridge = {
    exposeInMainWorld(name, api) {
      Object.defineProperty(window, name, { value: Object.freeze({ ...api }), enumerable: false });
    },
  };
  Object.defineProperty(window, '__fakeIpc', {
    value: {
      log,
      emit(channel, value) {
        for (const listener of listeners.get(channel) || []) listener({ sender: 'main' }, value);
      },
    },
  });
  const module = { exports: {} };
  (function (require, module, exports) {
    ${PRELOAD}
  })((name) => {
    if (name === 'electron') return { contextBridge, ipcRenderer };
    throw new Error('a sandboxed preload can only require electron, not ' + name);
  }, module, module.exports);
})();
`;

interface IpcCall {
  channel: string;
  args: unknown[];
}

let browser: Browser;
let app: AppPage;

const calls = () =>
  app.page.evaluate(() => (window as unknown as { __fakeIpc: { log: IpcCall[] } }).__fakeIpc.log);
const emit = (channel: string, value: unknown) =>
  app.page.evaluate(
    ([c, v]) =>
      (window as unknown as { __fakeIpc: { emit(c: string, v: unknown): void } }).__fakeIpc.emit(c, v),
    [channel, value] as const,
  );

beforeAll(async () => {
  browser = await launchBrowser();
  app = await openApp(browser);
  await app.page.addInitScript({ content: FAKE_ELECTRON });
  await app.open();
});

afterAll(async () => {
  await browser?.close();
});

describe('the renderer behind the desktop preload', () => {
  it('sees exactly the typed bridge and nothing of Node or Electron', async () => {
    const surface = await app.page.evaluate(() => {
      const bridge = (window as unknown as { rampart: Record<string, unknown> }).rampart;
      return {
        keys: Object.keys(bridge).sort(),
        functions: Object.keys(bridge)
          .filter((k) => typeof bridge[k] === 'function')
          .sort(),
        host: bridge['host'],
        require: typeof (window as unknown as { require?: unknown }).require,
        process: typeof (window as unknown as { process?: unknown }).process,
        module: typeof (window as unknown as { module?: unknown }).module,
      };
    });
    expect(surface.keys).toEqual(BRIDGE_SURFACE);
    expect(surface.functions).toEqual(BRIDGE_SURFACE.filter((k) => k !== 'host'));
    expect(surface).toMatchObject({
      host: 'electron',
      require: 'undefined',
      process: 'undefined',
      module: 'undefined',
    });
  });

  it('tells the host the document title through the bridge', async () => {
    await expect
      .poll(async () =>
        (await calls()).some(
          (c) =>
            c.channel === 'rampart:set-document-state' && JSON.stringify(c.args).includes('Shop (example)'),
        ),
      )
      .toBe(true);
  });

  it('saves on the native menu command, sending only the documented fields', async () => {
    await emit('rampart:menu-command', 'save');
    await expect
      .poll(async () => (await calls()).filter((c) => c.channel === 'rampart:save-model-file').length)
      .toBe(1);
    const save = (await calls()).find((c) => c.channel === 'rampart:save-model-file')!;
    const request = save.args[0] as Record<string, unknown>;
    expect(Object.keys(request).sort()).toEqual(['handle', 'suggestedName', 'text']);
    expect(JSON.parse(request['text'] as string)).toMatchObject({ format: 'rampart', schemaVersion: 1 });
  });

  it('ignores events that are not menu commands', async () => {
    const requests = async () =>
      (await calls()).filter((c) => c.channel !== 'rampart:set-document-state').length;
    const before = await requests();
    await emit('rampart:menu-command', 'rm -rf /');
    await emit('rampart:menu-command', { command: 'save' });
    await app.page.waitForTimeout(300);
    expect(await requests()).toBe(before);
  });

  it('opens a file the operating system hands over', async () => {
    const saved = (await calls()).find((c) => c.channel === 'rampart:save-model-file')!;
    const file = JSON.parse((saved.args[0] as { text: string }).text) as { model: { name: string } };
    file.model.name = 'Opened from the file manager';
    await emit('rampart:open-file', {
      handle: 'handle-2',
      name: 'other.rampart.json',
      text: JSON.stringify(file),
    });
    await expect
      .poll(async () =>
        (await calls()).some((c) => JSON.stringify(c.args).includes('Opened from the file manager')),
      )
      .toBe(true);
    await app.screenshot('desktop-bridge');
  });

  it('ran without CSP violations or console errors', async () => {
    expect(await app.cspViolations()).toEqual([]);
    expect(app.problems).toEqual([]);
  });
});
