// Metric values kept from pass to pass hold only while no module atom in their diagram has
// changed weight since they were computed.
import { describe, expect, it } from 'vitest';
import { BddManager } from '../../../../models/attack/evaluation/bdd';
import { KeptMetrics } from '../../../../models/attack/evaluation/kept-metrics';

// Levels 0–9; the module atoms are levels 3 and 7.
const ATOMS = Int32Array.from([3, 7]);
const weights = (atom3: number, atom7: number) => {
  const cost = new Float64Array(10).fill(1);
  const probability = new Float64Array(10).fill(0.5);
  cost[3] = atom3;
  cost[7] = atom7;
  return { cost, probability };
};

describe('kept metrics', () => {
  const bdd = new BddManager(100);

  it('adopts an atom weight set during the first pass, so values over it hold afterwards', () => {
    const kept = new KeptMetrics();
    const { cost, probability } = weights(0, 0);
    // The first evaluation: no module evaluated yet, their weights are not real.
    kept.beginPass(bdd, cost, probability, ATOMS, () => false);
    expect(kept.holds(0, 9)).toBe(true);
    kept.weightSet(3, 4, 0.5);
    kept.weightSet(7, 2, 0.5);
    expect(kept.holds(0, 9)).toBe(true);
    // The next pass, with the weights the first one set.
    kept.beginPass(bdd, weights(4, 2).cost, probability, ATOMS, () => true);
    expect(kept.holds(0, 9)).toBe(true);
  });

  it('stops a value over a changed atom from holding, and no other', () => {
    const kept = new KeptMetrics();
    const { probability } = weights(4, 2);
    kept.beginPass(bdd, weights(4, 2).cost, probability, ATOMS, () => true);
    // A what-if whose state carries another weight for atom 7 from the start.
    kept.beginPass(bdd, weights(4, 9).cost, probability, ATOMS, () => true);
    expect(kept.holds(0, 9)).toBe(false);
    expect(kept.holds(7, 7)).toBe(false);
    expect(kept.holds(0, 6)).toBe(true);
    expect(kept.holds(8, 9)).toBe(true);
    // The pass sets atom 3 to a new weight: now both ranges are out.
    kept.weightSet(3, 5, 0.5);
    expect(kept.holds(0, 6)).toBe(false);
    expect(kept.holds(4, 6)).toBe(true);
    // Set back to the assumed weights, everything holds again.
    kept.weightSet(3, 4, 0.5);
    kept.weightSet(7, 2, 0.5);
    expect(kept.holds(0, 9)).toBe(true);
  });

  it('treats a changed probability like a changed cost, and NaN as never matching', () => {
    const kept = new KeptMetrics();
    const { cost, probability } = weights(4, 2);
    kept.beginPass(bdd, cost, probability, ATOMS, () => true);
    kept.weightSet(3, 4, 0.25);
    expect(kept.holds(3, 3)).toBe(false);
    kept.weightSet(3, NaN, 0.5);
    expect(kept.holds(3, 3)).toBe(false);
  });

  it('forgets every kept value on another diagram manager', () => {
    const kept = new KeptMetrics();
    const { cost, probability } = weights(4, 2);
    kept.beginPass(bdd, cost, probability, ATOMS, () => true);
    kept.cost.fit(bdd);
    kept.cost.known[5] = 1;
    kept.pairs.store(5, 6, 0, 1, 0.5);
    kept.beginPass(new BddManager(100), cost, probability, ATOMS, () => true);
    expect(kept.cost.known[5]).toBe(0);
    expect(kept.pairs.find(5, 6, 0)).toBe(false);
  });
});
