import dagre from '@dagrejs/dagre';
import type { ModelLayout, Position } from '../model/threat-model';
import { shapeOf } from './element-shapes';

/**
 * What the diagram layout needs to know. `ThreatModel` and `Topology` both fit: elements sit in
 * their innermost boundary, boundaries nest through `parent`, flows join two elements.
 */
export interface DiagramGraph {
  elements: readonly { id: string; kind: string; name: string; boundary?: string }[];
  boundaries: readonly { id: string; name: string; parent?: string }[];
  flows: readonly { id: string; from: string; to: string; protocol?: string; port?: number }[];
}

export interface DiagramLayoutOptions {
  /** Direction of the layers: left to right (the default, a data-flow diagram read like a sentence)
   * or top to bottom. */
  direction?: 'LR' | 'TB';
}

/** Space kept inside a boundary around its members, and above them for the boundary's name. */
export const BOUNDARY_PADDING = 16;
export const BOUNDARY_LABEL_HEIGHT = 22;
/** Size of a boundary that holds nothing yet, so that it can be seen and dropped onto. */
const EMPTY_BOUNDARY = { width: 180, height: 70 };
/** Above this many elements (or twice as many flows) the layout packs boundaries as grids. */
export const LAYERED_LIMIT = 60;
/** Distance a moved element keeps from a fixed one it would otherwise cover. */
const CLEARANCE = 12;

/**
 * Lays out a diagram as layered data flow (Sugiyama's method, as dagre implements it for compound
 * graphs: trust boundaries are clusters, elements sit in their innermost boundary). Systems larger
 * than `LAYERED_LIMIT` elements are packed as nested grids inside their boundaries instead.
 *
 * Coordinates are **top-left corners** for elements and boundaries alike, in SVG user units, y
 * pointing down. Elements carry no size unless `fixed` gave them one (their kind's shape decides,
 * see `ELEMENT_SHAPES`); boundaries always carry the `width` and `height` that enclose their
 * members and nested boundaries with `BOUNDARY_PADDING` around and `BOUNDARY_LABEL_HEIGHT` above.
 *
 * `fixed` holds positions the user chose (moved elements, resized boundaries): a fixed element
 * keeps its position exactly, and an element laid out automatically is moved below any fixed
 * element it would cover. A fixed boundary keeps its position and size as long as it still
 * encloses its members; otherwise it grows just enough to. Re-running the layout with the previous
 * result as `fixed` therefore changes nothing. Pure and deterministic: inputs are sorted by id
 * before dagre sees them, so the same diagram always gives the same layout.
 */
