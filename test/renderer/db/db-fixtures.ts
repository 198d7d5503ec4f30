import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createEmptyModel, emptyLayout } from '../../../models/model/create-model';
import type { ThreatModel } from '../../../models/model/threat-model';
import { openRampartDatabase, type RampartDatabase } from '../../../renderer/db/schema';
import type { StoredModel } from '../../../renderer/db/model-repository';

/** A fresh in-memory IndexedDB per test, so tests never see each other's data. */
export function freshFactory() {
  return { indexedDB: new IDBFactory(), IDBKeyRange };
}

export function freshDatabase(): RampartDatabase {
  return openRampartDatabase(freshFactory());
}

/** A clock the test moves by hand, as ISO strings. */
export function manualClock(start = '2026-03-01T10:00:00.000Z') {
  let ms = Date.parse(start);
  return {
    now: () => new Date(ms).toISOString(),
    advance: (by: number) => {
      ms += by;
    },
  };
}

export function stored(id: string, name = id, patch: Partial<ThreatModel> = {}): StoredModel {
  return { model: { ...createEmptyModel(() => id, name), ...patch }, layout: emptyLayout() };
}
