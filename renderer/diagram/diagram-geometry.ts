import type { Severity } from '../../models/conditions/condition-ids';
import { BOUNDARY_LABEL_HEIGHT } from '../../models/layout/layout-diagram';
import {
  paletteOf,
  shapeOf,
  type ElementShape,
  type ShapePalette,
  type ShapePart,
} from '../../models/layout/element-shapes';
import type {
  ModelBoundary,
  ModelElement,
  ModelFlow,
  ModelLayout,
  Position,
  ThreatModel,
} from '../../models/model/threat-model';
import type { Protection } from '../../models/topology/types';
import { boundaryChain } from '../editor/geometry';
import { boxOf, unionBox, type Box, type Scene } from '../editor/scene';
import { placePath } from './place-path';

/** An element as the diagram draws it. */
export interface ElementView extends Box {
  id: string;
  kind: string;
  name: string;
  shape: ElementShape;
  /** The shape's paths drawn at the element's box, in diagram coordinates (see place-path.ts). */
  parts: ShapePart[];
  /** The centre of the name. */
  labelX: number;
  labelY: number;
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

/** What the drawing takes from the model alone, apart from where things are. */
interface ModelStructure {
  /** Nesting depth of each boundary. */
  depth: Map<string, number>;
  /** Every flow with its bend (parallel flows fan out) and whether it crosses a boundary. */
  flows: StructuredFlow[];
  /** Indices into `flows` of the flows from or to each element. */
  flowsOf: Map<string, number[]>;
}

interface StructuredFlow {
  flow: ModelFlow;
  bend: number;
  crossing: boolean;
}

// Moving, nudging or resizing replaces the layout but not the model: the structure is worked out
// once per model, and such an edit only looks the views up again.
const structures = new WeakMap<ThreatModel, ModelStructure>();

function modelStructure(model: ThreatModel): ModelStructure {
  const known = structures.get(model);
  if (known) return known;
  const depth = new Map(model.boundaries.map((b) => [b.id, boundaryChain(model, b.id).length]));
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
  const flowsOf = new Map<string, number[]>();
  const flows = model.flows.map((flow, i) => {
    const key = pairKey(flow);
    const index = pairIndex.get(key) ?? 0;
    pairIndex.set(key, index + 1);
    const count = pairCount.get(key) ?? 1;
    // Parallel flows fan out around the straight line; the direction keeps A→B and B→A apart.
    const sign = flow.from < flow.to ? 1 : -1;
    const bend = count > 1 ? (index - (count - 1) / 2) * 28 * sign : 0;
    const crossing = chainKey(boundaryOf.get(flow.from)) !== chainKey(boundaryOf.get(flow.to));
    for (const end of new Set([flow.from, flow.to])) {
      const list = flowsOf.get(end);
      if (list) list.push(i);
      else flowsOf.set(end, [i]);
    }
    return { flow, bend, crossing };
  });
  const structure = { depth, flows, flowsOf };
  structures.set(model, structure);
  return structure;
}

/** A geometry with where each item sits in its lists, so that the next one can be patched. */
interface Drawing {
  layout: ModelLayout;
  geometry: DiagramGeometry;
  elementSlot: Map<string, number>;
  boundarySlot: Map<string, number>;
  /** Index in `geometry.flows` of each structured flow, -1 where an end has no position. */
  flowSlot: Int32Array;
}

/** The last drawing of each model. */
const drawings = new WeakMap<ThreatModel, Drawing>();

/** Beyond this many moved items, drawing afresh costs no more than patching. */
const MAX_PATCHED = 64;

/**
 * Everything the diagram draws, computed from the scene alone: boxes of elements and boundaries
 * (boundaries sorted outermost first), and flows as straight segments between box borders, with
 * parallel flows between the same two elements bent apart so that each stays visible and clickable.
 * After a move (the same model, a new layout), the last geometry of the model is patched: only the
 * moved items and their flows are looked at again, and unchanged lists are the same arrays.
 */
export function diagramGeometry(scene: Scene): DiagramGeometry {
  const { model, layout } = scene;
  const structure = modelStructure(model);
  const last = drawings.get(model);
  if (last?.layout === layout) return last.geometry;
  const drawing = (last && patchDrawing(model, structure, last, layout)) ?? drawAll(model, structure, layout);
  drawings.set(model, drawing);
  return drawing.geometry;
}

function drawAll(model: ThreatModel, structure: ModelStructure, layout: ModelLayout): Drawing {
  const elements: ElementView[] = [];
  const elementSlot = new Map<string, number>();
  for (const element of model.elements) {
    const position = layout.positions[element.id];
    if (!position) continue;
    elementSlot.set(element.id, elements.length);
    elements.push(elementView(element, position));
  }
  const boundaries: BoundaryView[] = [];
  for (const boundary of model.boundaries) {
    const position = layout.positions[boundary.id];
    if (position) boundaries.push(boundaryView(boundary, position, structure.depth.get(boundary.id) ?? 0));
  }
  boundaries.sort((a, b) => a.depth - b.depth || (a.id < b.id ? -1 : 1));
  const boundarySlot = new Map(boundaries.map((b, i) => [b.id, i]));

  const flows: FlowView[] = [];
  const flowSlot = new Int32Array(structure.flows.length).fill(-1);
  structure.flows.forEach((entry, i) => {
    const a = elementSlot.get(entry.flow.from);
    const b = elementSlot.get(entry.flow.to);
    if (a === undefined || b === undefined) return;
    flowSlot[i] = flows.length;
    flows.push(cachedFlowView(entry, elements[a]!, elements[b]!));
  });
  const geometry = { elements, boundaries, flows, bounds: unionBox([...elements, ...boundaries]) };
  return { layout, geometry, elementSlot, boundarySlot, flowSlot };
}

/** The last drawing with the moved items (and the flows attached to them) redrawn in place, or
 * undefined when items gained or lost their position, or too many moved. */
function patchDrawing(
  model: ThreatModel,
  structure: ModelStructure,
  last: Drawing,
  layout: ModelLayout,
): Drawing | undefined {
  const before = last.layout.positions;
  const after = layout.positions;
  const elements = last.geometry.elements.slice();
  const boundaries = last.geometry.boundaries.slice();
  const moved: string[] = [];
  // The box around everything stays as it was (the same object, so nothing that depends on it
  // is worked out again) while every moved box stays clear of its edges, before and after.
  let bounds = last.geometry.bounds;
  const keepsBounds = (a: Box, b: Box) => bounds !== undefined && inside(a, bounds) && inside(b, bounds);
  for (const element of model.elements) {
    const position = after[element.id];
    if (position === before[element.id]) continue;
    const slot = last.elementSlot.get(element.id);
    if (!position || slot === undefined || moved.length >= MAX_PATCHED) return undefined;
    const view = elementView(element, position);
    if (!keepsBounds(elements[slot]!, view)) bounds = undefined;
    elements[slot] = view;
    moved.push(element.id);
  }
  let patched = moved.length;
  for (const boundary of model.boundaries) {
    const position = after[boundary.id];
    if (position === before[boundary.id]) continue;
    const slot = last.boundarySlot.get(boundary.id);
    if (!position || slot === undefined || ++patched > MAX_PATCHED) return undefined;
    const view = boundaryView(boundary, position, structure.depth.get(boundary.id) ?? 0);
    if (!keepsBounds(boundaries[slot]!, view)) bounds = undefined;
    boundaries[slot] = view;
  }
  let flows = last.geometry.flows;
  if (moved.length > 0) {
    flows = flows.slice();
    for (const id of moved)
      for (const i of structure.flowsOf.get(id) ?? []) {
        const slot = last.flowSlot[i]!;
        if (slot < 0) continue;
        const entry = structure.flows[i]!;
        flows[slot] = cachedFlowView(
          entry,
          elements[last.elementSlot.get(entry.flow.from)!]!,
          elements[last.elementSlot.get(entry.flow.to)!]!,
        );
      }
  }
  const geometry = {
    elements: moved.length > 0 ? elements : last.geometry.elements,
    boundaries: patched > moved.length ? boundaries : last.geometry.boundaries,
    flows,
    bounds: bounds ?? unionBox([...elements, ...boundaries]),
  };
  return { ...last, layout, geometry };
}

/** Whether `box` lies within `bounds` without touching its edges. */
function inside(box: Box, bounds: Box): boolean {
  return (
    box.x > bounds.x &&
    box.y > bounds.y &&
    box.x + box.width < bounds.x + bounds.width &&
    box.y + box.height < bounds.y + bounds.height
  );
}

function elementView(element: ModelElement, position: Position): ElementView {
  const cached = elementViews.get(element);
  if (cached && cached.position === position) return cached.view;
  const shape = shapeOf(element.kind);
  const box = boxOf(position, element.kind)!;
  const sx = box.width / shape.width;
  const sy = box.height / shape.height;
  const view: ElementView = {
    id: element.id,
    kind: element.kind,
    name: element.name,
    shape,
    parts: shape.parts.map((part) => ({ ...part, d: placePath(part.d, box.x, box.y, sx, sy) })),
    labelX: box.x + (shape.label.x + shape.label.width / 2) * sx,
    labelY: box.y + (shape.label.y + shape.label.height / 2) * sy,
    palette: paletteOf(element.kind),
    origin: element.origin,
    ...box,
  };
  elementViews.set(element, { position, view });
  return view;
}

function boundaryView(boundary: ModelBoundary, position: Position, depth: number): BoundaryView {
  const cached = boundaryViews.get(boundary);
  if (cached && cached.position === position && cached.depth === depth) return cached.view;
  const view: BoundaryView = {
    id: boundary.id,
    kind: boundary.kind,
    name: boundary.name,
    depth,
    ...boxOf(position)!,
  };
  boundaryViews.set(boundary, { position, depth, view });
  return view;
}

function cachedFlowView({ flow, bend, crossing }: StructuredFlow, a: ElementView, b: ElementView): FlowView {
  const cached = flowViews.get(flow);
  if (cached && cached.a === a && cached.b === b && cached.bend === bend && cached.crossing === crossing)
    return cached.view;
  const view = flowView(flow, a, b, bend, crossing);
  flowViews.set(flow, { a, b, bend, crossing, view });
  return view;
}

function flowView(flow: ModelFlow, a: Box, b: Box, bend: number, crossing: boolean): FlowView {
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
  return {
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