export function layoutDiagram(
  input: DiagramGraph,
  fixed: Readonly<Record<string, Position>> = {},
  options: DiagramLayoutOptions = {},
): ModelLayout {
  const elements = [...input.elements].sort((a, b) => compare(a.id, b.id));
  const boundaries = [...input.boundaries].sort((a, b) => compare(a.id, b.id));
  const boundaryIds = new Set(boundaries.map((b) => b.id));
  const parentOf = safeParents(boundaries, boundaryIds);
  const elementBoundary = new Map<string, string>();
  for (const e of elements)
    if (e.boundary && boundaryIds.has(e.boundary)) elementBoundary.set(e.id, e.boundary);

  // Boundaries that hold something become dagre clusters; empty ones are plain nodes, since dagre
  // cannot lay out a cluster with nothing in it.
  const occupied = new Set<string>([...elementBoundary.values(), ...parentOf.values()]);

  const nodes =
    elements.length > LAYERED_LIMIT || input.flows.length > 2 * LAYERED_LIMIT
      ? gridLayout(elements, boundaries, parentOf, elementBoundary, fixed)
      : layeredLayout(elements, boundaries, parentOf, elementBoundary, occupied, input.flows, fixed, options);

  const positions: Record<string, Position> = {};
  const placed: Rect[] = [];
  const auto: string[] = [];
  for (const e of elements) {
    const own = fixed[e.id];
    if (own) {
      positions[e.id] = { ...own };
      placed.push(rectOf(own, e.kind));
      continue;
    }
    const node = nodes.get(e.id)!;
    positions[e.id] = { x: round(node.x - node.width / 2), y: round(node.y - node.height / 2) };
    auto.push(e.id);
  }
  if (placed.length > 0) {
    const kinds = new Map(elements.map((e) => [e.id, e.kind]));
    for (const id of auto) {
      const position = positions[id]!;
      const rect = rectOf(position, kinds.get(id)!);
      for (let guard = 0; guard <= placed.length; guard++) {
        const hit = placed.find((p) => overlaps(p, rect));
        if (!hit) break;
        rect.y = hit.y + hit.height + CLEARANCE;
      }
      position.y = round(rect.y);
      placed.push(rect);
    }
  }

  // Boundaries enclose what they hold, innermost first.
  const children = new Map<string, string[]>();
  for (const b of boundaries) {
    const parent = parentOf.get(b.id);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), b.id]);
  }
  const membersOf = new Map<string, string[]>();
  for (const [element, boundary] of elementBoundary)
    membersOf.set(boundary, [...(membersOf.get(boundary) ?? []), element]);
  const kindOf = new Map(elements.map((e) => [e.id, e.kind]));
  const boxOf = (id: string): Rect => {
    const known = positions[id];
    if (known) return rectOf(known, kindOf.get(id) ?? 'service');
    const boxes = [
      ...(membersOf.get(id) ?? []).map((m) => rectOf(positions[m]!, kindOf.get(m)!)),
      ...(children.get(id) ?? []).map((c) => boxOf(c)),
    ];
    let box: Rect;
    if (boxes.length === 0) {
      const node = nodes.get(id) ?? { x: 0, y: 0 };
      box = {
        x: node.x - EMPTY_BOUNDARY.width / 2,
        y: node.y - EMPTY_BOUNDARY.height / 2,
        width: EMPTY_BOUNDARY.width,
        height: EMPTY_BOUNDARY.height,
      };
    } else {
      const x0 = Math.min(...boxes.map((b) => b.x)) - BOUNDARY_PADDING;
      const y0 = Math.min(...boxes.map((b) => b.y)) - BOUNDARY_PADDING - BOUNDARY_LABEL_HEIGHT;
      const x1 = Math.max(...boxes.map((b) => b.x + b.width)) + BOUNDARY_PADDING;
      const y1 = Math.max(...boxes.map((b) => b.y + b.height)) + BOUNDARY_PADDING;
      box = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
    }
    const own = fixed[id];
    if (own && own.width !== undefined && own.height !== undefined) {
      const x0 = Math.min(own.x, box.x);
      const y0 = Math.min(own.y, box.y);
      const x1 = Math.max(own.x + own.width, box.x + box.width);
      const y1 = Math.max(own.y + own.height, box.y + box.height);
      box = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
    }
    const rounded = {
      x: round(box.x),
      y: round(box.y),
      width: round(box.width),
      height: round(box.height),
    };
    positions[id] = rounded;
    return rounded;
  };
  for (const b of boundaries) boxOf(b.id);

  // Keys in id order, so that a saved layout diffs cleanly.
  const sorted: Record<string, Position> = {};
  for (const id of Object.keys(positions).sort(compare)) sorted[id] = positions[id]!;
  return { positions: sorted };
}

/** Node centres and sizes, as dagre reports them. */
type NodeBoxes = Map<string, { x: number; y: number; width: number; height: number }>;

/** Sugiyama-style layered layout of a compound graph (dagre): flows run left to right through
 * ranks, boundaries are clusters. */
