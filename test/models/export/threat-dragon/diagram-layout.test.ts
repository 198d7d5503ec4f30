import { describe, expect, it } from 'vitest';
import { layoutDiagram, type Box } from '../../../../models/export/threat-dragon';

function inside(inner: Box, outer: Box): boolean {
  return (
    inner.x >= outer.x &&
    inner.y >= outer.y &&
    inner.x + inner.width <= outer.x + outer.width &&
    inner.y + inner.height <= outer.y + outer.height
  );
}

function apart(a: Box, b: Box): boolean {
  return a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
}

const node = (id: string, boundary?: string) => ({ id, boundary, width: 100, height: 100 });

describe('Threat Dragon diagram layout', () => {
  const boundaries = [
    { id: 'host' },
    { id: 'net-a', parent: 'host' },
    { id: 'net-b', parent: 'host' },
    { id: 'internet' },
    { id: 'empty' },
  ];
  const nodes = [
    node('a1', 'net-a'),
    node('a2', 'net-a'),
    node('a3', 'net-a'),
    node('b1', 'net-b'),
    node('h', 'host'),
    node('user', 'internet'),
    node('loose'),
    node('lost', 'no-such-boundary'),
  ];
  const layout = layoutDiagram(nodes, boundaries);

  it('places every node and boundary, nodes apart from each other', () => {
    expect([...layout.nodes.keys()].sort()).toEqual(nodes.map((n) => n.id).sort());
    expect([...layout.boundaries.keys()].sort()).toEqual(boundaries.map((b) => b.id).sort());
    const boxes = [...layout.nodes.values()];
    for (const a of boxes) for (const b of boxes) if (a !== b) expect(apart(a, b)).toBe(true);
  });

  it('nests boxes as boundaries nest, each around its own nodes, siblings apart', () => {
    const box = (id: string) => layout.boundaries.get(id)!;
    for (const id of ['a1', 'a2', 'a3']) expect(inside(layout.nodes.get(id)!, box('net-a'))).toBe(true);
    expect(inside(layout.nodes.get('h')!, box('host'))).toBe(true);
    expect(inside(box('net-a'), box('host'))).toBe(true);
    expect(inside(box('net-b'), box('host'))).toBe(true);
    expect(apart(box('net-a'), box('net-b'))).toBe(true);
    expect(apart(box('host'), box('internet'))).toBe(true);
    expect(apart(box('empty'), box('internet'))).toBe(true);
    expect(apart(layout.nodes.get('h')!, box('net-a'))).toBe(true);
    for (const id of ['loose', 'lost'])
      for (const b of layout.boundaries.values()) expect(apart(layout.nodes.get(id)!, b)).toBe(true);
  });

  it('is deterministic whatever the input order', () => {
    const again = layoutDiagram([...nodes].reverse(), [...boundaries].reverse());
    expect(again).toEqual(layout);
  });

  it('uses given positions and survives a parent cycle', () => {
    const given = layoutDiagram(
      [node('x', 'p'), node('y', 'q')],
      [
        { id: 'p', parent: 'q' },
        { id: 'q', parent: 'p' },
      ],
      { x: { x: 5, y: 6 }, q: { x: 1, y: 2, width: 3, height: 4 } },
    );
    expect(given.nodes.get('x')).toEqual({ x: 5, y: 6, width: 100, height: 100 });
    expect(given.boundaries.get('q')).toEqual({ x: 1, y: 2, width: 3, height: 4 });
    expect(given.boundaries.has('p')).toBe(true);
  });
});
