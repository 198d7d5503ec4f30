// Metrics of combinations read off the shared diagram must equal those of the built diagram.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BddManager,
  NodeMemo,
  ONE,
  ZERO,
  bddMinWeight,
  bddProbability,
} from '../../../../models/attack/evaluation/bdd';
import { combinedMetrics } from '../../../../models/attack/evaluation/combined-metrics';

const LEVELS = 10;

/** A monotone formula over the levels: a variable, or an AND/OR of two formulas. */
type Formula = number | { and: boolean; parts: [Formula, Formula] };

const formula: fc.Arbitrary<Formula> = fc.letrec<{ f: Formula }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.integer({ min: 0, max: LEVELS - 1 }),
    fc.record({ and: fc.boolean(), parts: fc.tuple(tie('f'), tie('f')) }),
  ),
})).f;

function build(bdd: BddManager, f: Formula): number {
  if (typeof f === 'number') return bdd.variable(f);
  const [a, b] = f.parts.map((p) => build(bdd, p)) as [number, number];
  return f.and ? bdd.and(a, b) : bdd.or(a, b);
}

const weights = fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50 })), {
  minLength: LEVELS,
  maxLength: LEVELS,
});
const probabilities = fc.array(fc.oneof(fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true })), {
  minLength: LEVELS,
  maxLength: LEVELS,
});

describe('metrics of combinations without building them', () => {
  it('equal the metrics of the built OR and AND, for every narrow diagram against one wide one', () => {
    fc.assert(
      fc.property(
        formula,
        fc.array(fc.tuple(formula, fc.boolean()), { minLength: 1, maxLength: 6 }),
        weights,
        probabilities,
        (wideFormula, narrowFormulas, weight, probability) => {
          const bdd = new BddManager(100_000);
          const wide = build(bdd, wideFormula);
          const combinations = narrowFormulas.map(([f, conjunction]) => ({
            narrow: build(bdd, f),
            conjunction,
          }));
          const answers = combinedMetrics(
            bdd,
            wide,
            combinations,
            weight,
            probability,
            new NodeMemo(),
            new NodeMemo(),
          );
          combinations.forEach(({ narrow, conjunction }, k) => {
            const built = conjunction ? bdd.and(narrow, wide) : bdd.or(narrow, wide);
            expect(answers[k]!.cost).toBe(bddMinWeight(bdd, built, weight, new NodeMemo()));
            expect(answers[k]!.probability).toBeCloseTo(
              bddProbability(bdd, built, probability, new NodeMemo()),
              12,
            );
          });
        },
      ),
      { numRuns: 400 },
    );
  });

  it('handles constant sides: a terminal narrow diagram, a terminal wide one', () => {
    const bdd = new BddManager(1000);
    const x = bdd.variable(0);
    const y = bdd.variable(1);
    const xy = bdd.and(x, y);
    const weight = [3, 4];
    const probability = [0.5, 0.25];
    const metrics = (wide: number, narrow: number, conjunction: boolean) =>
      combinedMetrics(
        bdd,
        wide,
        [{ narrow, conjunction }],
        weight,
        probability,
        new NodeMemo(),
        new NodeMemo(),
      )[0];
    expect(metrics(xy, ONE, false)).toEqual({ cost: 0, probability: 1 });
    expect(metrics(xy, ZERO, false)).toEqual({ cost: 7, probability: 0.125 });
    expect(metrics(xy, ONE, true)).toEqual({ cost: 7, probability: 0.125 });
    expect(metrics(xy, ZERO, true)).toEqual({ cost: Infinity, probability: 0 });
    expect(metrics(ZERO, y, false)).toEqual({ cost: 4, probability: 0.25 });
    expect(metrics(ONE, y, true)).toEqual({ cost: 4, probability: 0.25 });
    // The narrow side above the wide one: the cut is at the narrow root, nothing of the wide
    // side is passed.
    expect(metrics(y, x, false)).toEqual({ cost: 3, probability: 0.625 });
    expect(metrics(y, x, true)).toEqual({ cost: 7, probability: 0.125 });
  });

  it('shares one sweep: persistence per workload OR one hub over every workload', () => {
    // Workload k owns levels 2k and 2k+1; the hub is an OR of every workload's escape (both of
    // its levels), each goal is its own foothold (level 2k) OR the hub.
    const workloads = 40;
    const bdd = new BddManager(1_000_000);
    let hub = ZERO;
    for (let k = workloads - 1; k >= 0; k--)
      hub = bdd.or(bdd.and(bdd.variable(2 * k), bdd.variable(2 * k + 1)), hub);
    const weight = Array.from({ length: 2 * workloads }, (_, v) => 1 + (v % 7));
    const probability = Array.from({ length: 2 * workloads }, (_, v) => 0.05 + (v % 5) / 10);
    const combinations = Array.from({ length: workloads }, (_, k) => ({
      narrow: bdd.variable(2 * k),
      conjunction: false,
    }));
    const before = bdd.size;
    const answers = combinedMetrics(
      bdd,
      hub,
      combinations,
      weight,
      probability,
      new NodeMemo(),
      new NodeMemo(),
    );
    expect(bdd.size).toBe(before);
    combinations.forEach(({ narrow }, k) => {
      const built = bdd.or(narrow, hub);
      expect(answers[k]!.cost).toBe(bddMinWeight(bdd, built, weight, new NodeMemo()));
      expect(answers[k]!.probability).toBeCloseTo(
        bddProbability(bdd, built, probability, new NodeMemo()),
        12,
      );
    });
  });
});
