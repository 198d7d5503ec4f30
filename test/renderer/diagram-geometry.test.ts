import { describe, expect, it } from 'vitest';
import { diagramGeometry, movingItems } from '../../renderer/diagram/diagram-geometry';
import { filterFindings } from '../../renderer/findings/filter-findings';
import { searchElements } from '../../renderer/state/search';
import type { Finding } from '../../models/conditions/finding';
import { boundary, element, flow, scene } from './builders';

const s = scene({
  elements: [
    element('a', { boundary: 'inner' }),
    element('b', { kind: 'data-store', name: 'Orders DB', technology: 'postgres' }),
    element('c', { boundary: 'inner' }),
  ],
  boundaries: [boundary('outer'), boundary('inner', { parent: 'outer' })],
  flows: [
    flow('a', 'b', { port: 5432, protocol: 'postgresql' }),
    flow('a', 'c'),
    flow('c', 'a', { id: 'f:back' }),
  ],
  positions: {
    outer: { x: 0, y: 0, width: 500, height: 400 },
    inner: { x: 10, y: 30, width: 300, height: 200 },
    a: { x: 20, y: 60 },
    b: { x: 600, y: 60 },
    c: { x: 20, y: 160 },
  },
});

describe('diagram geometry', () => {
  const g = diagramGeometry(s);

  it('draws boundaries outermost first and elements with their kind’s shape size', () => {
    expect(g.boundaries.map((b) => b.id)).toEqual(['outer', 'inner']);
    expect(g.elements.find((e) => e.id === 'b')).toMatchObject({ width: 140, height: 64 });
    expect(g.bounds).toEqual({ x: 0, y: 0, width: 740, height: 400 });
  });

  it.each([
    ['at its position', 'b', {}, 'M600 69A70 9 0 0 1 740 69V115A70 9 0 0 1 600 115Z', [670, 97.5]],
    [
      'scaled to its size',
      'a',
      { a: { x: 0, y: 0, width: 300, height: 112 } },
      'M20 0H280A20 20 0 0 1 300 20V92A20 20 0 0 1 280 112H20A20 20 0 0 1 0 92V20A20 20 0 0 1 20 0Z',
      [150, 56],
    ],
  ] as const)('draws an element’s shape %s, in diagram coordinates', (_, id, positions, body, [x, y]) => {
    const at = { ...s, layout: { positions: { ...s.layout.positions, ...positions } } };
    const view = diagramGeometry(at).elements.find((e) => e.id === id)!;
    expect([view.parts[0]!.d, view.labelX, view.labelY]).toEqual([body, x, y]);
  });

  it('labels flows with protocol and port, and marks those that cross a boundary', () => {
    const ab = g.flows.find((f) => f.id === 'f:a->b')!;
    expect(ab).toMatchObject({ label: 'postgresql:5432', crossesBoundary: true });
    expect(g.flows.find((f) => f.id === 'f:a->c')!.crossesBoundary).toBe(false);
  });

  it('bends flows that share two elements apart', () => {
    const there = g.flows.find((f) => f.id === 'f:a->c')!;
    const back = g.flows.find((f) => f.id === 'f:back')!;
    expect(there.d).toContain('Q');
    expect(there.labelX).not.toBe(back.labelX);
  });

  it('is deterministic', () => {
    expect(diagramGeometry(s)).toEqual(g);
  });

  it('moves everything inside a dragged boundary with it', () => {
    expect(movingItems(s, ['outer']).sort()).toEqual(['a', 'c', 'inner', 'outer']);
    expect(movingItems(s, ['b'])).toEqual(['b']);
  });
});

describe('search and findings filter', () => {
  it('finds elements by name, technology or id', () => {
    expect(searchElements(s.model, 'postgres')).toEqual(['b']);
    expect(searchElements(s.model, 'ORDERS')).toEqual(['b']);
    expect(searchElements(s.model, ' ')).toEqual([]);
  });

  it('filters findings by severity, condition and element, worst first', () => {
    const finding = (id: string, severity: Finding['severity'], condition: Finding['condition']) =>
      ({ id, severity, condition }) as Finding;
    const byTarget = new Map([
      ['a', [finding('1', 'low', 'mutable-image'), finding('2', 'critical', 'privileged')]],
      ['b', [finding('3', 'high', 'host-pid')]],
    ]);
    const all = filterFindings(byTarget, { severity: '', condition: '', element: '' });
    expect(all.map((r) => r.finding.id)).toEqual(['2', '3', '1']);
    expect(
      filterFindings(byTarget, { severity: 'high', condition: '', element: '' }).map((r) => r.target),
    ).toEqual(['b']);
    expect(
      filterFindings(byTarget, { severity: '', condition: 'mutable-image', element: '' }).map(
        (r) => r.finding.id,
      ),
    ).toEqual(['1']);
    expect(filterFindings(byTarget, { severity: '', condition: '', element: 'a' }).length).toBe(2);
  });
});

describe('diagram geometry after an edit', () => {
  it('keeps the views of unchanged items, so only changed ones are drawn again', () => {
    const before = diagramGeometry(s);
    const moved = { ...s, layout: { positions: { ...s.layout.positions, b: { x: 700, y: 60 } } } };
    const after = diagramGeometry(moved);
    const same = (id: string, list: 'elements' | 'flows' | 'boundaries') =>
      before[list].find((v) => v.id === id) === after[list].find((v) => v.id === id);
    expect([same('a', 'elements'), same('c', 'elements'), same('outer', 'boundaries')]).toEqual([
      true,
      true,
      true,
    ]);
    expect([same('b', 'elements'), same('f:a->b', 'flows'), same('f:a->c', 'flows')]).toEqual([
      false,
      false,
      true,
    ]);
    expect(after.elements.find((e) => e.id === 'b')!.x).toBe(700);
  });
});

describe('diagram geometry patched after a move', () => {
  /** The same scene under a model object the geometry has never seen: drawn from scratch. */
  const fresh = (scene: typeof s) => diagramGeometry(structuredClone(scene));
  const moved = (positions: Record<string, { x: number; y: number; width?: number; height?: number }>) => ({
    ...s,
    layout: { positions: { ...s.layout.positions, ...positions } },
  });

  it.each([
    ['an element with flows both ways', { c: { x: 90, y: 300 } }],
    ['an element and a boundary', { b: { x: 650, y: 10 }, inner: { x: 5, y: 20, width: 320, height: 220 } }],
    ['nothing', {}],
  ])('equals the geometry drawn afresh after moving %s', (_name, positions) => {
    diagramGeometry(s);
    const next = moved(positions);
    expect(diagramGeometry(next)).toEqual(fresh(next));
  });

  it('keeps the box around everything while the moved items stay clear of its edges', () => {
    const before = diagramGeometry(s);
    expect(diagramGeometry(moved({ c: { x: 40, y: 150 } })).bounds).toBe(before.bounds);
    expect(diagramGeometry(moved({ b: { x: 900, y: 60 } })).bounds).toEqual({
      x: 0,
      y: 0,
      width: 1040,
      height: 400,
    });
  });

  it('draws afresh when an element loses its position', () => {
    diagramGeometry(s);
    const { a: _gone, ...rest } = s.layout.positions;
    const next = { ...s, layout: { positions: rest } };
    expect(diagramGeometry(next)).toEqual(fresh(next));
    expect(diagramGeometry(next).flows.map((f) => f.id)).toEqual([]);
  });
});
