import type { StoredModel } from './model-repository';

/**
 * Debounced autosave of the open model:
 *
 *   const autosave = createAutosave({ save, snapshot?, delayMs?, onState? })
 *   autosave.update(stored)          after every edit: saves `delayMs` (300 ms) after the last one
 *   autosave.flush()                 writes a pending edit now; resolves when it is stored
 *   autosave.saveNow(reason, stored?) flush, then a revision (`save`, `import`…) of the latest state
 *   autosave.flushOn(target)         flushes on `pagehide`, and on `visibilitychange` to hidden;
 *                                    call with `window` and `document`; returns an unsubscribe
 *   autosave.dispose()               flushes and stops listening
 *
 * Writes never overlap: each waits for the one before, and a write always takes the latest
 * state, so however saves interleave the last edit is the one stored (older queued states are
 * skipped, not written out of order). A failed write keeps its state pending for the next
 * attempt unless a newer edit replaced it. `onState` reports `pending` → `saving` → `saved`, or
 * `error` with the cause. `save` and `snapshot` are usually a ModelRepository's methods, which
 * also decide when a save becomes a periodic revision (at most one a minute of editing).
 */

export type SaveState = 'pending' | 'saving' | 'saved' | 'error';

export interface AutosaveOptions {
  save: (stored: StoredModel) => Promise<void>;
  /** Writes and records a revision; used by `saveNow`. Defaults to `save`. */
  snapshot?: (stored: StoredModel, reason: string) => Promise<void>;
  /** Quiet time after the last edit before it is written. */
  delayMs?: number;
  onState?: (state: SaveState, error?: unknown) => void;
}

export const DEFAULT_AUTOSAVE_DELAY_MS = 300;

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
    if (timer === undefined) report('saved');
  }

  let latest: StoredModel | undefined;

  function update(stored: StoredModel): void {
    latest = stored;
    pending.set(stored.model.id, stored);
    report('pending');
    schedule();
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
    const onHide = (): void => void flush().catch(() => undefined);
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
