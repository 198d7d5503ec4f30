/** A box on the diagram, in Threat Dragon's pixel units. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Positions chosen by the user (or by another layout), keyed by Rampart element or boundary id;
 * width and height default to the shape's size. */
export type DiagramPositions = Record<string, { x: number; y: number; width?: number; height?: number }>;

export interface LayoutNode {
  id: string;
  /** Innermost boundary; undefined or unknown ids put the node outside every boundary. */
  boundary?: string;
  width: number;
  height: number;
}

export interface LayoutBoundary {
  id: string;
  parent?: string;
}

export interface DiagramLayout {
  nodes: Map<string, Box>;
  boundaries: Map<string, Box>;
}

const CELL_WIDTH = 200;
const CELL_HEIGHT = 150;
/** Room between a boundary and what it contains (more above, where its label sits). */
const PAD = 30;
const LABEL = 30;
const GAP = 40;
const EMPTY_BOUNDARY: Box = { x: 0, y: 0, width: 160, height: 100 };

/**
 * A deterministic layout: boundaries are visited depth first (children by id), and each boundary's
 * own nodes are placed as a block on a square-ish grid, blocks left to right. Every boundary box is
 * then the bounding box of its nodes and nested boxes plus padding, so boxes nest like the trust
 * boundaries do; the horizontal cursor leaves room for each box's padding, so siblings never
 * overlap. Given positions win over the grid for the nodes and boundaries they name.
 */
export function layoutDiagram(
  nodes: readonly LayoutNode[],
  boundaries: readonly LayoutBoundary[],
  positions: DiagramPositions = {},
): DiagramLayout {
  const known = new Set(boundaries.map((b) => b.id));
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const b of [...boundaries].sort((a, c) => compare(a.id, c.id))) {
    if (b.parent !== undefined && known.has(b.parent) && b.parent !== b.id) {
      children.set(b.parent, [...(children.get(b.parent) ?? []), b.id]);
    } else roots.push(b.id);
  }
  const own = new Map<string, LayoutNode[]>();
  const loose: LayoutNode[] = [];
  for (const n of [...nodes].sort((a, c) => compare(a.id, c.id))) {
    if (n.boundary !== undefined && known.has(n.boundary))
      own.set(n.boundary, [...(own.get(n.boundary) ?? []), n]);
    else loose.push(n);
  }

  const depthBelow = new Map<string, number>();
  const depthOf = (id: string, seen: Set<string>): number => {
    const cached = depthBelow.get(id);
    if (cached !== undefined) return cached;
    if (seen.has(id)) return 0;
    seen.add(id);
    const d = Math.max(0, ...(children.get(id) ?? []).map((c) => 1 + depthOf(c, seen)));
    depthBelow.set(id, d);
    return d;
  };
  const maxDepth = Math.max(0, ...roots.map((r) => 1 + depthOf(r, new Set())));
  const top = maxDepth * (PAD + LABEL) + GAP;

  const placed = new Map<string, Box>();
  let cursor = GAP;
  const placeBlock = (block: readonly LayoutNode[]): void => {
    if (block.length === 0) return;
    const columns = Math.ceil(Math.sqrt(block.length));
    block.forEach((n, i) => {
      const column = i % columns;
      const row = Math.floor(i / columns);
      const given = positions[n.id];
      placed.set(
        n.id,
        given
          ? { x: given.x, y: given.y, width: given.width ?? n.width, height: given.height ?? n.height }
          : {
              x: cursor + column * CELL_WIDTH + (CELL_WIDTH - n.width) / 2,
              y: top + row * CELL_HEIGHT + (CELL_HEIGHT - n.height) / 2,
              width: n.width,
              height: n.height,
            },
      );
    });
    cursor += Math.min(columns, block.length) * CELL_WIDTH + GAP;
  };

  const boxes = new Map<string, Box>();
  const visit = (id: string, seen: Set<string>): Box | undefined => {
    if (seen.has(id)) return undefined;
    seen.add(id);
    cursor += PAD;
    const start = cursor;
    const block = own.get(id) ?? [];
    placeBlock(block);
    const inner: Box[] = block.map((n) => placed.get(n.id)!);
    for (const child of children.get(id) ?? []) {
      const box = visit(child, seen);
      if (box) inner.push(box);
    }
    let box: Box;
    if (inner.length === 0) {
      box = { ...EMPTY_BOUNDARY, x: start, y: top };
      cursor = start + EMPTY_BOUNDARY.width + GAP;
    } else {
      const left = Math.min(...inner.map((b) => b.x));
      const right = Math.max(...inner.map((b) => b.x + b.width));
      const upper = Math.min(...inner.map((b) => b.y));
      const lower = Math.max(...inner.map((b) => b.y + b.height));
      box = {
        x: left - PAD,
        y: upper - PAD - LABEL,
        width: right - left + 2 * PAD,
        height: lower - upper + 2 * PAD + LABEL,
      };
    }
    cursor += PAD;
    const given = positions[id];
    if (given)
      box = { x: given.x, y: given.y, width: given.width ?? box.width, height: given.height ?? box.height };
    boxes.set(id, box);
    return box;
  };

  placeBlock(loose);
  const seen = new Set<string>();
  for (const root of roots) visit(root, seen);
  // A parent cycle leaves boundaries no root reaches; they are laid out as roots of their own.
  for (const b of [...known].sort(compare)) if (!boxes.has(b)) visit(b, seen);
  return { nodes: placed, boundaries: boxes };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
