import { shapeOf } from '../../models/layout/element-shapes';
import type { ModelLayout, Position, ThreatModel } from '../../models/model/threat-model';

/** What the diagram editor edits: the model's semantics and, apart from them, where things are. */
export interface Scene {
  model: ThreatModel;
  layout: ModelLayout;
}

/** The box an element or boundary occupies on the diagram, in diagram coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box at a position; an element without a size takes its kind's shape (boundaries always
 * carry theirs). */
export function boxOf(position: Position | undefined, kind = 'service'): Box | undefined {
  if (!position) return undefined;
  const shape = shapeOf(kind);
  return {
    x: position.x,
    y: position.y,
    width: position.width ?? shape.width,
    height: position.height ?? shape.height,
  };
}

export function boxesIntersect(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export function boxContains(outer: Box, inner: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

/** The box around all the given boxes, or undefined for none. */
export function unionBox(boxes: Iterable<Box>): Box | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const b of boxes) {
    minX = Math.min(minX, b.x);
    minY = Math.min(minY, b.y);
    maxX = Math.max(maxX, b.x + b.width);
    maxY = Math.max(maxY, b.y + b.height);
  }
  if (minX === Infinity) return undefined;
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}

/** Inserts or replaces an item in an id-sorted array, returning a new array. */
export function upsertSorted<T extends { id: string }>(items: readonly T[], item: T): T[] {
  const out = items.filter((existing) => existing.id !== item.id);
  let i = out.findIndex((existing) => existing.id > item.id);
  if (i < 0) i = out.length;
  out.splice(i, 0, item);
  return out;
}

/** A fresh id with a readable prefix, unique among `taken`. */
export function freshId(prefix: string, taken: (id: string) => boolean): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}:${n}`;
    if (!taken(id)) return id;
  }
}

/** Every id used by an element, boundary or flow of the model. */
export function idTaken(model: ThreatModel): (id: string) => boolean {
  const ids = new Set<string>();
  for (const e of model.elements) ids.add(e.id);
  for (const b of model.boundaries) ids.add(b.id);
  for (const f of model.flows) ids.add(f.id);
  return (id) => ids.has(id);
}
