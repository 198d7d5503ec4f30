import { describe, expect, it } from 'vitest';
import { DEFAULT_STEP_ATTRIBUTES, goalIds } from '../../../../models/attack/tree/attack-tree';
import { tree } from '../../../../models/attack/tree/tree-builder';

const built = tree()
  .goal('root', 'AND', ['A', 'x'], { label: 'Root on host' })
  .or('A', ['x', 'k'])
  .step('x', { cost: 10 }, { ruleId: 'R04', attack: ['T1611'] })
  .assumption('k', 'unknown', { probability: 0.3, key: 'kernel', value: '5.10' })
  .defence('d', ['x'], { mitigation: 'no-runtime-socket', partial: { probabilityFactor: 0.25 } })
  .build();

describe('tree builder', () => {
  it.each([
    ['goal kind', () => built.nodes.get('root')!.kind, 'goal'],
    ['goal label', () => built.nodes.get('root')!.label, 'Root on host'],
    ['sub-goal kind', () => built.nodes.get('A')!.kind, 'subgoal'],
    ['label defaults to id', () => built.nodes.get('A')!.label, 'A'],
    ['origin defaults to generated', () => built.nodes.get('x')!.origin, 'generated'],
    [
      'step attributes default',
      () => (built.nodes.get('x') as { attributes: object }).attributes,
      { ...DEFAULT_STEP_ATTRIBUTES, cost: 10 },
    ],
    ['step rule id', () => (built.nodes.get('x') as { ruleId: string }).ruleId, 'R04'],
    ['assumption holds', () => (built.nodes.get('k') as { holds: unknown }).holds, 'unknown'],
    ['partial effect implied', () => (built.nodes.get('d') as { effect: string }).effect, 'partial'],
    [
      'partial defaults filled',
      () => (built.nodes.get('d') as { partial: object }).partial,
      { probabilityFactor: 0.25, addedCost: 0, addedTime: 0 },
    ],
    ['defence active by default', () => (built.nodes.get('d') as { active: boolean }).active, true],
    ['goal ids', () => goalIds(built), ['root']],
    ['node order is insertion order', () => [...built.nodes.keys()], ['root', 'A', 'x', 'k', 'd']],
  ])('%s', (_name, actual, expected) => {
    expect(actual()).toEqual(expected);
  });
});
