import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAutosave, type SaveState } from '../../../renderer/db/autosave';
import { createModelRepository, type StoredModel } from '../../../renderer/db/model-repository';
import { freshDatabase, stored } from './db-fixtures';

/** A save function whose writes finish only when the test says so. */
function controlledSave() {
  const written: string[] = [];
  const waiting: { name: string; finish: () => void; fail: (e: Error) => void }[] = [];
  const save = vi.fn(
    (s: StoredModel) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({
          name: s.model.name,
          finish: () => {
            written.push(s.model.name);
            resolve();
          },
          fail: reject,
        });
      }),
  );
  return { save, written, waiting };
}

describe('autosave', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('writes once, the latest state, after the edits pause', async () => {
    const writes: string[] = [];
    const autosave = createAutosave({ save: async (s) => void writes.push(s.model.name), delayMs: 300 });
    autosave.update(stored('a', 'v1'));
    await vi.advanceTimersByTimeAsync(200);
    autosave.update(stored('a', 'v2'));
    await vi.advanceTimersByTimeAsync(200);
    autosave.update(stored('a', 'v3'));
    expect(writes).toEqual([]);
    await vi.advanceTimersByTimeAsync(300);
    expect(writes).toEqual(['v3']);
    expect(autosave.dirty).toBe(false);
  });

  it('reports pending, saving and saved', async () => {
    const states: SaveState[] = [];
    const autosave = createAutosave({ save: async () => undefined, onState: (s) => states.push(s) });
    autosave.update(stored('a'));
    await vi.advanceTimersByTimeAsync(300);
    expect(states).toEqual(['pending', 'saving', 'saved']);
  });

  it('flush writes a pending edit at once and cancels the timer', async () => {
    const writes: string[] = [];
    const autosave = createAutosave({ save: async (s) => void writes.push(s.model.name) });
    autosave.update(stored('a', 'v1'));
    await autosave.flush();
    expect(writes).toEqual(['v1']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toEqual(['v1']);
  });

  it('never overlaps writes, and the last edit is the one stored', async () => {
    const { save, written, waiting } = controlledSave();
    const autosave = createAutosave({ save });
    autosave.update(stored('a', 'v1'));
    const first = autosave.flush();
    await vi.advanceTimersByTimeAsync(0);
    // v1 is being written; two more edits arrive, each flushed at once.
    autosave.update(stored('a', 'v2'));
    const second = autosave.flush();
    autosave.update(stored('a', 'v3'));
    const third = autosave.flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.map((w) => w.name)).toEqual(['v1']);
    waiting[0]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    // v2 was replaced by v3 before its turn came: it is skipped, never written after v3.
    expect(waiting.map((w) => w.name)).toEqual(['v1', 'v3']);
    waiting[1]!.finish();
    await Promise.all([first, second, third]);
    expect(written).toEqual(['v1', 'v3']);
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('keeps a failed state pending and reports the error', async () => {
    const states: [SaveState, unknown][] = [];
    let fail = true;
    const writes: string[] = [];
    const autosave = createAutosave({
      save: async (s) => {
        if (fail) throw new Error('quota exceeded');
        writes.push(s.model.name);
      },
      onState: (s, e) => states.push([s, e]),
    });
    autosave.update(stored('a', 'v1'));
    await expect(autosave.flush()).rejects.toThrow('quota exceeded');
    expect(states.at(-1)![0]).toBe('error');
    expect(autosave.dirty).toBe(true);
    fail = false;
    await autosave.flush();
    expect(writes).toEqual(['v1']);
    expect(states.at(-1)![0]).toBe('saved');
  });

  it('keeps edits of two models apart', async () => {
    const writes: string[] = [];
    const autosave = createAutosave({ save: async (s) => void writes.push(`${s.model.id}:${s.model.name}`) });
    autosave.update(stored('a', 'v1'));
    autosave.update(stored('b', 'v1'));
    await autosave.flush();
    expect(writes).toEqual(['a:v1', 'b:v1']);
  });

  it('starts writing an edit in the task that made it, without waiting for a timer', async () => {
    // A closed browser runs no pagehide: an edit waiting for a pause in the editing would be lost.
    const { save, waiting } = controlledSave();
    const autosave = createAutosave({ save });
    autosave.update(stored('a', 'v1'));
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.map((w) => w.name)).toEqual(['v1']);
    // Edits made while it is written are gathered into the next write.
    autosave.update(stored('a', 'v2'));
    autosave.update(stored('a', 'v3'));
    await vi.advanceTimersByTimeAsync(0);
    waiting[0]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.map((w) => w.name)).toEqual(['v1', 'v3']);
  });

  it('writes pending edits on pagehide in the same task, beside a write under way', async () => {
    const { save, written, waiting } = controlledSave();
    const states: SaveState[] = [];
    const autosave = createAutosave({ save, onState: (s) => states.push(s) });
    const page = new EventTarget();
    autosave.flushOn(page);
    autosave.update(stored('a', 'v1'));
    await vi.advanceTimersByTimeAsync(0);
    autosave.update(stored('a', 'v2'));
    // The page is being unloaded: v1's write will never be seen to finish, so v2 cannot wait for it.
    page.dispatchEvent(new Event('pagehide'));
    expect(waiting.map((w) => w.name)).toEqual(['v1', 'v2']);
    expect(autosave.dirty).toBe(false);
    // Had the page lived on, later edits wait for both.
    autosave.update(stored('a', 'v3'));
    await vi.advanceTimersByTimeAsync(0);
    expect(waiting.map((w) => w.name)).toEqual(['v1', 'v2']);
    waiting[0]!.finish();
    waiting[1]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    waiting[2]!.finish();
    await vi.advanceTimersByTimeAsync(0);
    expect(written).toEqual(['v1', 'v2', 'v3']);
    expect(states.at(-1)).toBe('saved');
  });

  it('keeps an edit pending when its write on pagehide fails', async () => {
    const { save, waiting } = controlledSave();
    const autosave = createAutosave({ save });
    const page = new EventTarget();
    autosave.flushOn(page);
    autosave.update(stored('a', 'v1'));
    page.dispatchEvent(new Event('pagehide'));
    waiting[0]!.fail(new Error('quota exceeded'));
    await vi.advanceTimersByTimeAsync(0);
    expect(autosave.dirty).toBe(true);
    expect(autosave.lastError).toEqual(new Error('quota exceeded'));
  });

  it('flushes on pagehide and when the page becomes hidden, until unsubscribed', async () => {
    const writes: string[] = [];
    // With a pause before writing, so that what the page's events write shows.
    const autosave = createAutosave({ save: async (s) => void writes.push(s.model.name), delayMs: 300 });
    const page = Object.assign(new EventTarget(), { visibilityState: 'visible' });
    const stop = autosave.flushOn(page);
    autosave.update(stored('a', 'v1'));
    page.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([]);
    page.visibilityState = 'hidden';
    page.dispatchEvent(new Event('visibilitychange'));
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual(['v1']);
    autosave.update(stored('a', 'v2'));
    page.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual(['v1', 'v2']);
    stop();
    autosave.update(stored('a', 'v3'));
    page.dispatchEvent(new Event('pagehide'));
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual(['v1', 'v2']);
  });

  it('records a revision on explicit save, over a real repository', async () => {
    vi.useRealTimers();
    const repo = createModelRepository(freshDatabase(), { now: () => '2026-03-01T10:00:00.000Z' });
    await repo.create(stored('a', 'v0'));
    const autosave = createAutosave({ save: repo.save, snapshot: repo.snapshot, delayMs: 5 });
    autosave.update(stored('a', 'v1'));
    await autosave.saveNow('save');
    expect((await repo.open('a'))!.model.name).toBe('v1');
    expect((await repo.revisions('a')).map((r) => r.reason)).toEqual(['save', 'create']);
    await autosave.dispose();
  });
});
