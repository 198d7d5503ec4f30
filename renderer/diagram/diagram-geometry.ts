import type { Severity } from '../../models/conditions/condition-ids';
import { BOUNDARY_LABEL_HEIGHT } from '../../models/layout/layout-diagram';
import { paletteOf, shapeOf, type ElementShape, type ShapePalette } from '../../models/layout/element-shapes';
import type { ModelBoundary, ModelFlow } from '../../models/model/threat-model';
import type { Protection } from '../../models/topology/types';
import { boundaryChain } from '../editor/geometry';
import { boxOf, unionBox, type Box, type Scene } from '../editor/scene';

/** An element as the diagram draws it. */
export interface ElementView extends Box {
  id: string;
  kind: string;
  name: string;
  shape: ElementShape;
  palette: ShapePalette;
  origin: 'imported' | 'user';
}

export interface BoundaryView extends Box {
  id: string;
  kind: ModelBoundary['kind'];
  name: string;
  /** Nesting depth: outer boundaries are drawn first. */
  depth: number;
}

export interface FlowView {
  id: string;
  from: string;
  to: string;
  /** Path from the edge of the source's box to the edge of the target's. */
  d: string;
  labelX: number;
  labelY: number;
  /** `protocol:port`. */
  label: string;
  protection: Protection;
  crossesBoundary: boolean;
}

export interface DiagramGeometry {
  elements: ElementView[];
  boundaries: BoundaryView[];
  flows: FlowView[];
  /** Box around everything, for fit-to-view and the minimap. */
  bounds: Box | undefined;
}

/** The point where the segment from the centre of `box` towards (tx, ty) leaves the box. */
function borderPoint(box: Box, tx: number, ty: number): [number, number] {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const sx = dx === 0 ? Infinity : box.width / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : box.height / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return [cx + dx * s, cy + dy * s];
}

export function flowLabel(flow: Pick<ModelFlow, 'protocol' | 'port'>): string {
  return flow.port !== undefined ? `${flow.protocol}:${flow.port}` : flow.protocol;
}

// Views are reused while what they are made of is the same object: after an edit only the changed
// items get new views, so the diagram updates only those (scenes are replaced immutably).
const elementViews = new WeakMap<object, { position: object; view: ElementView }>();
const boundaryViews = new WeakMap<object, { position: object; depth: number; view: BoundaryView }>();
const flowViews = new WeakMap<
  object,
  { a: ElementView; b: ElementView; bend: number; crossing: boolean; view: FlowView }
>();

/**
 * Everything the diagram draws, computed from the scene alone: boxes of elements and boundaries
 * (boundaries sorted outermost first), and flows as straight segments between box borders, with
 * parallel flows between the same two elements bent apart so that each stays visible and clickable.
 */
