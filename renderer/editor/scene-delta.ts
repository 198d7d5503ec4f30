import type { Position, ThreatModel } from '../../models/model/threat-model';
import type { Scene } from './scene';

/**
 * A change between two scenes, kept apart from the scene itself so that undo and redo replay
 * exactly what changed: per keyed collection the items added, removed or replaced (before and
 * after), per position the old and new box, and whole values for the model's other fields.
 */
export interface SceneDelta {
  collections: Partial<Record<KeyedField, ItemChange<unknown>[]>>;
  positions: ItemChange<Position>[];
  fields: Partial<Record<PlainField, { before: unknown; after: unknown }>>;
}

export interface ItemChange<T> {
  key: string;
  before?: T;
  after?: T;
}

const KEYED_FIELDS = [
  'elements',
  'boundaries',
  'flows',
  'mitigationStates',
  'decisions',
  'treeNodes',
  'notes',
] as const;
type KeyedField = (typeof KEYED_FIELDS)[number];
type PlainField = Exclude<keyof ThreatModel, KeyedField>;

function keyOf(field: KeyedField, item: unknown): string {
  if (field === 'mitigationStates') {
    const edit = item as { target: string; mitigation: string };
    return `${edit.target}\u0000${edit.mitigation}`;
  }
  return (item as { id: string }).id;
}

function diffKeyed<T>(before: readonly T[], after: readonly T[], key: (item: T) => string): ItemChange<T>[] {
  if (before === after) return [];
  const old = new Map(before.map((item) => [key(item), item]));
  const changes: ItemChange<T>[] = [];
  const seen = new Set<string>();
  for (const item of after) {
    const k = key(item);
    seen.add(k);
    const was = old.get(k);
    if (was === item) continue;
    if (was === undefined) changes.push({ key: k, after: item });
    else if (JSON.stringify(was) !== JSON.stringify(item)) changes.push({ key: k, before: was, after: item });
  }
  for (const [k, item] of old) if (!seen.has(k)) changes.push({ key: k, before: item });
  return changes;
}

function samePosition(a: Position, b: Position): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

/** The delta that turns `before` into `after`, or undefined when nothing changed. */
export function diffScenes(before: Scene, after: Scene): SceneDelta | undefined {
  const delta: SceneDelta = { collections: {}, positions: [], fields: {} };
  let empty = true;
  if (before.model !== after.model) {
    for (const field of Object.keys({ ...before.model, ...after.model }) as (keyof ThreatModel)[]) {
      const a = before.model[field];
      const b = after.model[field];
      if (a === b) continue;
      if ((KEYED_FIELDS as readonly string[]).includes(field)) {
        const keyed = field as KeyedField;
        const changes = diffKeyed((a ?? []) as unknown[], (b ?? []) as unknown[], (item) =>
          keyOf(keyed, item),
        );
        if (changes.length > 0) {
          delta.collections[keyed] = changes;
          empty = false;
        }
      } else if (JSON.stringify(a) !== JSON.stringify(b)) {
        delta.fields[field as PlainField] = { before: a, after: b };
        empty = false;
      }
    }
  }
  if (before.layout.positions !== after.layout.positions) {
    const a = before.layout.positions;
    const b = after.layout.positions;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const was = a[key];
      const now = b[key];
      if (was === now || (was && now && samePosition(was, now))) continue;
      delta.positions.push({ key, ...(was ? { before: was } : {}), ...(now ? { after: now } : {}) });
    }
    if (delta.positions.length > 0) empty = false;
  }
  return empty ? undefined : delta;
}

function compareKeys(field: KeyedField): (a: unknown, b: unknown) => number {
  return (a, b) => {
    const ka = keyOf(field, a);
    const kb = keyOf(field, b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
}

/** Applies a delta forwards (redo) or backwards (undo), returning a new scene. */
export function applyDelta(scene: Scene, delta: SceneDelta, direction: 'forward' | 'backward'): Scene {
  const pick = <T>(change: ItemChange<T>) => (direction === 'forward' ? change.after : change.before);
  let model = scene.model;
  const fieldEntries = Object.entries(delta.fields) as [PlainField, { before: unknown; after: unknown }][];
  const collectionEntries = Object.entries(delta.collections) as [KeyedField, ItemChange<unknown>[]][];
  if (fieldEntries.length > 0 || collectionEntries.length > 0) {
    const next: Record<string, unknown> = { ...model };
    for (const [field, change] of fieldEntries) {
      const value = direction === 'forward' ? change.after : change.before;
      if (value === undefined) delete next[field];
      else next[field] = value;
    }
    for (const [field, changes] of collectionEntries) {
      const byKey = new Map(((model[field] ?? []) as unknown[]).map((item) => [keyOf(field, item), item]));
      for (const change of changes) {
        const value = pick(change);
        if (value === undefined) byKey.delete(change.key);
        else byKey.set(change.key, value);
      }
      next[field] = [...byKey.values()].sort(compareKeys(field));
    }
    model = next as unknown as ThreatModel;
  }
  let layout = scene.layout;
  if (delta.positions.length > 0) {
    const positions = { ...layout.positions };
    for (const change of delta.positions) {
      const value = pick(change);
      if (value === undefined) delete positions[change.key];
      else positions[change.key] = value;
    }
    layout = { ...layout, positions };
  }
  return { model, layout };
}
