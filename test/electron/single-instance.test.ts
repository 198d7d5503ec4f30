import { describe, expect, it, vi } from 'vitest';
import {
  createOpenQueue,
  enforceSingleInstance,
  modelPathsFromArgv,
  type SingleInstanceApp,
} from '../../electron/main/single-instance';

function fakeApp(locked: boolean) {
  const listeners = new Map<string, (...args: never[]) => void>();
  const app = {
    requestSingleInstanceLock: vi.fn(() => locked),
    quit: vi.fn(),
    on: (event: string, listener: (...args: never[]) => void) => listeners.set(event, listener),
  };
  return { app: app as SingleInstanceApp & typeof app, listeners };
}

describe('single instance', () => {
  it('picks *.rampart.json arguments and resolves them against the working directory', () => {
    expect(
      modelPathsFromArgv(
        ['--inspect', 'shop.rampart.json', 'notes.json', '/abs/Big.RAMPART.JSON', '-x.rampart.json'],
        '/home/u',
      ),
    ).toEqual(['/home/u/shop.rampart.json', '/abs/Big.RAMPART.JSON']);
  });

  it('quits when another instance holds the lock', () => {
    const { app, listeners } = fakeApp(false);
    expect(enforceSingleInstance({ app, openPath: vi.fn(), focus: vi.fn() })).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(listeners.size).toBe(0);
  });

  it('delivers model paths from a second launch to the running window', () => {
    const { app, listeners } = fakeApp(true);
    const openPath = vi.fn();
    const focus = vi.fn();
    expect(enforceSingleInstance({ app, openPath, focus })).toBe(true);
    (listeners.get('second-instance') as (e: unknown, argv: string[], cwd: string) => void)(
      {},
      ['/opt/Rampart/rampart', 'models/a.rampart.json', '--flag'],
      '/work',
    );
    expect(focus).toHaveBeenCalled();
    expect(openPath.mock.calls).toEqual([['/work/models/a.rampart.json']]);
  });

  it('handles macOS open-file events for model files only', () => {
    const { app, listeners } = fakeApp(true);
    const openPath = vi.fn();
    enforceSingleInstance({ app, openPath, focus: vi.fn() });
    const openFile = listeners.get('open-file') as (e: { preventDefault(): void }, path: string) => void;
    const preventDefault = vi.fn();
    openFile({ preventDefault }, '/Users/u/a.rampart.json');
    openFile({ preventDefault }, '/Users/u/photo.png');
    expect(preventDefault).toHaveBeenCalledTimes(2);
    expect(openPath.mock.calls).toEqual([['/Users/u/a.rampart.json']]);
  });

  it('holds file-open requests until the renderer is ready', () => {
    const deliver = vi.fn();
    const queue = createOpenQueue(deliver);
    queue.push('/a');
    queue.push('/b');
    expect(deliver).not.toHaveBeenCalled();
    queue.ready();
    queue.push('/c');
    expect(deliver.mock.calls).toEqual([['/a'], ['/b'], ['/c']]);
  });
});
