// Host-fact assumptions: a fact that holds is free, one that does not closes the branch, an
// unknown one is assumed with its probability and listed.
import { describe, expect, it } from 'vitest';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import type { AssumptionHolds } from '../../../../models/attack/tree/attack-tree';
import { tree } from '../../../../models/attack/tree/tree-builder';
import { attackList, goal } from './helpers';

/** g = OR(AND(exploit, kernel-fact), other); exploit p 0.5 cost 2, other p 0.5 cost 9. */
const run = (holds: AssumptionHolds) =>
  goal(
    evaluateTree(
      tree()
        .goal('g', 'OR', ['escape', 'other'])
        .and('escape', ['exploit', 'kernel'])
        .steps({ exploit: { cost: 2, probability: 0.5 }, other: { cost: 9, probability: 0.5 } })
        .assumption('kernel', holds, { probability: 0.4, key: 'kernel', value: '5.10' })
        .build(),
    ),
    'g',
  );

describe('assumptions', () => {
  it.each<[string, AssumptionHolds, (g: ReturnType<typeof run>) => unknown, unknown]>([
    ['holds: the fact is free', true, attackList, ['exploit', 'other']],
    ['holds: cheapest attack', true, (g) => g.metrics.minCost, 2],
    ['holds: probability', true, (g) => g.metrics.probability, 0.75],
    ['does not hold: the branch is impossible', false, attackList, ['other']],
    ['does not hold: cheapest attack', false, (g) => g.metrics.minCost, 9],
    ['unknown: the fact is listed as assumed', 'unknown', attackList, ['exploit ?kernel', 'other']],
    ['unknown: the fact costs nothing', 'unknown', (g) => g.metrics.minCost, 2],
    // P = 1 − (1 − 0.5·0.4)(1 − 0.5) = 0.6
    ['unknown: probability weighs the fact', 'unknown', (g) => g.metrics.probability, 0.6],
    ['unknown: the goal stays open', 'unknown', (g) => g.status, 'open'],
  ])('%s', (_name, holds, read, expected) => {
    const actual = read(run(holds));
    if (typeof expected === 'number') expect(actual as number).toBeCloseTo(expected, 12);
    else expect(actual).toEqual(expected);
  });
});
