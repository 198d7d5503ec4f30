// Reference §1.4: why bottom-up evaluation is wrong on DAGs.
import { describe, expect, it } from 'vitest';
import { evaluateBottomUp } from '../../../../models/attack/evaluation/evaluate-bottom-up';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import { tree } from '../../../../models/attack/tree/tree-builder';
import { attackList, goal } from './helpers';

const t = tree()
  .goal('root', 'AND', ['A', 'B'])
  .or('A', ['x', 'y'])
  .or('B', ['x', 'z'])
  .steps({ x: { cost: 10 }, y: { cost: 6 }, z: { cost: 6 } })
  .build();
const exact = goal(evaluateTree(t), 'root');

describe('§1.4 counter-example: root = AND(OR(x,y), OR(x,z)), x=10, y=z=6', () => {
  it.each([
    ['bottom-up MinCost double-counts to 12', evaluateBottomUp(t, 'MinCost').values.get('root'), 12],
    ['bottom-up knows the tree is not tree-shaped', evaluateBottomUp(t, 'MinCost').treeShaped, false],
    ['the exact minimal cost is 10', exact.metrics.minCost, 10],
    ['the minimal attacks are {x} and {y, z}', attackList(exact), ['x', 'y z']],
    ['the attack costs are 10 and 12', exact.attacks.map((a) => a.cost), [10, 12]],
    ['the result is exact', exact.exact && exact.attacksExact, true],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});
