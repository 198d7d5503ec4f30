// Blow-up guards: past a limit a result says so (exact: false, with the bound), and stays a bound.
import { describe, expect, it } from 'vitest';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import { tree } from '../../../../models/attack/tree/tree-builder';
import { goal } from './helpers';

/** AND of `n` ORs of two steps: 2^n minimal attacks, all in one module each. */
function product(n: number) {
  const b = tree().goal(
    'g',
    'AND',
    Array.from({ length: n }, (_, k) => `o${k}`),
  );
  for (let k = 0; k < n; k++)
    b.or(`o${k}`, [`x${k}`, `y${k}`])
      .step(`x${k}`, { cost: 1 })
      .step(`y${k}`, { cost: 2 });
  return b.build();
}

/** The same, but every OR shares a step with the next, so nothing is a module. */
function sharedProduct(n: number) {
  const b = tree().goal(
    'g',
    'AND',
    Array.from({ length: n }, (_, k) => `o${k}`),
  );
  for (let k = 0; k < n; k++) b.or(`o${k}`, [`x${k}`, `x${k + 1}`]).step(`x${k}`, { cost: 1 });
  return b.step(`x${n}`, { cost: 1 }).build();
}

describe('limits', () => {
  const listed = goal(evaluateTree(product(12), { maxAttacksPerGoal: 100 }), 'g');
  it.each([
    ['attack lists stop at the limit', listed.attacks.length, 100],
    ['and say they are cut', listed.attacksExact, false],
    ['with the bound used', listed.attackBound, 100],
    ['metrics stay exact (BDD over modules)', listed.exact, true],
    ['least cost is exact', listed.metrics.minCost, 12],
    ['the cheapest attack is listed first', listed.attacks[0]!.cost, 12],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('counts every minimal attack, listed or not', () => {
    expect(listed.attackCount).toBe(2 ** 12);
  });

  it('counts and lists the cheapest attacks when nothing is a module', () => {
    // Minimal covers of a path of 16 edges by its 17 vertices: Padovan-like growth.
    const g = goal(evaluateTree(sharedProduct(16), { maxAttacksPerGoal: 20 }), 'g');
    expect([
      g.attacks.length,
      g.attacksExact,
      g.attackBound,
      g.exact,
      g.attacks[0]!.cost,
      g.metrics.minCost,
    ]).toEqual([20, false, 20, true, 8, 8]);
  });

  it('falls back to bounds, labelled, when the BDD limit is reached', () => {
    const g = goal(evaluateTree(sharedProduct(12), { maxBddNodes: 16 }), 'g');
    expect([g.exact, g.metrics.minCost >= 6]).toEqual([false, true]);
  });

  it('evaluates a goal of 60 distinct steps exactly', () => {
    // Each OR succeeds with 1 − 0.5² = 0.75, independently.
    const g = goal(evaluateTree(product(30)), 'g');
    expect([g.exact, g.metrics.minCost, g.metrics.probability.toPrecision(12)]).toEqual([
      true,
      30,
      (0.75 ** 30).toPrecision(12),
    ]);
  });
});
