// On true trees, ADTool's bottom-up evaluation and the exact engine must agree (Budde & Stoelinga
// 2021: bottom-up is exact for tree-shaped attack trees).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateBottomUp } from '../../../../models/attack/evaluation/evaluate-bottom-up';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import type { NodeEvaluation } from '../../../../models/attack/evaluation/evaluation-types';
import type { AdtoolDomainId } from '../../../../models/attack/evaluation/adtool-domains';
import { isTreeShaped } from '../../../../models/attack/tree/is-tree-shaped';
import { randomDag, type RandomDagOptions } from './random-trees';

const size = { steps: 8, gates: 7, assumptions: 2, defences: 3, treeShaped: true };

/** Domain, the exact metric it must equal, and the kind of trees on which they coincide. */
const cases: [AdtoolDomainId, (n: NodeEvaluation) => number | boolean, RandomDagOptions][] = [
  ['MinCost', (n) => n.metrics.minCost, size],
  ['MinSkill', (n) => n.metrics.minSkill, size],
  ['ProbSucc', (n) => n.metrics.probability, size],
  ['SatScenario', (n) => n.status !== 'mitigated', size],
  // Time: the exact engine reads AND as parallel and SAND as sequential; MinTimePar matches it
  // where defences add no time, MinTimeSeq where every conjunction is a SAND.
  ['MinTimePar', (n) => n.metrics.minTime, { ...size, partial: false, counterAttacks: false }],
  ['MinTimeSeq', (n) => n.metrics.minTime, { ...size, gateKinds: ['OR', 'SAND'] }],
];

describe('bottom-up equals exact on trees', () => {
  it.each(cases)('%s', (domain, metric, options) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const t = randomDag(seed, options);
        expect(isTreeShaped(t)).toBe(true);
        const bottomUp = evaluateBottomUp(t, domain).values;
        for (const node of evaluateTree(t).nodes.values()) {
          const expected = bottomUp.get(node.id)!;
          const actual = metric(node);
          if (typeof expected === 'number') expect(actual as number).toBeCloseTo(expected, 9);
          else expect(actual).toBe(expected);
        }
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
