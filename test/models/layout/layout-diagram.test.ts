import { describe, expect, it } from 'vitest';
import { ELEMENT_SHAPES, shapeOf } from '../../../models/layout/element-shapes';
import {
  BOUNDARY_LABEL_HEIGHT,
  BOUNDARY_PADDING,
  LAYERED_LIMIT,
  layoutDiagram,
  type DiagramGraph,
} from '../../../models/layout/layout-diagram';
import type { ModelLayout, Position } from '../../../models/model/threat-model';

const shop: DiagramGraph = {
  boundaries: [
    { id: 'b:internet', name: 'Internet' },
    { id: 'b:host', name: 'Docker host' },
    { id: 'b:front', name: 'frontend', parent: 'b:host' },
    { id: 'b:back', name: 'backend', parent: 'b:host' },
  ],
  elements: [
    { id: 'internet', kind: 'internet', name: 'Internet', boundary: 'b:internet' },
    { id: 'web', kind: 'service', name: 'web', boundary: 'b:front' },
    { id: 'api', kind: 'service', name: 'api', boundary: 'b:back' },
    { id: 'db', kind: 'data-store', name: 'db', boundary: 'b:back' },
    { id: 'host', kind: 'host', name: 'Docker host', boundary: 'b:host' },
  ],
  flows: [
    { id: 'f1', from: 'internet', to: 'web', protocol: 'http', port: 443 },
    { id: 'f2', from: 'web', to: 'api', protocol: 'http', port: 8080 },
    { id: 'f3', from: 'api', to: 'db', protocol: 'postgresql', port: 5432 },
  ],
};

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function box(layout: ModelLayout, id: string, kind?: string): Box {
  const p = layout.positions[id]!;
  const shape = kind ? shapeOf(kind) : undefined;
  return { x: p.x, y: p.y, width: p.width ?? shape!.width, height: p.height ?? shape!.height };
}

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

function overlap(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('layoutDiagram', () => {
  it('gives the same layout forty times', () => {
    const first = JSON.stringify(layoutDiagram(shop));
    for (let i = 0; i < 40; i++) expect(JSON.stringify(layoutDiagram(shop))).toBe(first);
  });

  it('does not depend on the order of the input arrays', () => {
    const reversed: DiagramGraph = {
      elements: [...shop.elements].reverse(),
      boundaries: [...shop.boundaries].reverse(),
      flows: [...shop.flows].reverse(),
    };
    expect(layoutDiagram(reversed)).toEqual(layoutDiagram(shop));
  });

  it('positions every element and boundary, keys sorted', () => {
    const layout = layoutDiagram(shop);
    const ids = [...shop.elements.map((e) => e.id), ...shop.boundaries.map((b) => b.id)].sort();
    expect(Object.keys(layout.positions)).toEqual(ids);
    for (const e of shop.elements) expect(layout.positions[e.id]!.width).toBeUndefined();
    for (const b of shop.boundaries) expect(layout.positions[b.id]!.width).toBeGreaterThan(0);
  });

  it('encloses each element in its boundary and each boundary in its parent, with room for the label', () => {
    const layout = layoutDiagram(shop);
    for (const e of shop.elements) {
      const outer = box(layout, e.boundary!);
      const inner = box(layout, e.id, e.kind);
      expect(inside(inner, outer), `${e.id} in ${e.boundary}`).toBe(true);
      expect(inner.y - outer.y).toBeGreaterThanOrEqual(BOUNDARY_LABEL_HEIGHT);
    }
    for (const b of shop.boundaries.filter((b) => b.parent))
      expect(inside(box(layout, b.id), box(layout, b.parent!)), b.id).toBe(true);
    expect(box(layout, 'b:front').x - box(layout, 'b:host').x).toBeGreaterThanOrEqual(BOUNDARY_PADDING);
  });

  it('keeps elements apart', () => {
    const layout = layoutDiagram(shop);
    const boxes = shop.elements.map((e) => box(layout, e.id, e.kind));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!)).toBe(false);
  });

  it('is stable on re-layout: the previous layout as fixed positions comes back unchanged', () => {
    const first = layoutDiagram(shop);
    expect(layoutDiagram(shop, first.positions)).toEqual(first);
  });

  it('keeps fixed positions untouched and places a new element clear of them', () => {
    const moved: Record<string, Position> = { ...layoutDiagram(shop).positions, web: { x: 900, y: 900 } };
    const grown: DiagramGraph = {
      ...shop,
      elements: [...shop.elements, { id: 'cache', kind: 'data-store', name: 'cache', boundary: 'b:back' }],
      flows: [...shop.flows, { id: 'f4', from: 'api', to: 'cache', protocol: 'redis', port: 6379 }],
    };
    const fixed = Object.fromEntries(Object.entries(moved).filter(([id]) => !id.startsWith('b:')));
    const layout = layoutDiagram(grown, fixed);
    for (const [id, p] of Object.entries(fixed)) expect(layout.positions[id]).toEqual(p);
    const cache = box(layout, 'cache', 'data-store');
    for (const e of shop.elements) expect(overlap(cache, box(layout, e.id, e.kind)), e.id).toBe(false);
    // The frontend boundary follows the moved element.
    expect(inside(box(layout, 'web', 'service'), box(layout, 'b:front'))).toBe(true);
  });

  it('keeps a fixed boundary size that still encloses its members, and grows one that does not', () => {
    const first = layoutDiagram(shop);
    const host = first.positions['b:host']!;
    const big = { ...host, x: host.x - 50, width: host.width! + 100 };
    expect(layoutDiagram(shop, { ...first.positions, 'b:host': big }).positions['b:host']).toEqual(big);
    const small = { ...host, width: 10, height: 10 };
    const grown = layoutDiagram(shop, { ...first.positions, 'b:host': small }).positions['b:host']!;
    expect(grown.width).toBeGreaterThanOrEqual(host.width!);
  });

  it('uses the size of a resized element', () => {
    const layout = layoutDiagram(shop, { db: { x: 0, y: 0, width: 300, height: 100 } });
    expect(layout.positions.db).toEqual({ x: 0, y: 0, width: 300, height: 100 });
  });

  it('survives empty boundaries, unknown parents, parent cycles, dangling flows and self-flows', () => {
    const odd: DiagramGraph = {
      boundaries: [
        { id: 'a', name: 'a', parent: 'b' },
        { id: 'b', name: 'b', parent: 'a' },
        { id: 'empty', name: 'empty' },
        { id: 'lost', name: 'lost', parent: 'nowhere' },
      ],
      elements: [
        { id: 'x', kind: 'service', name: 'x', boundary: 'a' },
        { id: 'y', kind: 'mystery', name: 'y', boundary: 'missing' },
      ],
      flows: [
        { id: 'f', from: 'x', to: 'x' },
        { id: 'g', from: 'x', to: 'ghost' },
        { id: 'h', from: 'x', to: 'y' },
      ],
    };
    const layout = layoutDiagram(odd);
    expect(Object.keys(layout.positions).sort()).toEqual(['a', 'b', 'empty', 'lost', 'x', 'y']);
    expect(layout.positions.empty!.width).toBeGreaterThan(0);
    expect(inside(box(layout, 'x', 'service'), box(layout, 'a'))).toBe(true);
  });

  it('lays out an empty diagram', () => {
    expect(layoutDiagram({ elements: [], boundaries: [], flows: [] })).toEqual({ positions: {} });
  });
});

