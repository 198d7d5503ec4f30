// Attack lists against brute force on random DAGs whose steps are spread over a few diagram
// elements, so that the element-grouped variable order (`compile-tree.ts`) differs from plain
// depth-first order; and cut lists against the complete ones.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import type { Attack } from '../../../../models/attack/evaluation/evaluation-types';
import type { AttackTree, TreeNode } from '../../../../models/attack/tree/attack-tree';
import { bruteForce } from './brute-force';
import { randomDag, seededRandom } from './random-trees';

const sizes = [
  { steps: 6, gates: 7, assumptions: 2, defences: 3 },
  { steps: 8, gates: 10, assumptions: 1, defences: 3 },
];

/** The tree with each step placed on one of `elements` diagram elements at random. */
function withElements(t: AttackTree, seed: number, elements: number): AttackTree {
  const random = seededRandom(seed);
  const nodes = new Map<string, TreeNode>();
  for (const [id, node] of t.nodes) {
    nodes.set(
      id,
      node.kind === 'step' ? { ...node, elementId: `element${Math.floor(random() * elements)}` } : node,
    );
  }
  return { nodes };
}

const eventsOf = (a: Attack): string => [...a.steps, ...a.assumed, ...a.partialDefences].sort().join(' ');

describe('attack lists', () => {
  it.each(sizes)('are the minimal attacks of brute force, cheapest first (%o)', (options) => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 4 }),
        (seed, elements) => {
          const t = withElements(randomDag(seed, options), seed, elements);
          for (const g of evaluateTree(t, { maxAttacksPerGoal: 10_000 }).goals) {
            const oracle = bruteForce(t, g.id);
            expect(g.attacksExact).toBe(true);
            expect(g.attackCount).toBe(oracle.attacks.length);
            expect(g.attacks.map(eventsOf).sort()).toEqual(
              oracle.attacks.map((a) => a.events.join(' ')).sort(),
            );
            const byEvents = new Map(oracle.attacks.map((a) => [a.events.join(' '), a]));
            for (const a of g.attacks) {
              const o = byEvents.get(eventsOf(a))!;
              expect([a.cost, a.time, a.skill]).toEqual([o.cost, o.time, o.skill]);
              expect(a.probability).toBeCloseTo(o.probability, 12);
            }
            for (let k = 1; k < g.attacks.length; k++) {
              const [p, q] = [g.attacks[k - 1]!, g.attacks[k]!];
              expect(
                p.cost < q.cost ||
                  (p.cost === q.cost && (p.time < q.time || (p.time === q.time && p.key <= q.key))),
              ).toBe(true);
            }
          }
        },
      ),
      { numRuns: 80, seed: 11 },
    );
  });

  it.each(sizes)('cut at k hold k of the complete list, flagged, with the same count (%o)', (options) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 6 }), (seed, k) => {
        const t = withElements(randomDag(seed, options), seed, 3);
        const full = evaluateTree(t, { maxAttacksPerGoal: 10_000 }).goals;
        const cut = evaluateTree(t, { maxAttacksPerGoal: k }).goals;
        full.forEach((f, i) => {
          const c = cut[i]!;
          expect(c.attackCount).toBe(f.attackCount);
          expect(c.attacks.length).toBe(Math.min(k, f.attacks.length));
          expect(c.attacksExact).toBe(f.attacks.length <= k);
          if (!c.attacksExact) expect(c.attackBound).toBe(k);
          const complete = new Map(f.attacks.map((a) => [a.key + '|' + a.partialDefences.join(), a]));
          for (const a of c.attacks) expect(complete.get(a.key + '|' + a.partialDefences.join())).toEqual(a);
          if (f.attacks.length > 0) expect(c.attacks[0]!.cost).toBe(f.attacks[0]!.cost);
        });
      }),
      { numRuns: 100, seed: 12 },
    );
  });

  it('does not depend on where steps are placed: the same attacks with and without elements', () => {
    for (let seed = 0; seed < 40; seed++) {
      const t = randomDag(seed, sizes[1]!);
      const plain = evaluateTree(t, { maxAttacksPerGoal: 10_000 }).goals;
      const grouped = evaluateTree(withElements(t, seed, 3), { maxAttacksPerGoal: 10_000 }).goals;
      expect(grouped.map((g) => [g.id, g.metrics.minCost, g.attacks.map(eventsOf)])).toEqual(
        plain.map((g) => [g.id, g.metrics.minCost, g.attacks.map(eventsOf)]),
      );
    }
  });
});
