import Dexie, { type DexieOptions, type EntityTable, type Transaction } from 'dexie';
import { createEmptyModel, emptyLayout } from '../../models/model/create-model';
import { parseModelFile } from '../../models/model/parse-model-file';
import type { ModelLayout, ThreatModel } from '../../models/model/threat-model';

/**
 * The IndexedDB database of the model library (DESIGN §2 `renderer/db/`), in Dexie 4.
 *
 *   openRampartDatabase({ name?, indexedDB?, IDBKeyRange? }) → RampartDatabase
 *
 * Versions:
 *   1  `models: id, updatedAt` — each row held the whole `*.rampart.json` text (`json`); no revisions.
 *   2  `models: id, name, updatedAt` — the model and layout as objects; `revisions` (snapshots of a
 *      model, newest found by `[modelId+createdAt]`); `settings` unchanged. The upgrade parses
 *      every version-1 row (migrating older model schemas on the way) and records it as the
 *      model's first revision. A row that cannot be parsed keeps its text in `legacyJson`, so
 *      nothing is lost, and opens as an empty model of the same id and name.
 */

export const DATABASE_NAME = 'rampart';

/** A model in the library. Times are ISO 8601. */
export interface ModelRow {
  id: string;
  name: string;
  updatedAt: string;
  model: ThreatModel;
  layout: ModelLayout;
  /** The stored text of a version-1 row that could not be read; kept for recovery by hand. */
  legacyJson?: string;
}

export interface RevisionSnapshot {
  model: ThreatModel;
  layout: ModelLayout;
}

export interface RevisionRow {
  /** Auto-incremented. */
  id?: number;
  modelId: string;
  createdAt: string;
  /** Why it was taken: `create`, `autosave`, `save`, `import`, `before-restore`, `upgrade`… */
  reason: string;
  snapshot: RevisionSnapshot;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

/** A version-1 row, as the upgrade reads it. */
export interface ModelRowV1 {
  id: string;
  name: string;
  updatedAt: string;
  json: string;
}

export type RampartDatabase = Dexie & {
  models: EntityTable<ModelRow, 'id'>;
  revisions: EntityTable<RevisionRow, 'id'>;
  settings: EntityTable<SettingRow, 'key'>;
};

export interface DatabaseOptions {
  name?: string;
  /** An IDBFactory and IDBKeyRange to use instead of the browser's (tests pass fake-indexeddb's). */
  indexedDB?: DexieOptions['indexedDB'];
  IDBKeyRange?: DexieOptions['IDBKeyRange'];
}

/** Declares version 1 only: used by tests to create a database as an earlier release left it. */
export function declareVersion1(db: Dexie): void {
  db.version(1).stores({ models: 'id, updatedAt', settings: 'key' });
}

function declareVersion2(db: Dexie): void {
  db.version(2)
    .stores({
      models: 'id, name, updatedAt',
      revisions: '++id, modelId, [modelId+createdAt]',
      settings: 'key',
    })
    .upgrade(upgradeToVersion2);
}

/** Version 1 → 2: parse the stored text into model and layout objects, one revision each. */
export async function upgradeToVersion2(tx: Transaction): Promise<void> {
  const revisions: RevisionRow[] = [];
  await tx
    .table('models')
    .toCollection()
    .modify((row: Partial<ModelRowV1> & Partial<ModelRow>) => {
      const json = row.json ?? '';
      const parsed = parseModelFile(json, `${row.name ?? row.id}.rampart.json`);
      delete row.json;
      // The library lists rows by `updatedAt`: a row without one would never be shown.
      row.updatedAt ??= new Date(0).toISOString();
      if (parsed.file) {
        // The row is what the library showed (a copy kept its own id and name beside the text it
        // was copied from); the model takes them, or the next save would rename it, or write it
        // under the id of the model it was copied from.
        const model = { ...parsed.file.model, id: row.id!, name: row.name ?? parsed.file.model.name };
        row.model = model;
        row.layout = parsed.file.layout;
        row.name = model.name;
        revisions.push({
          modelId: row.id!,
          createdAt: row.updatedAt,
          reason: 'upgrade',
          snapshot: { model, layout: parsed.file.layout },
        });
      } else {
        const name = row.name ?? 'Unreadable model';
        row.model = { ...createEmptyModel(() => row.id!, name) };
        row.layout = emptyLayout();
        row.legacyJson = json;
      }
    });
  if (revisions.length > 0) await tx.table('revisions').bulkAdd(revisions);
}

/** Opens (creating or upgrading as needed) the library database. */
export function openRampartDatabase(options: DatabaseOptions = {}): RampartDatabase {
  const db = new Dexie(options.name ?? DATABASE_NAME, {
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  }) as RampartDatabase;
  declareVersion1(db);
  declareVersion2(db);
  return db;
}
