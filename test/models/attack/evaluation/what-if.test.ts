// What-if: deltas per goal, and incremental re-evaluation equal to evaluation from scratch.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import { whatIf } from '../../../../models/attack/evaluation/what-if';
import type { WhatIfChange } from '../../../../models/attack/evaluation/what-if-changes';
import type { AssumptionHolds, AttackTree } from '../../../../models/attack/tree/attack-tree';
import { tree } from '../../../../models/attack/tree/tree-builder';
import { attackList, goal, snapshot } from './helpers';
import { generatedSystem, randomDag, seededRandom } from './random-trees';

// Reference §4.5 in miniature: root on host through the worker's socket (R04) or its cgroup
// release_agent (R02, needs CAP_SYS_ADMIN and cgroup v1), both after code execution in the worker.
const host = tree()
  .goal('root-on-host', 'OR', ['via-socket', 'via-cgroup'])
  .sand('via-socket', ['exec-in-worker', 'docker-sock'])
  .sand('via-cgroup', ['exec-in-worker', 'release-agent'])
  .or('exec-in-worker', ['rce', 'bad-image'])
  .and('release-agent', ['mount-cgroup', 'cgroup-v1'])
  .steps({
    rce: { cost: 5 },
    'bad-image': { cost: 3 },
    'docker-sock': { cost: 1 },
    'mount-cgroup': { cost: 2 },
  })
  .assumption('cgroup-v1', 'unknown', { probability: 0.5 })
  .defence('drop-sys-admin', ['mount-cgroup'], { mitigation: 'drop-capabilities', active: false })
  .defence('remove-socket', ['docker-sock'], { mitigation: 'no-runtime-socket', active: false })
  .defence('pin-digest', ['bad-image'], { mitigation: 'immutable-image', active: true })
  .build();
const baseline = evaluateTree(host);

describe('what-if deltas', () => {
  const dropCaps = whatIf(host, baseline, [{ kind: 'defence', id: 'drop-sys-admin', active: true }]);
  const delta = dropCaps.delta.goals[0]!;
  it.each([
    [
      'attacks before',
      attackList(goal(baseline, 'root-on-host')),
      ['docker-sock rce', 'mount-cgroup rce ?cgroup-v1'],
    ],
    [
      'removing CAP_SYS_ADMIN cuts the cgroup escape',
      delta.cut.map((a) => a.key),
      ['mount-cgroup + rce | assumes cgroup-v1'],
    ],
    ['and leaves the socket escape', delta.remaining.map((a) => a.key), ['docker-sock + rce']],
    ['and opens nothing', delta.added, []],
    ['the goal is reported as changed', dropCaps.delta.changedGoals, ['root-on-host']],
    ['status stays open', delta.status, { before: 'open', after: 'open' }],
    [
      'least cost unchanged (the socket was cheaper)',
      delta.metrics.minCost,
      { before: 6, after: 6, delta: 0 },
    ],
    ['probability falls', delta.metrics.probability.delta < 0, true],
  ])('%s', (_name, actual, expected) => {
    expect(actual).toEqual(expected);
  });

  it('removing the socket too mitigates the goal', () => {
    const both = whatIf(dropCaps.tree, dropCaps.evaluation, [
      { kind: 'mitigation', mitigation: 'no-runtime-socket', active: true },
    ]);
    expect([both.delta.goals[0]!.status.after, both.delta.goals[0]!.cut.length]).toEqual(['mitigated', 1]);
  });

  it('unpinning the image opens new attacks', () => {
    const d = whatIf(host, baseline, [{ kind: 'defence', id: 'pin-digest', active: false }]).delta.goals[0]!;
    expect(d.added.map((a) => a.key)).toEqual([
      'bad-image + docker-sock',
      'bad-image + mount-cgroup | assumes cgroup-v1',
    ]);
  });

  it('settling an assumption changes the attack, not its identity', () => {
    const d = whatIf(host, baseline, [{ kind: 'assumption', id: 'cgroup-v1', holds: false }]).delta.goals[0]!;
    expect(d.cut.map((a) => a.key)).toEqual(['mount-cgroup + rce | assumes cgroup-v1']);
  });

  it('lists changes that name nothing as ignored', () => {
    const changes: WhatIfChange[] = [
      { kind: 'defence', id: 'rce', active: true },
      { kind: 'mitigation', mitigation: 'tls', active: true },
    ];
    expect(whatIf(host, baseline, changes).ignored).toEqual(changes);
  });

  it('recomputes only the changed node and the nodes above it', () => {
    // remove-socket → docker-sock → via-socket → root-on-host.
    expect(whatIf(host, baseline, [{ kind: 'defence', id: 'remove-socket', active: true }]).recomputed).toBe(
      4,
    );
  });

  it('leaves goals that are not above the change out of the delta', () => {
    const two = tree()
      .goal('g1', 'OR', ['a'])
      .goal('g2', 'OR', ['b'])
      .steps({ a: {}, b: {} })
      .defence('d', ['a'], { active: false })
      .build();
    const d = whatIf(two, evaluateTree(two), [{ kind: 'defence', id: 'd', active: true }]).delta;
    expect(d.goals.map((g) => g.goal)).toEqual(['g1']);
  });

  it('falls back to a full evaluation for a baseline of another tree', () => {
    const other = evaluateTree(tree().goal('g', 'OR', ['a']).step('a').build());
    const r = whatIf(host, other, [{ kind: 'defence', id: 'remove-socket', active: true }]);
    expect(snapshot(r.evaluation)).toBe(snapshot(evaluateTree(r.tree)));
  });
});

