import Dexie from 'dexie';
import { restoreLayout, restoreModel } from '../../models/model/restore-model';
import type { ModelLayout, ThreatModel } from '../../models/model/threat-model';
import { revisionsToPrune } from './revision-policy';
import type { ModelRow, RampartDatabase } from './schema';

/**
 * The model library over IndexedDB:
 *
 *   const repo = createModelRepository(db, { now?, newId?, revisionIntervalMs? })
 *   repo.list()                          → ModelSummary[]  (newest first)
 *   repo.create(stored, reason?)         → stores a new model and its first revision
 *   repo.open(id)                        → StoredModel | undefined  (repaired by restoreModel)
 *   repo.save(stored)                    → writes the model (committed at once, so it survives the
 *                                          page closing right after); then a revision when the
 *                                          last is older than `revisionIntervalMs` (1 min)
 *   repo.snapshot(stored, reason)        → writes the model and records a revision now
 *   repo.rename(id, name) / repo.delete(id)
 *   repo.duplicate(id, name)             → the copy's id (undefined if `id` is unknown)
 *   repo.revisions(id)                   → RevisionSummary[]  (newest first)
 *   repo.restore(id, revisionId)         → the restored StoredModel; the current state is
 *                                          recorded as a revision first, so nothing is lost
 *   repo.pruneRevisions(id)              → applies `revision-policy.ts`
 *
 * Times are ISO 8601 strings. Stored objects must be plain data (structured-clonable): pass
 * `$state.snapshot(…)` or immutable `$state.raw` values, never live proxies.
 */

export interface StoredModel {
  model: ThreatModel;
  layout: ModelLayout;
}

export interface ModelSummary {
  id: string;
  name: string;
  /** ISO 8601 time of the last save. */
  updatedAt: string;
}

export interface RevisionSummary {
  /** Opaque; pass it back to `restore`. */
  id: string;
  /** ISO 8601. */
  at: string;
  reason: string;
}

export interface RepositoryOptions {
  /** ISO 8601 time; the clock by default. */
  now?: () => string;
  /** Ids of duplicated models; `crypto.randomUUID` by default. */
  newId?: () => string;
  /** A save becomes a revision when the model's last revision is at least this old. */
  revisionIntervalMs?: number;
}

export type ModelRepository = ReturnType<typeof createModelRepository>;

export const DEFAULT_REVISION_INTERVAL_MS = 60_000;