describe('layoutDiagram on a large system', () => {
  const big: DiagramGraph = {
    boundaries: [
      { id: 'b:host', name: 'host' },
      { id: 'b:net', name: 'net', parent: 'b:host' },
      { id: 'b:empty', name: 'empty', parent: 'b:host' },
    ],
    elements: [
      { id: 'internet', kind: 'internet', name: 'Internet' },
      ...Array.from({ length: LAYERED_LIMIT + 20 }, (_, i) => ({
        id: `svc${String(i).padStart(3, '0')}`,
        kind: i % 5 === 0 ? 'data-store' : 'service',
        name: `svc${i}`,
        boundary: i % 2 ? 'b:net' : 'b:host',
      })),
    ],
    flows: Array.from({ length: LAYERED_LIMIT + 20 }, (_, i) => ({
      id: `f${i}`,
      from: i % 3 ? `svc${String(i).padStart(3, '0')}` : 'internet',
      to: `svc${String((i + 1) % (LAYERED_LIMIT + 20)).padStart(3, '0')}`,
    })),
  };

  it('packs boundaries as grids: deterministic, enclosing, without overlaps', () => {
    const layout = layoutDiagram(big);
    expect(layoutDiagram(big)).toEqual(layout);
    const boxes = big.elements.map((e) => box(layout, e.id, e.kind));
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!)).toBe(false);
    for (const e of big.elements.filter((e) => e.boundary))
      expect(inside(box(layout, e.id, e.kind), box(layout, e.boundary!)), e.id).toBe(true);
    expect(inside(box(layout, 'b:net'), box(layout, 'b:host'))).toBe(true);
    expect(inside(box(layout, 'b:empty'), box(layout, 'b:host'))).toBe(true);
    expect(layoutDiagram(big, layout.positions)).toEqual(layout);
  });
});

describe('ELEMENT_SHAPES', () => {
  it.each(Object.entries(ELEMENT_SHAPES))('%s draws inside its box with a label area', (_kind, shape) => {
    expect(shape.parts.length).toBeGreaterThan(0);
    for (const part of shape.parts) {
      const numbers = part.d.match(/-?\d+(\.\d+)?/g)!.map(Number);
      expect(Math.min(...numbers)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...numbers)).toBeLessThanOrEqual(Math.max(shape.width, shape.height));
    }
    expect(shape.label.x + shape.label.width).toBeLessThanOrEqual(shape.width);
    expect(shape.label.y + shape.label.height).toBeLessThanOrEqual(shape.height);
  });
});
