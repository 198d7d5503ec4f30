import { describe, expect, it } from 'vitest';
import type { AttackTree, TreeNode } from '../../../../models/attack/tree/attack-tree';
import { tree } from '../../../../models/attack/tree/tree-builder';
import { validateTree } from '../../../../models/attack/tree/validate-tree';

const codes = (t: AttackTree) => validateTree(t).map((p) => `${p.code}@${p.node ?? ''}`);

/** Adds a raw node as untrusted data would arrive (no type checks). */
const raw = (base: ReturnType<typeof tree>, node: Record<string, unknown>) =>
  base.add(node as unknown as TreeNode);

describe('validateTree', () => {
  it.each<[string, AttackTree, string[]]>([
    ['a valid tree', tree().goal('g', 'OR', ['a']).step('a').build(), []],
    ['a dangling child', tree().goal('g', 'OR', ['a', 'zz']).step('a').build(), ['TREE_DANGLING_CHILD@g']],
    ['a gate without children', tree().goal('g', 'OR', []).build(), ['TREE_GATE_WITHOUT_CHILDREN@g']],
    [
      'a bad gate',
      raw(tree(), { id: 'g', kind: 'goal', label: 'g', origin: 'user', gate: 'XOR', children: ['a'] })
        .step('a')
        .build(),
      ['TREE_BAD_GATE@g'],
    ],
    [
      'a leaf with a gate',
      raw(tree().goal('g', 'OR', ['a']), {
        id: 'a',
        kind: 'step',
        label: 'a',
        origin: 'user',
        gate: 'OR',
        children: ['b'],
        attributes: { cost: 1, time: 1, skill: 1, probability: 1 },
        attack: [],
        cves: [],
        evidence: [],
      }).build(),
      ['TREE_LEAF_WITH_CHILDREN@a'],
    ],
    [
      'a cycle',
      tree().goal('g', 'OR', ['a']).or('a', ['b']).or('b', ['a']).build(),
      ['TREE_CYCLE@a', 'TREE_CYCLE@b'],
    ],
    ['a self loop', tree().goal('g', 'OR', ['g']).build(), ['TREE_CYCLE@g']],
    [
      'a defence as child',
      tree().goal('g', 'OR', ['a', 'd']).step('a').defence('d', ['a']).build(),
      ['TREE_DEFENCE_AS_CHILD@g'],
    ],
    [
      'a defence countering a defence',
      tree().goal('g', 'OR', ['a']).step('a').defence('d', ['a']).defence('e', ['d']).build(),
      ['TREE_COUNTERS_DEFENCE@e', 'TREE_UNREACHABLE@e'],
    ],
    [
      'a dangling counter',
      tree().goal('g', 'OR', ['a']).step('a').defence('d', ['nope']).build(),
      ['TREE_DANGLING_COUNTER@d', 'TREE_UNREACHABLE@d'],
    ],
    [
      'a defence countering nothing',
      tree().goal('g', 'OR', ['a']).step('a').defence('d', []).build(),
      ['TREE_DEFENCE_WITHOUT_TARGET@d', 'TREE_UNREACHABLE@d'],
    ],
    [
      'a counter-attack that is a defence',
      tree()
        .goal('g', 'OR', ['a'])
        .step('a')
        .defence('d', ['a'], { children: ['e'] })
        .defence('e', ['a'])
        .build(),
      ['TREE_COUNTER_ATTACK_IS_DEFENCE@d'],
    ],
    [
      'a negative cost',
      tree().goal('g', 'OR', ['a']).step('a', { cost: -1 }).build(),
      ['TREE_BAD_ATTRIBUTE@a'],
    ],
    [
      'a probability above one',
      tree().goal('g', 'OR', ['a']).step('a', { probability: 1.5 }).build(),
      ['TREE_BAD_ATTRIBUTE@a'],
    ],
    ['an infinite cost is allowed', tree().goal('g', 'OR', ['a']).step('a', { cost: Infinity }).build(), []],
    [
      'a bad assumption value',
      raw(tree().goal('g', 'OR', ['k']), {
        id: 'k',
        kind: 'assumption',
        label: 'k',
        origin: 'user',
        key: 'k',
        value: '',
        holds: 'maybe',
        probability: 0.5,
      }).build(),
      ['TREE_BAD_ASSUMPTION@k'],
    ],
    [
      'a partial defence without effect',
      raw(tree().goal('g', 'OR', ['a']).step('a'), {
        id: 'd',
        kind: 'defence',
        label: 'd',
        origin: 'user',
        counters: ['a'],
        effect: 'partial',
        active: true,
        children: [],
      }).build(),
      ['TREE_PARTIAL_MISSING@d'],
    ],
    [
      'a partial factor out of range',
      tree()
        .goal('g', 'OR', ['a'])
        .step('a')
        .defence('d', ['a'], { partial: { probabilityFactor: 2 } })
        .build(),
      ['TREE_BAD_PARTIAL@d'],
    ],
    ['a duplicate child', tree().goal('g', 'AND', ['a', 'a']).step('a').build(), ['TREE_DUPLICATE_CHILD@g']],
    ['no goal', tree().or('s', ['a']).step('a').build(), ['TREE_NO_GOAL@']],
    [
      'an unreachable node',
      tree().goal('g', 'OR', ['a']).step('a').step('b').build(),
      ['TREE_UNREACHABLE@b'],
    ],
    [
      'a key that is not the id',
      { nodes: new Map([['x', { ...tree().step('y').build().nodes.get('y')! }]]) },
      ['TREE_NO_GOAL@', 'TREE_ID_MISMATCH@x'],
    ],
  ])('reports %s', (_name, input, expected) => {
    expect(codes(input)).toEqual(expected);
  });

  it('never throws on garbage nodes', () => {
    const garbage = raw(tree(), {
      id: 'g',
      kind: 'goal',
      label: 'g',
      origin: 'user',
      gate: 'OR',
      children: 'not-a-list',
    });
    raw(garbage, {
      id: 'd',
      kind: 'defence',
      counters: null,
      children: null,
      effect: 'blocks',
      active: true,
    });
    raw(garbage, { id: 'w', kind: 'wizard' });
    expect(() => validateTree(garbage.build())).not.toThrow();
  });
});
