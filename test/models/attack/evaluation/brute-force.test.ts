// The exact engine against an independent oracle that tries every subset of basic events.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import { bruteForce } from './brute-force';
import { randomDag } from './random-trees';

const sizes = [
  { steps: 5, gates: 6, assumptions: 2, defences: 3 },
  { steps: 7, gates: 9, assumptions: 1, defences: 4 },
  // A gate under 20 goals: attack durations take its part of each goal's cone from a kept copy.
  { steps: 5, gates: 6, assumptions: 1, defences: 3, goalsOnOneGate: 20 },
];

describe('exact evaluation equals brute force on small random DAGs', () => {
  it.each(sizes)('%o', (options) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const t = randomDag(seed, options);
        for (const g of evaluateTree(t).goals) {
          const oracle = bruteForce(t, g.id);
          expect(g.status).toBe(oracle.status);
          expect(g.metrics.minCost).toBe(oracle.minCost);
          expect(g.metrics.minTime).toBe(oracle.minTime);
          expect(g.metrics.minSkill).toBe(oracle.minSkill);
          expect(g.metrics.probability).toBeCloseTo(oracle.probability, 12);
          const ours = g.attacks.map((a) => ({
            events: [...a.steps, ...a.assumed, ...a.partialDefences].sort(),
            cost: a.cost,
            time: a.time,
            skill: a.skill,
            probability: Number(a.probability.toFixed(12)),
          }));
          const theirs = oracle.attacks.map((a) => ({
            ...a,
            probability: Number(a.probability.toFixed(12)),
          }));
          const byEvents = (a: { events: string[] }, b: { events: string[] }) =>
            a.events.join() < b.events.join() ? -1 : 1;
          expect(ours.sort(byEvents)).toEqual(theirs.sort(byEvents));
        }
      }),
      { numRuns: 250, seed: 7 },
    );
  });
});