export function createModelRepository(db: RampartDatabase, options: RepositoryOptions = {}) {
  const now = options.now ?? (() => new Date().toISOString());
  const newId = options.newId ?? (() => crypto.randomUUID());
  const interval = options.revisionIntervalMs ?? DEFAULT_REVISION_INTERVAL_MS;

  const row = (stored: StoredModel, at: string): ModelRow => ({
    id: stored.model.id,
    name: stored.model.name,
    updatedAt: at,
    model: stored.model,
    layout: stored.layout,
  });

  /** When the model's newest revision was taken, read from the index alone: every save asks, and
   * loading the revision would deserialize a whole model snapshot each time. */
  const lastRevisionAt = async (modelId: string): Promise<string | undefined> => {
    const keys = await db.revisions
      .where('[modelId+createdAt]')
      .between([modelId, Dexie.minKey], [modelId, Dexie.maxKey])
      .reverse()
      .limit(1)
      .keys();
    const newest = keys[0] as [string, string] | undefined;
    return newest?.[1];
  };

  async function addRevision(stored: StoredModel, reason: string, at: string): Promise<void> {
    await db.revisions.add({
      modelId: stored.model.id,
      createdAt: at,
      reason,
      snapshot: { model: stored.model, layout: stored.layout },
    });
    await prune(stored.model.id, at);
  }

  async function prune(modelId: string, at: string): Promise<number> {
    const stamps = (await db.revisions.where('modelId').equals(modelId).toArray()).map((r) => ({
      id: r.id!,
      createdAt: r.createdAt,
    }));
    const ids = revisionsToPrune(stamps, Date.parse(at));
    if (ids.length > 0) await db.revisions.bulkDelete(ids);
    return ids.length;
  }

  /**
   * Writes a model row in a transaction of its own, committed in the same task as it is made. A
   * page that is reloaded or closed right after an edit runs no callback any more, and Chromium
   * aborts every transaction the page has not committed: one that goes on to read (the revision
   * check) would take the edit with it. Transactions over the same table run in the order they
   * are made, so the latest of several writes in flight is the one that stays.
   */
  async function putCommitted(modelRow: ModelRow): Promise<void> {
    if (!db.isOpen()) await db.open();
    const transaction = db.backendDB().transaction('models', 'readwrite');
    const done = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onabort = () => reject(transaction.error ?? new Error('The model was not saved.'));
    });
    transaction.objectStore('models').put(modelRow);
    transaction.commit();
    await done;
  }

  function restored(model: unknown, layout: unknown): StoredModel | undefined {
    const m = restoreModel(model);
    if (!m.value) return undefined;
    return { model: m.value, layout: restoreLayout(layout).value! };
  }

  return {
    async list(): Promise<ModelSummary[]> {
      const rows = await db.models.orderBy('updatedAt').reverse().toArray();
      return rows.map(({ id, name, updatedAt }) => ({ id, name, updatedAt }));
    },

    async create(stored: StoredModel, reason = 'create'): Promise<void> {
      const at = now();
      await db.transaction('rw', db.models, db.revisions, async () => {
        await db.models.put(row(stored, at));
        await addRevision(stored, reason, at);
      });
    },

    async open(id: string): Promise<StoredModel | undefined> {
      const found = await db.models.get(id);
      return found ? restored(found.model, found.layout) : undefined;
    },

    async save(stored: StoredModel): Promise<void> {
      const at = now();
      await putCommitted(row(stored, at));
      // The periodic revision is a copy: if the page goes before it is written, the next save
      // records it.
      await db.transaction('rw', db.revisions, async () => {
        const last = await lastRevisionAt(stored.model.id);
        if (!last || Date.parse(at) - Date.parse(last) >= interval) await addRevision(stored, 'autosave', at);
      });
    },

    async snapshot(stored: StoredModel, reason: string): Promise<void> {
      const at = now();
      await db.transaction('rw', db.models, db.revisions, async () => {
        await db.models.put(row(stored, at));
        await addRevision(stored, reason, at);
      });
    },

    async rename(id: string, name: string): Promise<void> {
      await db.transaction('rw', db.models, async () => {
        const found = await db.models.get(id);
        if (!found) return;
        await db.models.put({ ...found, name, model: { ...found.model, name }, updatedAt: now() });
      });
    },

    async duplicate(id: string, name: string): Promise<string | undefined> {
      const copyId = newId();
      const at = now();
      const created = await db.transaction('rw', db.models, db.revisions, async () => {
        const found = await db.models.get(id);
        if (!found) return false;
        const copy = { model: { ...found.model, id: copyId, name }, layout: found.layout };
        await db.models.put(row(copy, at));
        await addRevision(copy, 'duplicate', at);
        return true;
      });
      return created ? copyId : undefined;
    },

    async delete(id: string): Promise<void> {
      await db.transaction('rw', db.models, db.revisions, async () => {
        await db.models.delete(id);
        await db.revisions.where('modelId').equals(id).delete();
      });
    },

    async revisions(id: string): Promise<RevisionSummary[]> {
      const rows = await db.revisions
        .where('[modelId+createdAt]')
        .between([id, Dexie.minKey], [id, Dexie.maxKey])
        .toArray();
      return rows
        .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : b.id! - a.id!))
        .map((r) => ({ id: String(r.id), at: r.createdAt, reason: r.reason }));
    },

    async restore(id: string, revisionId: string): Promise<StoredModel | undefined> {
      const at = now();
      return db.transaction('rw', db.models, db.revisions, async () => {
        const revision = await db.revisions.get(Number(revisionId));
        if (!revision || revision.modelId !== id) return undefined;
        const target = restored(revision.snapshot.model, revision.snapshot.layout);
        if (!target) return undefined;
        const current = await db.models.get(id);
        if (current)
          await addRevision({ model: current.model, layout: current.layout }, 'before-restore', at);
        await db.models.put(row(target, at));
        await db.revisions.add({ modelId: id, createdAt: at, reason: 'restore', snapshot: target });
        return target;
      });
    },

    /** Deletes revisions the policy no longer keeps; returns how many. */
    async pruneRevisions(id: string): Promise<number> {
      return db.transaction('rw', db.revisions, () => prune(id, now()));
    },
  };
}