/** Random changes to the defences and assumptions of a tree. */
function randomChanges(t: AttackTree, seed: number, count: number): WhatIfChange[] {
  const random = seededRandom(seed);
  const defences = [...t.nodes.values()].filter((n) => n.kind === 'defence');
  const facts = [...t.nodes.values()].filter((n) => n.kind === 'assumption');
  const changes: WhatIfChange[] = [];
  for (let k = 0; k < count; k++) {
    if (facts.length > 0 && (defences.length === 0 || random() < 0.3)) {
      const holds: AssumptionHolds[] = [true, false, 'unknown'];
      changes.push({
        kind: 'assumption',
        id: facts[Math.floor(random() * facts.length)]!.id,
        holds: holds[Math.floor(random() * 3)]!,
      });
    } else if (defences.length > 0) {
      changes.push({
        kind: 'defence',
        id: defences[Math.floor(random() * defences.length)]!.id,
        active: random() < 0.5,
      });
    }
  }
  return changes;
}

describe('incremental what-if equals evaluation from scratch', () => {
  it('on random DAGs, over a chain of changes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 4 }), (seed, steps) => {
        let t = randomDag(seed, { steps: 7, gates: 10, assumptions: 2, defences: 5 });
        let evaluation = evaluateTree(t);
        for (let k = 0; k < steps; k++) {
          const result = whatIf(t, evaluation, randomChanges(t, seed * 31 + k, 2));
          expect(snapshot(result.evaluation)).toBe(snapshot(evaluateTree(result.tree)));
          t = result.tree;
          evaluation = result.evaluation;
        }
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('when attack lists are first read after later what-ifs were made from them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        let t = randomDag(seed, { steps: 7, gates: 10, assumptions: 2, defences: 5 });
        let evaluation = evaluateTree(t);
        const chain: { tree: AttackTree; evaluation: typeof evaluation }[] = [];
        for (let k = 0; k < 4; k++) {
          const result = whatIf(t, evaluation, randomChanges(t, seed * 17 + k, 2));
          chain.push(result);
          t = result.tree;
          evaluation = result.evaluation;
        }
        for (const step of chain.reverse())
          expect(snapshot(step.evaluation)).toBe(snapshot(evaluateTree(step.tree)));
      }),
      { numRuns: 150, seed: 11 },
    );
  });

  it('on a generated system of 40 services', () => {
    let t = generatedSystem(5, 40);
    let evaluation = evaluateTree(t);
    for (let k = 0; k < 6; k++) {
      const result = whatIf(t, evaluation, randomChanges(t, k, 1));
      expect(snapshot(result.evaluation)).toBe(snapshot(evaluateTree(result.tree)));
      t = result.tree;
      evaluation = result.evaluation;
    }
  });
});
