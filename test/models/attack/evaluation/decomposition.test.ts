// Exact evaluation of DAGs with several goals sharing nodes against brute force, and the what-if
// restricted to the goals in view against the unrestricted what-if.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import { whatIf, whatIfInView } from '../../../../models/attack/evaluation/what-if';
import type { WhatIfChange } from '../../../../models/attack/evaluation/what-if-changes';
import type { AttackTree, NodeId, TreeNode } from '../../../../models/attack/tree/attack-tree';
import { reachableFrom } from '../../../../models/attack/explore/goal-view';
import { treeGraph } from '../../../../models/attack/tree/tree-graph';
import { bruteForce } from './brute-force';
import { generatedSystem, randomDag, seededRandom } from './random-trees';

/** A random DAG whose steps belong to one of three elements and where some gates are goals too,
 * so that several goals share nodes. */
function withElements(seed: number, t: AttackTree): AttackTree {
  const random = seededRandom(seed);
  const nodes = new Map<NodeId, TreeNode>();
  for (const [id, node] of t.nodes) {
    if (node.kind === 'step') nodes.set(id, { ...node, elementId: `e${Math.floor(random() * 3)}` });
    else if (node.kind === 'subgoal' && random() < 0.3) nodes.set(id, { ...node, kind: 'goal' });
    else nodes.set(id, node);
  }
  return { nodes };
}

describe('exact evaluation with several goals', () => {
  it('equals brute force on random DAGs whose goals share nodes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const t = withElements(seed, randomDag(seed, { steps: 7, gates: 9, assumptions: 2, defences: 4 }));
        const ours = evaluateTree(t).goals;
        for (const g of ours) {
          const oracle = bruteForce(t, g.id);
          expect([g.status, g.metrics.minCost, g.metrics.minTime, g.metrics.minSkill]).toEqual([
            oracle.status,
            oracle.minCost,
            oracle.minTime,
            oracle.minSkill,
          ]);
          expect(g.metrics.probability).toBeCloseTo(oracle.probability, 12);
          expect(g.attackCount).toBe(oracle.attacks.length);
        }
      }),
      { numRuns: 50, seed: 11 },
    );
  });
});

/** One random change to a defence or an assumption. */
function randomChange(t: AttackTree, random: () => number): WhatIfChange {
  const defences = [...t.nodes.values()].filter((n) => n.kind === 'defence');
  const facts = [...t.nodes.values()].filter((n) => n.kind === 'assumption');
  if (facts.length > 0 && (defences.length === 0 || random() < 0.3)) {
    const id = facts[Math.floor(random() * facts.length)]!.id;
    return { kind: 'assumption', id, holds: random() < 0.5 ? 'unknown' : random() < 0.5 };
  }
  const id = defences[Math.floor(random() * defences.length)]!.id;
  return { kind: 'defence', id, active: random() < 0.5 };
}

/** whatIfInView's goals and deltas equal whatIf's for the goals asked for; so do the results of
 * every node below them, and the status of every goal; a node result it gives elsewhere is
 * whatIf's too (the rest it leaves out). */
function expectSameAsFull(t: AttackTree, changes: WhatIfChange[], view: NodeId[]): void {
  const baseline = evaluateTree(t);
  const full = whatIf(t, baseline, changes);
  const scoped = whatIfInView(t, baseline, changes, view);
  const inView = new Set(view);
  expect(scoped.goals).toEqual(full.evaluation.goals.filter((g) => inView.has(g.id)));
  expect(scoped.delta).toEqual(full.delta.goals.filter((d) => inView.has(d.goal)));
  expect(scoped.recomputed).toBeLessThanOrEqual(full.recomputed);
  expect([...scoped.statuses]).toEqual(full.evaluation.goals.map((g) => [g.id, g.status]));
  const graph = treeGraph(scoped.tree);
  const below = new Set(view.flatMap((goal) => [...reachableFrom(graph, goal)]));
  for (const [id, result] of full.evaluation.nodes) {
    if (below.has(id)) expect(scoped.nodes.get(id)).toEqual(result);
    else if (scoped.nodes.has(id)) expect(scoped.nodes.get(id)).toEqual(result);
  }
  expect([...scoped.nodes.keys()].every((id) => full.evaluation.nodes.has(id))).toBe(true);
}

describe('what-if in view', () => {
  it('equals the full what-if for the goals in view on random DAGs with shared nodes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), (seed) => {
        const t = withElements(seed, randomDag(seed, { steps: 7, gates: 10, assumptions: 2, defences: 5 }));
        const random = seededRandom(seed);
        const goals = [...t.nodes.values()].filter((n) => n.kind === 'goal').map((n) => n.id);
        const view = goals.filter(() => random() < 0.5);
        expectSameAsFull(t, [randomChange(t, random), randomChange(t, random)], view);
      }),
      { numRuns: 100, seed: 5 },
    );
  });

  it('equals the full what-if on a generated system, recomputing less', () => {
    const t = generatedSystem(2, 30, 10);
    const random = seededRandom(8);
    for (let k = 0; k < 2; k++) {
      expectSameAsFull(t, [randomChange(t, random)], ['goal:root-on-host0', 'goal:secrets-of-svc3']);
    }
  });

  it('recomputes only the nodes the view depends on', () => {
    const t = generatedSystem(2, 30, 10);
    const baseline = evaluateTree(t);
    const socket = t.nodes.get('svc3:no-socket');
    const active = socket?.kind === 'defence' && !socket.active;
    const change: WhatIfChange[] = [{ kind: 'defence', id: 'svc3:no-socket', active }];
    const scoped = whatIfInView(t, baseline, change, ['goal:root-on-host0']);
    // svc3:no-socket → svc3:escape-socket → svc3:escape → svc3:to-host → goal:root-on-host0.
    expect([scoped.recomputed, whatIf(t, baseline, change).recomputed]).toEqual([5, 5]);
    expect(whatIfInView(t, baseline, change, ['goal:secrets-of-svc3']).recomputed).toBe(0);
  });

  it('leaves out ids that name no goal and keeps the goal order', () => {
    const t = generatedSystem(2, 12, 6);
    const scoped = whatIfInView(
      t,
      evaluateTree(t),
      [],
      ['goal:secrets-of-svc2', 'nothing', 'goal:root-on-host1'],
    );
    expect(scoped.goals.map((g) => g.id)).toEqual(['goal:root-on-host1', 'goal:secrets-of-svc2']);
  });
});