function layeredLayout(
  elements: DiagramGraph['elements'],
  boundaries: DiagramGraph['boundaries'],
  parentOf: ReadonlyMap<string, string>,
  elementBoundary: ReadonlyMap<string, string>,
  occupied: ReadonlySet<string>,
  inputFlows: DiagramGraph['flows'],
  fixed: Readonly<Record<string, Position>>,
  options: DiagramLayoutOptions,
): NodeBoxes {
  const elementIds = new Set(elements.map((e) => e.id));
  const g = new dagre.graphlib.Graph({ compound: true, multigraph: true });
  g.setGraph({
    rankdir: options.direction ?? 'LR',
    nodesep: 36,
    ranksep: 64,
    edgesep: 16,
    marginx: 16,
    marginy: 16,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const b of boundaries) {
    g.setNode(b.id, occupied.has(b.id) ? {} : { ...EMPTY_BOUNDARY });
  }
  for (const b of boundaries) {
    const parent = parentOf.get(b.id);
    if (parent) g.setParent(b.id, parent);
  }
  for (const e of elements) {
    const shape = shapeOf(e.kind);
    const own = fixed[e.id];
    g.setNode(e.id, { width: own?.width ?? shape.width, height: own?.height ?? shape.height });
    const boundary = elementBoundary.get(e.id);
    if (boundary) g.setParent(e.id, boundary);
  }
  const flows = [...inputFlows].sort((a, b) => compare(a.id, b.id));
  for (const f of flows) {
    if (f.from === f.to || !elementIds.has(f.from) || !elementIds.has(f.to)) continue;
    // Room for the `protocol:port` label, so that labels sit between layers, not on boxes.
    const label = `${f.protocol ?? ''}:${f.port ?? ''}`;
    g.setEdge(f.from, f.to, { width: 8 + label.length * 6.5, height: 28, labelpos: 'c' }, f.id);
  }
  dagre.layout(g);

  const nodes: NodeBoxes = new Map();
  for (const id of g.nodes()) {
    const node = g.node(id) as { x: number; y: number; width: number; height: number };
    nodes.set(id, { x: node.x, y: node.y, width: node.width, height: node.height });
  }
  return nodes;
}

/** Order of kinds in a grid: where traffic comes from first, then what serves it, then storage. */
const GRID_KIND_ORDER = ['internet', 'external', 'service', 'data-store', 'host', 'cluster'];
const GRID_GAP_X = 36;
const GRID_GAP_Y = 40;

/**
 * Nested shelf packing for large systems: each boundary's members and sub-boundaries in rows of a
 * roughly square block. A layered layout of hundreds of services has hundreds of ranks and costs
 * seconds without being readable; a grid inside the trust boundaries stays both fast and legible.
 */
function gridLayout(
  elements: DiagramGraph['elements'],
  boundaries: DiagramGraph['boundaries'],
  parentOf: ReadonlyMap<string, string>,
  elementBoundary: ReadonlyMap<string, string>,
  fixed: Readonly<Record<string, Position>>,
): NodeBoxes {
  const ROOT = '\u0000root';
  const childBoundaries = new Map<string, string[]>();
  for (const b of boundaries) {
    const parent = parentOf.get(b.id) ?? ROOT;
    childBoundaries.set(parent, [...(childBoundaries.get(parent) ?? []), b.id]);
  }
  const members = new Map<string, DiagramGraph['elements'][number][]>();
  for (const e of elements) {
    const boundary = elementBoundary.get(e.id) ?? ROOT;
    members.set(boundary, [...(members.get(boundary) ?? []), e]);
  }
  const rank = (kind: string) => {
    const i = GRID_KIND_ORDER.indexOf(kind);
    return i < 0 ? GRID_KIND_ORDER.length : i;
  };
  interface Item {
    id: string;
    width: number;
    height: number;
    /** Places the item with its top-left corner at (x, y). */
    place(x: number, y: number): void;
  }
  const nodes: NodeBoxes = new Map();
  const elementItem = (e: DiagramGraph['elements'][number]): Item => {
    const shape = shapeOf(e.kind);
    const width = fixed[e.id]?.width ?? shape.width;
    const height = fixed[e.id]?.height ?? shape.height;
    return {
      id: e.id,
      width,
      height,
      place: (x, y) => nodes.set(e.id, { x: x + width / 2, y: y + height / 2, width, height }),
    };
  };
  const packed = (container: string): Item[] => {
    const own = [...(members.get(container) ?? [])].sort(
      (a, b) => rank(a.kind) - rank(b.kind) || compare(a.id, b.id),
    );
    return [...(childBoundaries.get(container) ?? []).map(boundaryItem), ...own.map(elementItem)];
  };
  const shelves = (items: Item[]) => {
    const area = items.reduce((sum, i) => sum + (i.width + GRID_GAP_X) * (i.height + GRID_GAP_Y), 0);
    const rowWidth = Math.max(...items.map((i) => i.width), Math.sqrt(area) * 1.6);
    const spots: { item: Item; x: number; y: number }[] = [];
    let x = 0;
    let y = 0;
    let rowHeight = 0;
    let width = 0;
    for (const item of items) {
      if (x > 0 && x + item.width > rowWidth) {
        x = 0;
        y += rowHeight + GRID_GAP_Y;
        rowHeight = 0;
      }
      spots.push({ item, x, y });
      width = Math.max(width, x + item.width);
      rowHeight = Math.max(rowHeight, item.height);
      x += item.width + GRID_GAP_X;
    }
    return { spots, width, height: y + rowHeight };
  };
  function boundaryItem(id: string): Item {
    const items = packed(id);
    if (items.length === 0) {
      const { width, height } = EMPTY_BOUNDARY;
      return {
        id,
        width,
        height,
        place: (x, y) => nodes.set(id, { x: x + width / 2, y: y + height / 2, width, height }),
      };
    }
    const inner = shelves(items);
    return {
      id,
      width: inner.width + 2 * BOUNDARY_PADDING,
      height: inner.height + 2 * BOUNDARY_PADDING + BOUNDARY_LABEL_HEIGHT,
      place: (x, y) => {
        for (const spot of inner.spots)
          spot.item.place(
            x + BOUNDARY_PADDING + spot.x,
            y + BOUNDARY_PADDING + BOUNDARY_LABEL_HEIGHT + spot.y,
          );
      },
    };
  }
  const top = packed(ROOT);
  if (top.length > 0) for (const spot of shelves(top).spots) spot.item.place(16 + spot.x, 16 + spot.y);
  return nodes;
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function rectOf(position: Position, kind: string): Rect {
  const shape = shapeOf(kind);
  return {
    x: position.x,
    y: position.y,
    width: position.width ?? shape.width,
    height: position.height ?? shape.height,
  };
}

function overlaps(a: Rect, b: Rect): boolean {
  return (
    a.x < b.x + b.width + CLEARANCE &&
    b.x < a.x + a.width + CLEARANCE &&
    a.y < b.y + b.height + CLEARANCE &&
    b.y < a.y + a.height + CLEARANCE
  );
}

/** Parents that exist and form no cycle; a boundary in a cycle or under an unknown one is top-level. */
function safeParents(
  boundaries: readonly { id: string; parent?: string }[],
  ids: ReadonlySet<string>,
): Map<string, string> {
  const declared = new Map<string, string>();
  for (const b of boundaries)
    if (b.parent && ids.has(b.parent) && b.parent !== b.id) declared.set(b.id, b.parent);
  const parents = new Map<string, string>();
  for (const b of boundaries) {
    const parent = declared.get(b.id);
    if (!parent) continue;
    const seen = new Set([b.id]);
    let cyclic = false;
    for (let p: string | undefined = parent; p; p = declared.get(p)) {
      if (seen.has(p)) {
        cyclic = true;
        break;
      }
      seen.add(p);
    }
    if (!cyclic) parents.set(b.id, parent);
  }
  return parents;
}

function round(value: number): number {
  return Math.round(value);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
