// Defences: blocking, partial, inactive, several on one node, counter-attacks (ADTree alternation).
import { describe, expect, it } from 'vitest';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import type { GoalEvaluation } from '../../../../models/attack/evaluation/evaluation-types';
import type { TreeBuilder } from '../../../../models/attack/tree/tree-builder';
import { tree } from '../../../../models/attack/tree/tree-builder';
import { attackList, goal } from './helpers';

/** g = OR(a, b); a costs 1 (p 0.5, time 1), b costs 10 (p 0.5, time 1); defences added per case. */
const base = () =>
  tree()
    .goal('g', 'OR', ['a', 'b'])
    .steps({
      a: { cost: 1, probability: 0.5 },
      b: { cost: 10, probability: 0.5 },
      k: { cost: 3, probability: 0.5, time: 2 },
    });
const run = (add: (b: TreeBuilder) => TreeBuilder): GoalEvaluation =>
  goal(evaluateTree(add(base()).build()), 'g');

const cases: [string, (b: TreeBuilder) => TreeBuilder, (g: GoalEvaluation) => unknown, unknown][] = [
  ['no defence: two attacks', (b) => b, attackList, ['a', 'b']],
  ['a blocking defence removes the attack', (b) => b.defence('d', ['a']), attackList, ['b']],
  ['…and raises the least cost', (b) => b.defence('d', ['a']), (g) => g.metrics.minCost, 10],
  [
    'an inactive defence changes nothing',
    (b) => b.defence('d', ['a'], { active: false }),
    attackList,
    ['a', 'b'],
  ],
  [
    'blocking both alternatives mitigates the goal',
    (b) => b.defence('d', ['a', 'b']),
    (g) => g.status,
    'mitigated',
  ],
  ['a mitigated goal has no attack', (b) => b.defence('d', ['a', 'b']), attackList, []],
  ['a mitigated goal costs Infinity', (b) => b.defence('d', ['a', 'b']), (g) => g.metrics.minCost, Infinity],
  ['a mitigated goal has probability 0', (b) => b.defence('d', ['a', 'b']), (g) => g.metrics.probability, 0],
  [
    'a partial defence lists itself in the attack',
    (b) => b.defence('d', ['a'], { partial: { probabilityFactor: 0.2, addedCost: 4, addedTime: 3 } }),
    attackList,
    ['a ~d', 'b'],
  ],
  [
    '…adds its cost',
    (b) => b.defence('d', ['a'], { partial: { probabilityFactor: 0.2, addedCost: 4, addedTime: 3 } }),
    (g) => g.attacks[0]!.cost,
    5,
  ],
  [
    '…adds its time',
    (b) => b.defence('d', ['a'], { partial: { probabilityFactor: 0.2, addedCost: 4, addedTime: 3 } }),
    (g) => g.attacks[0]!.time,
    4,
  ],
  [
    '…multiplies the probability',
    (b) => b.defence('d', ['a'], { partial: { probabilityFactor: 0.2, addedCost: 4, addedTime: 3 } }),
    (g) => g.attacks[0]!.probability,
    0.1,
  ],
  // P = P(a·d ∨ b) = 0.1 + 0.5 − 0.05.
  [
    '…and the goal probability exactly',
    (b) => b.defence('d', ['a'], { partial: { probabilityFactor: 0.2 } }),
    (g) => g.metrics.probability,
    0.55,
  ],
  [
    'partial defences on every attack: partially mitigated',
    (b) => b.defence('d', ['a', 'b'], { partial: {} }),
    (g) => g.status,
    'partially-mitigated',
  ],
  [
    'a counter-attack reopens a blocked node',
    (b) => b.defence('d', ['a'], { children: ['k'] }),
    attackList,
    ['a k', 'b'],
  ],
  [
    '…at the counter-attack cost',
    (b) => b.defence('d', ['a'], { children: ['k'] }),
    (g) => g.attacks[0]!.cost,
    4,
  ],
  [
    '…after the counter-attack time',
    (b) => b.defence('d', ['a'], { children: ['k'] }),
    (g) => g.attacks[0]!.time,
    3,
  ],
  [
    'a partial defence with a counter-attack: pass it or defeat it',
    (b) => b.defence('d', ['a'], { partial: {}, children: ['k'] }),
    attackList,
    ['a ~d', 'a k', 'b'],
  ],
  [
    'two defences on one node must both be defeated',
    (b) => b.defence('d', ['a'], { children: ['k'] }).defence('e', ['a'], { partial: {} }),
    attackList,
    ['a k ~e', 'b'],
  ],
];

describe('defences', () => {
  it.each(cases)('%s', (_name, add, read, expected) => {
    expect(read(run(add))).toEqual(expected);
  });

  it('a defence on a sub-goal counters the whole branch', () => {
    const t = tree()
      .goal('g', 'OR', ['p', 'b'])
      .and('p', ['a', 'c'])
      .steps({ a: {}, b: {}, c: {} })
      .defence('d', ['p']);
    expect(attackList(goal(evaluateTree(t.build()), 'g'))).toEqual(['b']);
  });
});
