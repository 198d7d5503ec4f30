// The pair memo of the combined-metrics sweep: an open-addressing table that grows as it fills.
import { describe, expect, it } from 'vitest';
import { PairMemo } from '../../../../models/attack/evaluation/pair-memo';

describe('pair memo', () => {
  it('finds every pair it stored, through growth, and no other', () => {
    const memo = new PairMemo();
    // Node ids up to 2^26 − 1, both operations, far more pairs than the initial table holds.
    const pairs: [number, number, number][] = [];
    for (let k = 0; k < 5000; k++)
      pairs.push([2 + ((k * 7919) % 0x3fffffd), 2 + ((k * 104729) % 65536), k % 2]);
    pairs.forEach(([a, b, op], k) => memo.store(a, b, op, k, k / 5000));
    pairs.forEach(([a, b, op], k) => {
      expect(memo.find(a, b, op)).toBe(true);
      expect([memo.cost, memo.probability]).toEqual([k, k / 5000]);
    });
    const [a, b, op] = pairs[17]!;
    expect(memo.find(a, b, 1 - op)).toBe(false);
    expect(memo.find(b, a, op)).toBe(false);
    expect(memo.find(0x3ffffff, 3, 0)).toBe(false);
  });
});

describe('pair memo, cleared', () => {
  it('forgets every pair, and keeps what it learns after', () => {
    const memo = new PairMemo();
    for (let k = 0; k < 3000; k++) memo.store(2 + k, 3, 0, k, 0.5);
    memo.clear();
    expect(memo.find(2, 3, 0)).toBe(false);
    expect(memo.find(2999, 3, 0)).toBe(false);
    memo.store(2, 3, 0, 42, 0.25);
    expect(memo.find(2, 3, 0)).toBe(true);
    expect([memo.cost, memo.probability]).toEqual([42, 0.25]);
    expect(memo.find(4, 3, 0)).toBe(false);
  });
});
