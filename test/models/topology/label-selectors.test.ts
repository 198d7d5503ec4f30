import { describe, expect, it } from 'vitest';
import { selectsPod } from '../../../models/topology/label-selectors';
import { selector } from './bundle-builder';

const labels = { app: 'orders', tier: 'backend', team: 'checkout' };

describe('selectsPod', () => {
  it.each([
    ['empty selector', selector(), true],
    ['matchLabels hit', selector({ matchLabels: { app: 'orders' } }), true],
    ['matchLabels miss', selector({ matchLabels: { app: 'catalog' } }), false],
    ['matchLabels on missing key', selector({ matchLabels: { env: 'prod' } }), false],
    [
      'In',
      selector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend', 'data'] }] }),
      true,
    ],
    [
      'In miss',
      selector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend'] }] }),
      false,
    ],
    [
      'In on missing key',
      selector({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }),
      false,
    ],
    [
      'NotIn',
      selector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] }),
      true,
    ],
    [
      'NotIn hit',
      selector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['backend'] }] }),
      false,
    ],
    [
      'NotIn on missing key',
      selector({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }),
      true,
    ],
    ['Exists', selector({ matchExpressions: [{ key: 'team', operator: 'Exists', values: [] }] }), true],
    ['Exists miss', selector({ matchExpressions: [{ key: 'env', operator: 'Exists', values: [] }] }), false],
    [
      'DoesNotExist',
      selector({ matchExpressions: [{ key: 'env', operator: 'DoesNotExist', values: [] }] }),
      true,
    ],
    [
      'DoesNotExist miss',
      selector({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist', values: [] }] }),
      false,
    ],
    [
      'labels and expressions',
      selector({
        matchLabels: { app: 'orders' },
        matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }],
      }),
      true,
    ],
    [
      'unknown operator',
      selector({ matchExpressions: [{ key: 'app', operator: 'Matches', values: ['o.*'] }] }),
      false,
    ],
  ])('%s', (_name, s, expected) => {
    expect(selectsPod(s, labels)).toBe(expected);
  });

  it('does not match inherited object keys', () => {
    expect(selectsPod(selector({ matchLabels: { toString: 'x' } }), {})).toBe(false);
  });
});
