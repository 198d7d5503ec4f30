// The building blocks: cut-set algebra, BDDs, module detection, the slot map.
import { describe, expect, it } from 'vitest';
import {
  BddManager,
  ONE,
  ZERO,
  bddMinWeight,
  NodeMemo,
  bddProbability,
} from '../../../../models/attack/evaluation/bdd';
import { findModules } from '../../../../models/attack/evaluation/find-modules';
import {
  cheapestSets,
  countSets,
  minimalSolutions,
  without,
} from '../../../../models/attack/evaluation/minimal-attacks';
import { SlotMap } from '../../../../models/attack/evaluation/slot-map';

/** A ZDD family from explicit sets. */
function zdd(bdd: BddManager, sets: number[][]): number {
  let family = ZERO;
  for (const set of sets) {
    let one = ONE;
    for (const v of [...set].sort((a, b) => b - a)) one = bdd.zdd(v, ZERO, one);
    family = union(bdd, family, one);
  }
  return family;
}

function union(bdd: BddManager, a: number, b: number): number {
  if (a === ZERO) return b;
  if (b === ZERO || a === b) return a;
  const la = a === ONE ? Infinity : bdd.level(a);
  const lb = b === ONE ? Infinity : bdd.level(b);
  if (la < lb) return bdd.zdd(la, union(bdd, bdd.low(a), b), bdd.high(a));
  if (lb < la) return bdd.zdd(lb, union(bdd, a, bdd.low(b)), bdd.high(b));
  return bdd.zdd(la, union(bdd, bdd.low(a), bdd.low(b)), union(bdd, bdd.high(a), bdd.high(b)));
}

const all = (bdd: BddManager, family: number) => cheapestSets(bdd, family, 1000, () => 1).sets;

