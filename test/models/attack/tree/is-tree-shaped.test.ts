import { describe, expect, it } from 'vitest';
import type { AttackTree } from '../../../../models/attack/tree/attack-tree';
import { isTreeShaped } from '../../../../models/attack/tree/is-tree-shaped';
import { tree } from '../../../../models/attack/tree/tree-builder';

describe('isTreeShaped', () => {
  it.each<[string, AttackTree, boolean]>([
    [
      'a tree',
      tree().goal('g', 'AND', ['a', 'b']).or('a', ['x', 'y']).steps({ b: {}, x: {}, y: {} }).build(),
      true,
    ],
    [
      'a shared leaf',
      tree()
        .goal('g', 'AND', ['a', 'b'])
        .or('a', ['x', 'y'])
        .or('b', ['x', 'z'])
        .steps({ x: {}, y: {}, z: {} })
        .build(),
      false,
    ],
    ['a child listed twice', tree().goal('g', 'AND', ['x', 'x']).step('x').build(), false],
    ['a defence on one node', tree().goal('g', 'OR', ['x']).step('x').defence('d', ['x']).build(), true],
    [
      'a defence on two nodes',
      tree().goal('g', 'OR', ['x', 'y']).steps({ x: {}, y: {} }).defence('d', ['x', 'y']).build(),
      false,
    ],
    ['a cycle', tree().goal('g', 'OR', ['a']).or('a', ['g']).build(), false],
  ])('%s → %s', (_name, input, expected) => {
    expect(isTreeShaped(input)).toBe(expected);
  });

  it('judges only the part under a goal', () => {
    const t = tree().goal('g', 'OR', ['x']).goal('h', 'OR', ['x']).step('x').build();
    expect([isTreeShaped(t), isTreeShaped(t, 'g')]).toEqual([false, true]);
  });
});