export function diagramGeometry(scene: Scene): DiagramGeometry {
  const { model, layout } = scene;
  const elements: ElementView[] = [];
  const byId = new Map<string, ElementView>();
  for (const element of model.elements) {
    const position = layout.positions[element.id];
    if (!position) continue;
    const cached = elementViews.get(element);
    if (cached && cached.position === position) {
      elements.push(cached.view);
      byId.set(element.id, cached.view);
      continue;
    }
    const shape = shapeOf(element.kind);
    const box = boxOf(position, element.kind)!;
    const view: ElementView = {
      id: element.id,
      kind: element.kind,
      name: element.name,
      shape,
      palette: paletteOf(element.kind),
      origin: element.origin,
      ...box,
    };
    elements.push(view);
    byId.set(element.id, view);
    elementViews.set(element, { position, view });
  }
  const boundaries: BoundaryView[] = [];
  for (const boundary of model.boundaries) {
    const position = layout.positions[boundary.id];
    if (!position) continue;
    const depth = boundaryChain(model, boundary.id).length;
    const cached = boundaryViews.get(boundary);
    if (cached && cached.position === position && cached.depth === depth) {
      boundaries.push(cached.view);
      continue;
    }
    const view: BoundaryView = {
      id: boundary.id,
      kind: boundary.kind,
      name: boundary.name,
      depth,
      ...boxOf(position)!,
    };
    boundaryViews.set(boundary, { position, depth, view });
    boundaries.push(view);
  }
  boundaries.sort((a, b) => a.depth - b.depth || (a.id < b.id ? -1 : 1));

  const boundaryOf = new Map(model.elements.map((e) => [e.id, e.boundary]));
  const chains = new Map<string | undefined, string>();
  const chainKey = (id: string | undefined) => {
    let key = chains.get(id);
    if (key === undefined) {
      key = boundaryChain(model, id).join('\u0000');
      chains.set(id, key);
    }
    return key;
  };
  const pairCount = new Map<string, number>();
  const pairIndex = new Map<string, number>();
  const pairKey = (f: ModelFlow) => (f.from < f.to ? `${f.from}\u0000${f.to}` : `${f.to}\u0000${f.from}`);
  for (const flow of model.flows) pairCount.set(pairKey(flow), (pairCount.get(pairKey(flow)) ?? 0) + 1);

  const flows: FlowView[] = [];
  for (const flow of model.flows) {
    const a = byId.get(flow.from);
    const b = byId.get(flow.to);
    if (!a || !b) continue;
    const key = pairKey(flow);
    const index = pairIndex.get(key) ?? 0;
    pairIndex.set(key, index + 1);
    const count = pairCount.get(key) ?? 1;
    // Parallel flows fan out around the straight line; the direction keeps A→B and B→A apart.
    const sign = flow.from < flow.to ? 1 : -1;
    const bend = count > 1 ? (index - (count - 1) / 2) * 28 * sign : 0;
    const crossing = chainKey(boundaryOf.get(flow.from)) !== chainKey(boundaryOf.get(flow.to));
    const cached = flowViews.get(flow);
    if (cached && cached.a === a && cached.b === b && cached.bend === bend && cached.crossing === crossing) {
      flows.push(cached.view);
      continue;
    }
    const acx = a.x + a.width / 2;
    const acy = a.y + a.height / 2;
    const bcx = b.x + b.width / 2;
    const bcy = b.y + b.height / 2;
    const len = Math.hypot(bcx - acx, bcy - acy) || 1;
    const nx = -(bcy - acy) / len;
    const ny = (bcx - acx) / len;
    const mx = (acx + bcx) / 2 + nx * bend;
    const my = (acy + bcy) / 2 + ny * bend;
    const [x1, y1] = borderPoint(a, mx, my);
    const [x2, y2] = borderPoint(b, mx, my);
    const d =
      bend === 0
        ? `M${x1.toFixed(1)} ${y1.toFixed(1)}L${x2.toFixed(1)} ${y2.toFixed(1)}`
        : `M${x1.toFixed(1)} ${y1.toFixed(1)}Q${(2 * mx - (x1 + x2) / 2).toFixed(1)} ${(2 * my - (y1 + y2) / 2).toFixed(1)} ${x2.toFixed(1)} ${y2.toFixed(1)}`;
    const view: FlowView = {
      id: flow.id,
      from: flow.from,
      to: flow.to,
      d,
      labelX: mx,
      labelY: my,
      label: flowLabel(flow),
      protection: flow.protection,
      crossesBoundary: crossing,
    };
    flowViews.set(flow, { a, b, bend, crossing, view });
    flows.push(view);
  }
  return { elements, boundaries, flows, bounds: unionBox([...elements, ...boundaries]) };
}

/** Height of the strip at the top of a boundary that holds its name and moves it. */
export const BOUNDARY_TITLE_HEIGHT = BOUNDARY_LABEL_HEIGHT;

export const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: '#8b1a1a',
  high: '#c2410c',
  medium: '#a16207',
  low: '#3f6212',
  info: '#475569',
};

/** Elements and boundaries (with everything nested in them) that move when `ids` are dragged. */
export function movingItems(scene: Scene, ids: readonly string[]): string[] {
  const { model } = scene;
  const selected = new Set(ids);
  const boundaryIds = new Set(model.boundaries.filter((b) => selected.has(b.id)).map((b) => b.id));
  // Everything inside a moved boundary moves with it.
  let grew = true;
  while (grew) {
    grew = false;
    for (const b of model.boundaries)
      if (b.parent && boundaryIds.has(b.parent) && !boundaryIds.has(b.id)) {
        boundaryIds.add(b.id);
        grew = true;
      }
  }
  const moving = new Set<string>(boundaryIds);
  for (const e of model.elements)
    if (selected.has(e.id) || (e.boundary && boundaryIds.has(e.boundary))) moving.add(e.id);
  return [...moving].filter((id) => scene.layout.positions[id]);
}
