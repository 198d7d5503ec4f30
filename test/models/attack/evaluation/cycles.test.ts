// A cyclic tree is invalid, but evaluation must neither loop nor pretend to be exact.
import { describe, expect, it } from 'vitest';
import { evaluateBottomUp } from '../../../../models/attack/evaluation/evaluate-bottom-up';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import { tree } from '../../../../models/attack/tree/tree-builder';
import { goal } from './helpers';

// Lateral movement both ways: exec-a = OR(rce-a, exec-b), exec-b = OR(rce-b, exec-a).
const cyclic = tree()
  .goal('g', 'OR', ['exec-a'])
  .or('exec-a', ['rce-a', 'exec-b'])
  .or('exec-b', ['rce-b', 'exec-a'])
  .steps({ 'rce-a': { cost: 5 }, 'rce-b': { cost: 1 } })
  .build();

describe('cycles', () => {
  const e = evaluateTree(cyclic);
  it.each([
    ['the goal is labelled inexact', goal(e, 'g').exact, false],
    ['its attack list too', goal(e, 'g').attacksExact, false],
    ['the whole evaluation too', e.exact, false],
    ['a node below the cycle stays exact', e.nodes.get('rce-a')!.exact, true],
    ['bottom-up says it is not a tree', evaluateBottomUp(cyclic, 'MinCost').treeShaped, false],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('still finds an attack that does not need the cycle', () => {
    expect(goal(e, 'g').attacks.length).toBeGreaterThan(0);
  });
});
