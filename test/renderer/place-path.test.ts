import { describe, expect, it } from 'vitest';
import { placePath } from '../../renderer/diagram/place-path';

describe('placePath', () => {
  it.each([
    ['leaves a path at the origin as it is', 'M10 0H140V56H10Z', [0, 0], 'M10 0H140V56H10Z'],
    ['moves absolute coordinates', 'M0 9L10 0H160V50Z', [100, 40], 'M100 49L110 40H260V90Z'],
    ['scales before it moves', 'M0 10H150V60H0Z', [5, 5, 2, 0.5], 'M5 10H305V35H5Z'],
    [
      'scales arc radii but keeps their rotation and flags',
      'M0 9A70 9 0 0 1 140 9',
      [10, 20, 0.5, 2],
      'M10 38A35 18 0 0 1 80 38',
    ],
    ['moves every pair of a repeated command', 'M0 0L1 1 2 2', [10, 10], 'M10 10L11 11 12 12'],
    [
      'moves a curve’s control points',
      'M0 0C1 2 3 4 5 6Q7 8 9 10',
      [10, 20],
      'M10 20C11 22 13 24 15 26Q17 28 19 30',
    ],
    ['only scales relative coordinates', 'M1 1l10 0h5v5z', [100, 100, 2, 2], 'M102 102l20 0h10v10z'],
    ['takes a path’s first relative moveto as absolute', 'm1 1 2 2', [100, 100], 'm101 101 2 2'],
    ['reads numbers without separators', 'M-1.5-2L.5.5', [1, 1], 'M-0.5 -1L1.5 1.5'],
    ['rounds to hundredths', 'M0.333 0', [0, 0, 3, 1], 'M1 0'],
  ] as const)('%s', (_, d, [x, y, sx, sy], expected) => {
    expect(placePath(d, x, y, sx, sy)).toBe(expected);
  });
});
