import type { StoredModel } from './model-repository';

/**
 * Autosave of the open model:
 *
 *   const autosave = createAutosave({ save, snapshot?, delayMs?, onState? })
 *   autosave.update(stored)          after every edit: starts writing it in the same task, or
 *                                    `delayMs` after the last edit when one is given
 *   autosave.flush()                 writes a pending edit now; resolves when it is stored
 *   autosave.saveNow(reason, stored?) flush, then a revision (`save`, `import`…) of the latest state
 *   autosave.flushOn(target)         writes on `pagehide`, and on `visibilitychange` to hidden;
 *                                    call with `window` and `document`; returns an unsubscribe
 *   autosave.dispose()               flushes and stops listening
 *
 * An edit's write starts in the task that made the edit, before the edit is even painted: a
 * browser that is closed runs no `pagehide`, and a tab that is closed drops a write begun in its
 * `pagehide`, so an edit that waited for a pause in the editing (or for a timer, which a hidden
 * page runs late) could be lost however long it had been on screen. Edits made while a write is
 * under way are gathered into the next one.
 *
 * Writes never overlap: each waits for the one before, and a write always takes the latest
 * state, so however saves interleave the last edit is the one stored (older queued states are
 * skipped, not written out of order). The exception is the page being hidden or unloaded: then
 * pending states are written at once, beside a write under way, because the page may never run
 * again to see that write finish; `save` must then apply writes in the order they are made, as
 * IndexedDB does for transactions over the same table. A failed write keeps its state pending for
 * the next attempt unless a newer edit replaced it. `onState` reports `pending` → `saving` →
 * `saved`, or `error` with the cause. `save` and `snapshot` are usually a ModelRepository's
 * methods, which also decide when a save becomes a periodic revision (at most one a minute).
 */

export type SaveState = 'pending' | 'saving' | 'saved' | 'error';

export interface AutosaveOptions {
  save: (stored: StoredModel) => Promise<void>;
  /** Writes and records a revision; used by `saveNow`. Defaults to `save`. */
  snapshot?: (stored: StoredModel, reason: string) => Promise<void>;
  /** Quiet time after the last edit before it is written; by default none, see above. */
  delayMs?: number;
  /** Starts an undelayed write; by default at once. The workspace passes "right after the edit
   * is painted", so the write's serialization does not hold up the edit's frame. */
  startWrite?: (write: () => void) => void;
  onState?: (state: SaveState, error?: unknown) => void;
}

export const DEFAULT_AUTOSAVE_DELAY_MS = 0;

export type Autosave = ReturnType<typeof createAutosave>;

export function createAutosave(options: AutosaveOptions) {
  const delay = options.delayMs ?? DEFAULT_AUTOSAVE_DELAY_MS;
  const report = (state: SaveState, error?: unknown): void => options.onState?.(state, error);
  /** The latest state not yet written; one per model, so switching models loses nothing. */
  const pending = new Map<string, StoredModel>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let queue: Promise<void> = Promise.resolve();
  let failed: unknown;
  const unsubscribers = new Set<() => void>();

  function schedule(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void enqueue().catch(() => undefined);
    }, delay);
  }

  /** Queues a write of whatever is pending when its turn comes. */
  function enqueue(): Promise<void> {
    const run = queue.then(writePending);
    queue = run.catch(() => undefined);
    return run;
  }

  async function writePending(): Promise<void> {
    failed = undefined;
    while (pending.size > 0) {
      const [id, stored] = pending.entries().next().value!;
      pending.delete(id);
      await write(id, stored);
    }
    if (timer === undefined) report('saved');
  }

  async function write(id: string, stored: StoredModel): Promise<void> {
    report('saving');
    try {
      await options.save(stored);
    } catch (error) {
      // Keep it for the next attempt, unless an edit made while it was written replaced it.
      if (!pending.has(id)) pending.set(id, stored);
      failed = error;
      report('error', error);
      throw error;
    }
  }

  /** Starts writing every pending state in this task, without waiting for a write under way:
   * the page is going away or may be discarded, and could not run again to start them later.
   * Later writes wait for these. */
  function writeAtOnce(): void {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    if (pending.size === 0) return;
    failed = undefined;
    const writes = [...pending].map(([id, stored]) => {
      pending.delete(id);
      return write(id, stored);
    });
    const written = Promise.all(writes).then(() => {
      if (timer === undefined && pending.size === 0) report('saved');
    });
    // A failure is reported by `write`, and its state stays pending for the next write.
    queue = Promise.all([queue, written]).then(
      () => undefined,
      () => undefined,
    );
  }

  let latest: StoredModel | undefined;
  /** An undelayed write has been asked for and not started yet. */
  let writeRequested = false;
  const startWrite = options.startWrite ?? ((write: () => void) => write());

  function update(stored: StoredModel): void {
    latest = stored;
    pending.set(stored.model.id, stored);
    report('pending');
    if (delay > 0) schedule();
    else if (!writeRequested) {
      writeRequested = true;
      startWrite(() => {
        if (!writeRequested) return;
        writeRequested = false;
        void enqueue().catch(() => undefined);
      });
    }
  }

  function flush(): Promise<void> {
    if (timer !== undefined) {
      clearTimeout(timer);
      timer = undefined;
    }
    return enqueue();
  }

  async function saveNow(reason: string, stored: StoredModel | undefined = latest): Promise<void> {
    if (stored) {
      latest = stored;
      pending.set(stored.model.id, stored);
    }
    await flush();
    if (stored) await (options.snapshot ?? options.save)(stored, reason);
  }

  function flushOn(target: EventTarget): () => void {
    const onHide = (): void => writeAtOnce();
    const onVisibility = (): void => {
      const state = (target as { visibilityState?: string }).visibilityState;
      if (state === undefined || state === 'hidden') onHide();
    };
    target.addEventListener('pagehide', onHide);
    target.addEventListener('visibilitychange', onVisibility);
    const unsubscribe = (): void => {
      target.removeEventListener('pagehide', onHide);
      target.removeEventListener('visibilitychange', onVisibility);
      unsubscribers.delete(unsubscribe);
    };
    unsubscribers.add(unsubscribe);
    return unsubscribe;
  }

  async function dispose(): Promise<void> {
    for (const unsubscribe of [...unsubscribers]) unsubscribe();
    await flush().catch(() => undefined);
  }

  return {
    update,
    /** Writes everything pending now; rejects if the write fails (the state stays pending). */
    flush,
    /** Flushes, then records a revision of `stored` (by default the last state given). */
    saveNow,
    flushOn,
    dispose,
    /** Whether an edit is waiting to be written. */
    get dirty(): boolean {
      return pending.size > 0 || timer !== undefined;
    },
    /** The cause of the last failed write, until a write succeeds. */
    get lastError(): unknown {
      return failed;
    },
  };
}
