import { describe, expect, it } from 'vitest';
import { tree } from '../../../../models/attack/tree/tree-builder';
import { treeGraph } from '../../../../models/attack/tree/tree-graph';

const t = tree()
  .goal('g', 'SAND', ['a', 'x'])
  .or('a', ['x', 'y'])
  .steps({ x: {}, y: {}, k: {} })
  .defence('d2', ['a', 'x'], { children: ['k'] })
  .defence('d1', ['x'])
  .build();
const graph = treeGraph(t);

describe('treeGraph', () => {
  it.each([
    ['successors of a gate: children then defences', graph.successors.get('a'), ['x', 'y', 'd2']],
    ['successors of a defence: counter-attacks', graph.successors.get('d2'), ['k']],
    ['defences of a node, by id', graph.defencesOf.get('x'), ['d1', 'd2']],
    ['parents of a shared node', graph.parents.get('x'), ['g', 'a']],
    ['parents of a shared defence', graph.parents.get('d2'), ['a', 'x']],
    ['no cycle', [...graph.cyclic], []],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('orders dependencies before dependants', () => {
    const position = new Map(graph.order.map((id, k) => [id, k]));
    for (const [id, next] of graph.successors)
      for (const child of next) expect(position.get(child)!).toBeLessThan(position.get(id)!);
  });
});
