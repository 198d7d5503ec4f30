import { describe, expect, it } from 'vitest';
import { LayeredMap } from '../../../../models/attack/tree/layered-map';

const base = new Map(Array.from({ length: 10 }, (_, i) => [`k${i}`, i] as const));

describe('LayeredMap', () => {
  it('replaces values and keeps key order', () => {
    const m = LayeredMap.replace(base, [['k3', 30]]);
    expect([...m]).toEqual([...base].map(([k, v]) => [k, k === 'k3' ? 30 : v]));
  });

  it('ignores keys the base does not have', () => {
    expect(LayeredMap.replace(base, [['zz', 1]])).toBe(base);
  });

  it('stacks replacements without touching the base', () => {
    const m = LayeredMap.replace(LayeredMap.replace(base, [['k1', 10]]), [['k2', 20]]);
    expect([m.get('k1'), m.get('k2'), base.get('k1')]).toEqual([10, 20, 1]);
  });

  it('folds into a plain map when the layer grows past half the base', () => {
    const m = LayeredMap.replace(
      base,
      Array.from({ length: 6 }, (_, i) => [`k${i}`, -i] as const),
    );
    expect(m instanceof LayeredMap).toBe(false);
  });
});
