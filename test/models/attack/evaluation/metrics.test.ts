// Hand-computed metrics on small DAGs: probability with a shared leaf, SAND vs AND time, skill.
import { describe, expect, it } from 'vitest';
import { evaluateBottomUp } from '../../../../models/attack/evaluation/evaluate-bottom-up';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import { tree } from '../../../../models/attack/tree/tree-builder';
import { goal } from './helpers';

// root = AND(A, B), A = OR(x, y), B = OR(x, z), every step succeeds with 1/2.
// P(root) = P(x ∨ (y ∧ z)) = 1/2 + 1/2 · 1/4 = 0.625; bottom-up ProbSucc assumes A, B independent:
// P(A) · P(B) = 0.75 · 0.75 = 0.5625.
const shared = tree()
  .goal('root', 'AND', ['A', 'B'])
  .or('A', ['x', 'y'])
  .or('B', ['x', 'z'])
  .steps({ x: { probability: 0.5 }, y: { probability: 0.5 }, z: { probability: 0.5 } })
  .build();

// The same steps under SAND and AND: SAND adds durations, AND takes the longest.
const timed = (gate: 'AND' | 'SAND') =>
  tree()
    .goal('g', gate, ['a', 'b', 'c'])
    .steps({ a: { time: 2 }, b: { time: 3 }, c: { time: 4 } })
    .build();

// Nested: SAND(AND(a, b), OR(c, d)) = max(2, 3) + min(4, 1) = 4.
const nested = tree()
  .goal('g', 'SAND', ['p', 'q'])
  .and('p', ['a', 'b'])
  .or('q', ['c', 'd'])
  .steps({ a: { time: 2 }, b: { time: 3 }, c: { time: 4 }, d: { time: 1 } })
  .build();

// Skill: the most demanding step of the easiest attack. OR(AND(a:4, b:1), c:3) → 3.
const skilled = tree()
  .goal('g', 'OR', ['p', 'c'])
  .and('p', ['a', 'b'])
  .steps({ a: { skill: 4 }, b: { skill: 1 }, c: { skill: 3 } })
  .build();

// Cost when a shared sub-goal is used twice: AND(SAND(e, u), SAND(e, v)), e = OR(r, i).
const sharedSubgoal = tree()
  .goal('g', 'AND', ['p', 'q'])
  .sand('p', ['e', 'u'])
  .sand('q', ['e', 'v'])
  .or('e', ['r', 'i'])
  .steps({ r: { cost: 5 }, i: { cost: 7 }, u: { cost: 1 }, v: { cost: 2 } })
  .build();

describe('metrics', () => {
  it.each([
    ['exact probability with a shared leaf', goal(evaluateTree(shared), 'root').metrics.probability, 0.625],
    ['bottom-up ProbSucc on the same DAG', evaluateBottomUp(shared, 'ProbSucc').values.get('root'), 0.5625],
    ['SAND time is the sum', goal(evaluateTree(timed('SAND')), 'g').metrics.minTime, 9],
    ['AND time is the max', goal(evaluateTree(timed('AND')), 'g').metrics.minTime, 4],
    ['nested SAND(AND, OR) time', goal(evaluateTree(nested), 'g').metrics.minTime, 4],
    ['min skill', goal(evaluateTree(skilled), 'g').metrics.minSkill, 3],
    ['a shared sub-goal is paid once', goal(evaluateTree(sharedSubgoal), 'g').metrics.minCost, 8],
    ['bottom-up pays it twice', evaluateBottomUp(sharedSubgoal, 'MinCost').values.get('g'), 13],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBeCloseTo(expected as number, 12);
  });

  it('reports every attack with its own metrics', () => {
    const g = goal(evaluateTree(nested), 'g');
    expect(g.attacks.map((a) => [a.key, a.time])).toEqual([
      ['a + b + d', 4],
      ['a + b + c', 7],
    ]);
  });
});
