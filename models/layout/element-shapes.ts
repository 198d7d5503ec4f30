import type { ElementKind } from '../topology/types';

/**
 * The shape of each diagram element kind, as plain data: the static SVG export and the editor draw
 * the same geometry from it, so a box looks the same on screen and in the specification. Every
 * shape is drawn in its own frame, (0, 0) being the top-left corner of its `width` × `height`
 * bounding box; a renderer translates the frame to the element's position.
 *
 * The vocabulary follows data-flow diagram practice (DeMarco/Gane–Sarson as used in threat
 * modelling): processes are rounded boxes, data stores cylinders, external entities doubly bordered
 * squares, and the machines that run everything 3D boxes.
 */
export interface ElementShape {
  width: number;
  height: number;
  /** Paths in drawing order. */
  parts: ShapePart[];
  /** Where the name goes, centred in this box. */
  label: { x: number; y: number; width: number; height: number };
}

/** One path of a shape. `role` decides its paint: `body` takes the kind's fill and stroke, `shade`
 * the darker fill (the faces of a box, the lid of a cylinder), `line` only a stroke. */
export interface ShapePart {
  d: string;
  role: 'body' | 'shade' | 'line';
}

/** Fill, shade and stroke colours of a kind: shared so that legend, export and editor agree. */
export interface ShapePalette {
  fill: string;
  shade: string;
  stroke: string;
  text: string;
}

const SERVICE_W = 150;
const SERVICE_H = 56;
const R = 10;

function roundedRect(w: number, h: number, r: number): string {
  return (
    `M${r} 0H${w - r}A${r} ${r} 0 0 1 ${w} ${r}V${h - r}A${r} ${r} 0 0 1 ${w - r} ${h}` +
    `H${r}A${r} ${r} 0 0 1 0 ${h - r}V${r}A${r} ${r} 0 0 1 ${r} 0Z`
  );
}

function rect(x: number, y: number, w: number, h: number): string {
  return `M${x} ${y}H${x + w}V${y + h}H${x}Z`;
}

const STORE_W = 140;
const STORE_H = 64;
/** Vertical radius of the cylinder's ellipses. */
const LID = 9;

const ENTITY_W = 150;
const ENTITY_H = 56;
/** Gap between the two borders of an external entity. */
const INSET = 4;

const BOX_W = 160;
const BOX_H = 60;
/** Depth of the 3D box's top and side faces. */
const DEPTH = 10;

const service: ElementShape = {
  width: SERVICE_W,
  height: SERVICE_H,
  parts: [{ d: roundedRect(SERVICE_W, SERVICE_H, R), role: 'body' }],
  label: { x: 6, y: 4, width: SERVICE_W - 12, height: SERVICE_H - 8 },
};

const dataStore: ElementShape = {
  width: STORE_W,
  height: STORE_H,
  parts: [
    {
      d:
        `M0 ${LID}A${STORE_W / 2} ${LID} 0 0 1 ${STORE_W} ${LID}V${STORE_H - LID}` +
        `A${STORE_W / 2} ${LID} 0 0 1 0 ${STORE_H - LID}Z`,
      role: 'body',
    },
    {
      d: `M0 ${LID}A${STORE_W / 2} ${LID} 0 0 0 ${STORE_W} ${LID}A${STORE_W / 2} ${LID} 0 0 0 0 ${LID}Z`,
      role: 'shade',
    },
  ],
  label: { x: 6, y: 2 * LID + 2, width: STORE_W - 12, height: STORE_H - 3 * LID - 2 },
};

function externalEntity(w: number, h: number): ElementShape {
  return {
    width: w,
    height: h,
    parts: [
      { d: rect(0, 0, w, h), role: 'body' },
      { d: rect(INSET, INSET, w - 2 * INSET, h - 2 * INSET), role: 'line' },
    ],
    label: { x: INSET + 4, y: INSET + 2, width: w - 2 * INSET - 8, height: h - 2 * INSET - 4 },
  };
}

function box3d(w: number, h: number): ElementShape {
  const front = rect(0, DEPTH, w - DEPTH, h - DEPTH);
  const top = `M0 ${DEPTH}L${DEPTH} 0H${w}L${w - DEPTH} ${DEPTH}Z`;
  const side = `M${w - DEPTH} ${DEPTH}L${w} 0V${h - DEPTH}L${w - DEPTH} ${h}Z`;
  return {
    width: w,
    height: h,
    parts: [
      { d: front, role: 'body' },
      { d: top, role: 'shade' },
      { d: side, role: 'shade' },
    ],
    label: { x: 6, y: DEPTH + 4, width: w - DEPTH - 12, height: h - DEPTH - 8 },
  };
}

/** Shapes by element kind (DESIGN §3). */
export const ELEMENT_SHAPES: Record<ElementKind, ElementShape> = {
  service,
  'data-store': dataStore,
  internet: externalEntity(ENTITY_W, ENTITY_H),
  external: externalEntity(ENTITY_W, ENTITY_H),
  host: box3d(BOX_W, BOX_H),
  cluster: box3d(BOX_W, BOX_H),
};

/** Colours by element kind: light fills that stay readable in print and in greyscale. */
export const ELEMENT_PALETTES: Record<ElementKind, ShapePalette> = {
  service: { fill: '#e8f1fb', shade: '#c9dcf2', stroke: '#2f5d8a', text: '#10253a' },
  'data-store': { fill: '#eef6e8', shade: '#cfe3c0', stroke: '#4a7a2c', text: '#1d3210' },
  internet: { fill: '#fdf1e4', shade: '#f5d9b8', stroke: '#9a5a17', text: '#3b2208' },
  external: { fill: '#fdf1e4', shade: '#f5d9b8', stroke: '#9a5a17', text: '#3b2208' },
  host: { fill: '#eeeef2', shade: '#d2d2dc', stroke: '#4a4a5c', text: '#1e1e28' },
  cluster: { fill: '#eeeef2', shade: '#d2d2dc', stroke: '#4a4a5c', text: '#1e1e28' },
};

/** Words for each kind, as the legend prints them. */
export const ELEMENT_KIND_LABELS: Record<ElementKind, string> = {
  service: 'Service / container',
  'data-store': 'Data store',
  internet: 'Internet',
  external: 'External entity',
  host: 'Host',
  cluster: 'Cluster',
};

/** The shape of a kind; an unknown kind (a newer model) is drawn as a service. */
export function shapeOf(kind: string): ElementShape {
  return ELEMENT_SHAPES[kind as ElementKind] ?? service;
}

export function paletteOf(kind: string): ShapePalette {
  return ELEMENT_PALETTES[kind as ElementKind] ?? ELEMENT_PALETTES.service;
}
