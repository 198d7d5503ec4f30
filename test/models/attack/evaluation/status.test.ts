// Status per node and its transitions as defences are switched on (DESIGN §5).
import { describe, expect, it } from 'vitest';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import type { NodeStatus } from '../../../../models/attack/evaluation/evaluation-types';
import { whatIf } from '../../../../models/attack/evaluation/what-if';
import type { WhatIfChange } from '../../../../models/attack/evaluation/what-if-changes';
import { tree } from '../../../../models/attack/tree/tree-builder';
import { goal } from './helpers';

/** g = OR(a, b): `pa` partial on a, `ba` blocks a, `pb` partial on b, `bb` blocks b, all off. */
const t = tree()
  .goal('g', 'OR', ['a', 'b'])
  .steps({ a: {}, b: {} })
  .defence('pa', ['a'], { partial: {}, active: false })
  .defence('ba', ['a'], { active: false })
  .defence('pb', ['b'], { partial: {}, active: false })
  .defence('bb', ['b'], { active: false })
  .build();
const on = (id: string): WhatIfChange => ({ kind: 'defence', id, active: true });

describe('status transitions', () => {
  it.each<[string, WhatIfChange[], NodeStatus]>([
    ['nothing in place', [], 'open'],
    ['one alternative narrowed', [on('pa')], 'open'],
    ['every alternative narrowed', [on('pa'), on('pb')], 'partially-mitigated'],
    ['one blocked, one narrowed', [on('ba'), on('pb')], 'partially-mitigated'],
    ['one blocked, one open', [on('ba')], 'open'],
    ['both blocked', [on('ba'), on('bb')], 'mitigated'],
    ['blocked and narrowed: blocking wins', [on('ba'), on('bb'), on('pa')], 'mitigated'],
  ])('%s → %s', (_name, changes, expected) => {
    expect(goal(whatIf(t, evaluateTree(t), changes).evaluation, 'g').status).toBe(expected);
  });

  it('gives a status to sub-goals and steps too', () => {
    const e = whatIf(t, evaluateTree(t), [on('ba'), on('pb')]).evaluation;
    expect(['a', 'b', 'g'].map((id) => e.nodes.get(id)!.status)).toEqual([
      'mitigated',
      'partially-mitigated',
      'partially-mitigated',
    ]);
  });
});
