import { describe, expect, it } from 'vitest';
import type { DefenceNode, GateNode } from '../../../../models/attack/tree/attack-tree';
import { carryOverUserNodes } from '../../../../models/attack/tree/carry-over-user-nodes';
import { tree } from '../../../../models/attack/tree/tree-builder';

const previous = tree()
  .goal('g', 'OR', ['a', 'note-step'])
  .step('a')
  .step('note-step', {}, { origin: 'user' })
  .defence('user-fix', ['a', 'gone'], { origin: 'user' })
  .step('clash', {}, { origin: 'user' })
  .build();
const regenerated = tree().goal('g', 'OR', ['a', 'b']).steps({ a: {}, b: {}, clash: {} }).build();
const { tree: merged, dropped } = carryOverUserNodes(previous, regenerated);

describe('carryOverUserNodes', () => {
  it.each([
    [
      're-attaches a user child after the generated ones',
      (merged.nodes.get('g') as GateNode).children,
      ['a', 'b', 'note-step'],
    ],
    [
      'keeps a user defence, without references to vanished nodes',
      (merged.nodes.get('user-fix') as DefenceNode).counters,
      ['a'],
    ],
    ['drops a user node whose id is now generated', dropped, ['clash']],
    ['keeps the generated node of that id', merged.nodes.get('clash')!.origin, 'generated'],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });
});
