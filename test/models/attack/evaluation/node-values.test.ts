import { describe, expect, it } from 'vitest';
import { NodeValues } from '../../../../models/attack/evaluation/node-values';

describe('NodeValues', () => {
  it('reads what was set, and nothing where nothing was', () => {
    const values = NodeValues.empty<string>(3);
    values.set(1, 'b');
    expect([values.get(0), values.get(1), values.get(2)]).toEqual([undefined, 'b', undefined]);
  });

  it('a layer overrides its nodes, clears them with undefined, and leaves the values below as they were', () => {
    const base = NodeValues.from(['a', 'b', 'c']);
    const layer = base.layered();
    layer.set(0, 'A');
    layer.set(2, undefined);
    expect(layer.toArray()).toEqual(['A', 'b', undefined]);
    expect(base.toArray()).toEqual(['a', 'b', 'c']);
  });

  it('shows values set below it later, for the nodes it does not override', () => {
    const base = NodeValues.empty<string>(2);
    const layer = base.layered();
    layer.set(0, undefined);
    base.set(0, 'late');
    base.set(1, 'late');
    expect([layer.get(0), layer.get(1)]).toEqual([undefined, 'late']);
  });

  it('keeps every value through layers deeper than the flattening depth', () => {
    let values = NodeValues.from(Array.from({ length: 12 }, (_, i) => i));
    const expected = values.toArray();
    for (let k = 0; k < 12; k++) {
      values = values.layered();
      values.set(k, 100 + k);
      expected[k] = 100 + k;
      expect(values.toArray()).toEqual(expected);
      expect(values.get(k)).toBe(100 + k);
    }
  });

  it('maps every value into a new, flat set of values', () => {
    const layer = NodeValues.from([1, 2, undefined]).layered();
    layer.set(1, 20);
    const mapped = layer.map((v) => (v === undefined ? undefined : v * 2));
    expect(mapped.toArray()).toEqual([2, 40, undefined]);
    mapped.set(0, 0);
    expect(layer.get(0)).toBe(1);
  });
});