describe('minimal attacks from a BDD (Rauzy)', () => {
  const bdd = new BddManager(10_000);
  const v = (k: number) => bdd.variable(k);
  // f = (x0 ∨ x1) ∧ (x0 ∨ x2): minimal solutions {x0}, {x1, x2}.
  const f = bdd.and(bdd.or(v(0), v(1)), bdd.or(v(0), v(2)));
  const solutions = minimalSolutions(bdd, f);
  it.each([
    ['minimal solutions of (x0 ∨ x1)(x0 ∨ x2)', all(bdd, solutions), [[0], [1, 2]]],
    ['of a constant true: the empty attack', all(bdd, minimalSolutions(bdd, ONE)), [[]]],
    ['of false: none', all(bdd, minimalSolutions(bdd, ZERO)), []],
    ['counted', countSets(bdd, solutions, () => 1, new Map()), 2],
    [
      'counted with a module worth 3 attacks',
      countSets(bdd, solutions, (l) => (l === 0 ? 3 : 1), new Map()),
      4,
    ],
    [
      'without removes supersets',
      all(bdd, without(bdd, zdd(bdd, [[0, 1], [2], [1, 3]]), zdd(bdd, [[1]]))),
      [[2]],
    ],
    [
      'without keeps the rest',
      all(bdd, without(bdd, zdd(bdd, [[0, 1], [2]]), zdd(bdd, [[3]]))),
      [[2], [0, 1]],
    ],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('lists the cheapest first and says when it stops early', () => {
    const family = zdd(bdd, [[0], [1], [2], [0, 3]]);
    expect(cheapestSets(bdd, family, 2, (l) => [5, 1, 3, 0][l]!)).toEqual({ sets: [[1], [2]], more: true });
  });
});

describe('BDD', () => {
  const bdd = new BddManager(1000);
  const [x, y, z] = [0, 1, 2].map((v) => bdd.variable(v)) as [number, number, number];
  // f = (x ∨ y) ∧ (x ∨ z) = x ∨ (y ∧ z)
  const f = bdd.and(bdd.or(x, y), bdd.or(x, z));
  it.each([
    ['canonical: the same function is the same node', f, bdd.or(x, bdd.and(y, z))],
    ['x ∧ ¬x-free constants', bdd.and(x, ZERO), ZERO],
    ['x ∨ 1', bdd.or(x, ONE), ONE],
    ['probability by Shannon expansion', bddProbability(bdd, f, [0.5, 0.5, 0.5], new NodeMemo()), 0.625],
    ['least weight pays a shared variable once', bddMinWeight(bdd, f, [10, 6, 6], new NodeMemo()), 10],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('a memo forgets its values when cleared, and grows with the manager', () => {
    const memo = new NodeMemo();
    expect(bddMinWeight(bdd, f, [10, 6, 6], memo)).toBe(10);
    expect(bddMinWeight(bdd, f, [10, 1, 1], memo)).toBe(10); // same pass: the memo answers
    memo.clear();
    expect(bddMinWeight(bdd, f, [10, 1, 1], memo)).toBe(2);
    memo.generation = 0xffffffff; // the stamp wraps: stale values must not reappear
    memo.clear();
    expect(bddMinWeight(bdd, f, [10, 6, 6], memo)).toBe(10);
    const large = new BddManager(100_000);
    let chain = ZERO;
    for (let v = 2999; v >= 0; v--) chain = large.or(large.variable(v), chain);
    expect(bddProbability(large, chain, new Float64Array(3000).fill(0.001), new NodeMemo())).toBeCloseTo(
      1 - 0.999 ** 3000,
      12,
    );
  });

  it('sized up front for some nodes, still grows past them and stays canonical', () => {
    // An OR of 3,000 pairs, each pair ANDed: 6,000 nodes, well past the 2,048 made room for.
    const build = (bdd: BddManager): number => {
      let acc = ZERO;
      for (let v = 2999; v >= 0; v--)
        acc = bdd.or(bdd.and(bdd.variable(2 * v), bdd.variable(2 * v + 1)), acc);
      return acc;
    };
    const sized = new BddManager(1_000_000, 2048);
    const grown = new BddManager(1_000_000);
    const f = build(sized);
    build(grown);
    expect(sized.size).toBe(grown.size);
    expect(sized.size).toBeGreaterThan(6000);
    expect(build(sized)).toBe(f);
    const weights = Float64Array.from({ length: 6000 }, (_, v) => v + 1);
    expect(bddMinWeight(sized, f, weights, new NodeMemo())).toBe(3);
  });

  it('throws a typed overflow at its node limit', () => {
    const small = new BddManager(16);
    expect(() => {
      let acc = ZERO;
      for (let v = 0; v < 40; v++) acc = small.or(acc, small.and(small.variable(v), small.variable(v + 40)));
    }).toThrow(/node limit/);
  });
});

describe('modules (Dutuit & Rauzy)', () => {
  // 0 = AND(1, 2); 1 = OR(3, 4); 2 = OR(4, 5): 4 is shared, so neither 1 nor 2 is a module.
  // 6 = OR(7) with 7 a leaf only under 6: 6 is a module.
  const successors = [[1, 2, 6], [3, 4], [4, 5], [], [], [], [7], []];
  const modules = findModules(successors, [0]);
  it.each([
    ['the root is a module', 0, 1],
    ['a gate sharing a leaf is not', 1, 0],
    ['neither is its sibling', 2, 0],
    ['a gate with private leaves is', 6, 1],
  ])('%s', (_name, node, expected) => {
    expect(modules[node]).toBe(expected);
  });
});

describe('SlotMap', () => {
  const m = new SlotMap(
    new Map([
      ['a', 0],
      ['b', 1],
    ]),
    ['a', 'b'],
    [1, 2],
  );
  it('replaces values without touching the original', () => {
    const n = m.withValues([[1, 20]]);
    expect([[...n], [...m]]).toEqual([
      [
        ['a', 1],
        ['b', 20],
      ],
      [
        ['a', 1],
        ['b', 2],
      ],
    ]);
  });
});
