/**
 * Schema migrations of `*.rampart.json` (DESIGN §3): every older schemaVersion is carried forward
 * one version at a time, so a migration is written once, against the shape just before it, and
 * never has to know about later ones. Migrations work on the parsed JSON before it is restored
 * (older shapes do not fit today's types); `restoreModel` checks the result afterwards.
 *
 * To change the file format: bump `CURRENT_SCHEMA_VERSION`, append a migration from the previous
 * version, and add a fixture of the previous shape to the tests.
 */

/** The schema version this Rampart writes. */
export const CURRENT_SCHEMA_VERSION = 1;

export type JsonObject = Record<string, unknown>;

export interface Migration {
  /** The version the migration reads; it writes `from + 1`. */
  from: number;
  /** What changed, in the words of the release notes. */
  title: string;
  /** Returns the file in the next version's shape; must not modify its argument. */
  migrate(file: JsonObject): JsonObject;
}

function isRecord(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Copies an object's own entries, including a hostile `__proto__` key, as plain data. */
function copyOwn(value: JsonObject, skip: readonly string[] = []): JsonObject {
  const out: JsonObject = {};
  for (const key of Object.keys(value)) {
    if (skip.includes(key)) continue;
    Object.defineProperty(out, key, {
      value: value[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/**
 * Version 0, the pre-release shape: mitigation states set by hand were called `overrides`, and
 * diagram positions lived on the elements and boundaries themselves (`position: {x, y, width?,
 * height?}`), with no `layout`. Version 1 keeps semantics apart from positions.
 */
const v0ToV1: Migration = {
  from: 0,
  title: 'mitigation-state edits renamed from `overrides` to `mitigationStates`; positions moved to `layout`',
  migrate(file) {
    const model = isRecord(file.model) ? file.model : {};
    const positions: JsonObject = {};
    const withoutPositions = (list: unknown): unknown =>
      Array.isArray(list)
        ? list.map((item) => {
            if (!isRecord(item)) return item;
            if (isRecord(item.position) && typeof item.id === 'string' && item.id !== '__proto__')
              positions[item.id] = item.position;
            return copyOwn(item, ['position']);
          })
        : list;
    const next = copyOwn(model, ['overrides']);
    if (!('mitigationStates' in next) && 'overrides' in model) next.mitigationStates = model.overrides;
    if ('elements' in model) next.elements = withoutPositions(model.elements);
    if ('boundaries' in model) next.boundaries = withoutPositions(model.boundaries);
    const layout = isRecord(file.layout) ? file.layout : {};
    const existing = isRecord(layout.positions) ? layout.positions : {};
    return { ...copyOwn(file), model: next, layout: { ...layout, positions: { ...positions, ...existing } } };
  },
};

/** The chain, in order: `MIGRATIONS[i].from === i`. */
export const MIGRATIONS: readonly Migration[] = [v0ToV1];

export interface MigrationResult {
  file: JsonObject;
  /** The migrations applied, oldest first. */
  applied: Migration[];
}

/** Carries a file of schema version `from` (0 ≤ from ≤ current) forward to the current version. */
export function migrateToCurrent(
  file: JsonObject,
  from: number,
  chain: readonly Migration[] = MIGRATIONS,
  current = CURRENT_SCHEMA_VERSION,
): MigrationResult {
  const applied: Migration[] = [];
  let value = file;
  for (let version = from; version < current; version++) {
    const migration = chain.find((m) => m.from === version);
    if (!migration) throw new Error(`no migration from schema version ${version}`);
    value = { ...migration.migrate(value), schemaVersion: version + 1 };
    applied.push(migration);
  }
  return { file: value, applied };
}
