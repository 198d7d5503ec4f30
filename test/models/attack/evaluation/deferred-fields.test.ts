// Fields computed on first read must look, to every reader, like fields computed eagerly.
import { describe, expect, it } from 'vitest';
import { deferFields } from '../../../../models/attack/evaluation/deferred-fields';

interface Goal {
  id: string;
  attacks: string[];
  count: number;
  bound?: number;
}

function lazyGoal(id: string, attacks: string[], bound?: number): { goal: Goal; computed: () => number } {
  let calls = 0;
  const goal = deferFields({ id } as Goal, ['attacks', 'count', 'bound'], () => {
    calls++;
    return { attacks, count: attacks.length, bound };
  });
  return { goal, computed: () => calls };
}

describe('deferred fields', () => {
  it('computes nothing until a field is read, then all of them once', () => {
    const { goal, computed } = lazyGoal('g', ['a', 'b']);
    expect(computed()).toBe(0);
    expect(goal.count).toBe(2);
    expect(computed()).toBe(1);
    expect(goal.attacks).toEqual(['a', 'b']);
    expect(goal.count).toBe(2);
    expect(computed()).toBe(1);
  });

  it('reads as plain data, in the order given, without the fields left undefined', () => {
    const { goal } = lazyGoal('g', ['a']);
    const eager: Goal = { id: 'g', attacks: ['a'], count: 1 };
    expect(Object.keys(goal)).toEqual(['id', 'attacks', 'count', 'bound']);
    expect(JSON.stringify(goal)).toBe(JSON.stringify(eager));
    expect(Object.keys(goal)).toEqual(['id', 'attacks', 'count']);
    expect(goal).toStrictEqual(eager);
    expect(Object.getOwnPropertySymbols(goal)).toEqual([]);
    expect(Object.getOwnPropertyDescriptor(goal, 'attacks')).toEqual({
      value: ['a'],
      writable: true,
      enumerable: true,
      configurable: true,
    });
  });

  it('keeps a field the computation sets', () => {
    const { goal } = lazyGoal('g', [], 100);
    expect(goal.bound).toBe(100);
    expect(structuredClone(goal)).toEqual({ id: 'g', attacks: [], count: 0, bound: 100 });
  });

  it('equals an eager object under deep equality before any read', () => {
    expect(lazyGoal('g', ['a']).goal).toEqual({ id: 'g', attacks: ['a'], count: 1 });
  });

  it('computes before a write, so the write is not overwritten', () => {
    const { goal, computed } = lazyGoal('g', ['a']);
    goal.count = 7;
    expect(computed()).toBe(1);
    expect(goal.count).toBe(7);
    expect(goal.attacks).toEqual(['a']);
  });

  it('keeps each object to its own computation', () => {
    const first = lazyGoal('first', ['a']);
    const second = lazyGoal('second', ['b', 'c']);
    expect(second.goal.attacks).toEqual(['b', 'c']);
    expect(first.computed()).toBe(0);
    expect(first.goal.attacks).toEqual(['a']);
    expect(second.computed()).toBe(1);
  });
});
