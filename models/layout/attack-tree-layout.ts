/**
 * Tidy layout of a rooted tree (the attack-tree explorer's unfolded goal view, see
 * `models/attack/explore/goal-view.ts`), after Reingold & Tilford, "Tidier drawings of trees",
 * IEEE TSE 7(2), 1981: each subtree is laid out on its own, then siblings are pushed apart just
 * far enough that their *contours* — the leftmost and rightmost extent at every depth — keep a
 * gap, and a parent is centred over its first and last child. Node widths may differ; every depth
 * gets one row as tall as its tallest node. Linear in nodes × depth, deterministic, no iteration,
 * so a 300-node view lays out in well under a frame.
 *
 * Coordinates: `x`, `y` are the top-left corner of each box; the drawing starts at (margin,
 * margin).
 */

export interface TidyNode<T> {
  key: string;
  children: readonly T[];
}

export interface BoxSize {
  width: number;
  height: number;
}

export interface TidyLayoutOptions {
  /** Horizontal gap between neighbouring boxes (default 16). */
  gap?: number;
  /** Vertical gap between rows (default 48). */
  levelGap?: number;
  /** Space around the drawing (default 16). */
  margin?: number;
}

export interface LaidOutBox extends BoxSize {
  key: string;
  x: number;
  y: number;
  depth: number;
}

export interface TidyLayout {
  boxes: Map<string, LaidOutBox>;
  /** Parent key → child key, in drawing order. */
  edges: { from: string; to: string }[];
  width: number;
  height: number;
}

interface Placed {
  /** Centre offsets of the children relative to this node's centre. */
  offsets: number[];
  /** Extent at each depth below (0 = this node), relative to this node's centre. */
  left: number[];
  right: number[];
}

export function layoutTidyTree<T extends TidyNode<T>>(
  root: T,
  sizeOf: (node: T) => BoxSize,
  options: TidyLayoutOptions = {},
): TidyLayout {
  const gap = options.gap ?? 16;
  const levelGap = options.levelGap ?? 48;
  const margin = options.margin ?? 16;

  const sizes = new Map<string, BoxSize>();
  const rowHeight: number[] = [];
  const placed = new Map<string, Placed>();

  // Sizes and row heights first, then contours bottom-up (post-order, iteratively: generated
  // views can be deep and wide).
  const order: [T, number][] = [];
  const stack: [T, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    order.push([node, depth]);
    const size = sizeOf(node);
    sizes.set(node.key, size);
    rowHeight[depth] = Math.max(rowHeight[depth] ?? 0, size.height);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push([node.children[i]!, depth + 1]);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const [node] = order[i]!;
    placed.set(node.key, placeSubtree(node, sizes.get(node.key)!, placed, gap));
  }

  const rowTop: number[] = [];
  let y = margin;
  for (let d = 0; d < rowHeight.length; d++) {
    rowTop[d] = y;
    y += (rowHeight[d] ?? 0) + levelGap;
  }

  const boxes = new Map<string, LaidOutBox>();
  const edges: { from: string; to: string }[] = [];
  let minX = Infinity;
  let maxX = -Infinity;
  const centres: [T, number, number][] = [[root, 0, 0]];
  while (centres.length > 0) {
    const [node, centre, depth] = centres.pop()!;
    const size = sizes.get(node.key)!;
    const x = centre - size.width / 2;
    // Rows align their boxes' vertical centres, so edges between rows stay straight.
    const top = rowTop[depth]! + ((rowHeight[depth] ?? 0) - size.height) / 2;
    boxes.set(node.key, { key: node.key, x, y: top, width: size.width, height: size.height, depth });
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x + size.width);
    const { offsets } = placed.get(node.key)!;
    node.children.forEach((child, i) => {
      edges.push({ from: node.key, to: child.key });
      centres.push([child, centre + offsets[i]!, depth + 1]);
    });
  }
  const shift = margin - minX;
  for (const box of boxes.values()) box.x += shift;
  return {
    boxes,
    edges,
    width: maxX - minX + 2 * margin,
    height: y - levelGap + margin,
  };
}

function placeSubtree<T extends TidyNode<T>>(
  node: T,
  size: BoxSize,
  placed: ReadonlyMap<string, Placed>,
  gap: number,
): Placed {
  const half = size.width / 2;
  if (node.children.length === 0) return { offsets: [], left: [-half], right: [half] };

  const positions: number[] = [];
  let accLeft: number[] = [];
  let accRight: number[] = [];
  for (const child of node.children) {
    const c = placed.get(child.key)!;
    let at = 0;
    if (positions.length > 0) {
      at = -Infinity;
      const common = Math.min(accRight.length, c.left.length);
      for (let d = 0; d < common; d++) at = Math.max(at, accRight[d]! - c.left[d]! + gap);
    }
    positions.push(at);
    const left: number[] = [];
    const right: number[] = [];
    const depth = Math.max(accLeft.length, c.left.length);
    for (let d = 0; d < depth; d++) {
      left[d] = d < accLeft.length ? accLeft[d]! : c.left[d]! + at;
      right[d] = d < c.right.length ? c.right[d]! + at : accRight[d]!;
    }
    accLeft = left;
    accRight = right;
  }
  const mid = (positions[0]! + positions[positions.length - 1]!) / 2;
  return {
    offsets: positions.map((p) => p - mid),
    left: [-half, ...accLeft.map((v) => v - mid)],
    right: [half, ...accRight.map((v) => v - mid)],
  };
}
