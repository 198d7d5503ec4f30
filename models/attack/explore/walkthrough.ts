import type { MitigationId } from '../../mitigations/mitigation-ids';
import type { SourceRef } from '../../source/source-ref';
import type { Attack, EvaluationView, NodeStatus } from '../evaluation/evaluation-types';
import type { AttackTree, DefenceEffect, NodeId } from '../tree/attack-tree';
import type { TreeGraph } from '../tree/tree-graph';
import { reachableFrom } from './goal-view';

/**
 * The workshop walkthrough of one goal: a presenter steps through it with the keyboard, either
 * attack by attack (each minimal attack, cheapest first, as the evaluation lists them) or node by
 * node (the goal's attack nodes in depth-first order, each once). Every step carries the config
 * lines that enable it and the mitigations that would cut it, so the room can decide there and
 * then.
 */
export type WalkthroughMode = 'attacks' | 'nodes';

export interface WalkthroughStep {
  /** The node the decision is recorded against: the attack's first step in `attacks` mode. */
  node: NodeId;
  /** The nodes to highlight: the attack's steps, or the single node. */
  highlight: NodeId[];
  /** In `attacks` mode: the attack shown. */
  attack?: Attack;
  status?: NodeStatus;
  evidence: SourceRef[];
  candidates: CandidateMitigation[];
}

export interface CandidateMitigation {
  defence: NodeId;
  mitigation?: MitigationId;
  label: string;
  /** Whether the defence is in place now. */
  active: boolean;
  effect: DefenceEffect;
  /** The node it counters. */
  counters: NodeId;
}

export function buildWalkthrough(
  tree: AttackTree,
  graph: TreeGraph,
  evaluation: EvaluationView,
  goal: NodeId,
  mode: WalkthroughMode,
): WalkthroughStep[] {
  if (mode === 'attacks') {
    const result = evaluation.goals.find((g) => g.id === goal);
    return (result?.attacks ?? []).map((attack) => {
      const highlight = [...attack.steps, ...attack.assumed];
      const status = evaluation.nodes.get(goal)?.status;
      return {
        node: attack.steps[0] ?? goal,
        highlight,
        attack,
        ...(status ? { status } : {}),
        evidence: evidenceOf(tree, attack.steps),
        candidates: candidatesFor(tree, graph, attack.steps),
      };
    });
  }
  const under = reachableFrom(graph, goal);
  const steps: WalkthroughStep[] = [];
  const seen = new Set<NodeId>();
  const stack = [goal];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id) || !under.has(id)) continue;
    seen.add(id);
    const node = tree.nodes.get(id);
    if (!node || node.kind === 'defence') continue;
    const status = evaluation.nodes.get(id)?.status;
    steps.push({
      node: id,
      highlight: [id],
      ...(status ? { status } : {}),
      evidence: evidenceOf(tree, [id]),
      candidates: candidatesFor(tree, graph, [id]),
    });
    if (node.kind === 'goal' || node.kind === 'subgoal')
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return steps;
}

function evidenceOf(tree: AttackTree, ids: readonly NodeId[]): SourceRef[] {
  const out: SourceRef[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    const node = tree.nodes.get(id);
    if (node?.kind !== 'step') continue;
    for (const ref of node.evidence) {
      const key = `${ref.file}:${ref.line}:${ref.column}:${ref.path ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(ref);
    }
  }
  return out;
}

function candidatesFor(tree: AttackTree, graph: TreeGraph, ids: readonly NodeId[]): CandidateMitigation[] {
  const out: CandidateMitigation[] = [];
  const seen = new Set<NodeId>();
  for (const id of ids) {
    for (const defenceId of graph.defencesOf.get(id) ?? []) {
      const defence = tree.nodes.get(defenceId);
      if (defence?.kind !== 'defence' || seen.has(defenceId)) continue;
      seen.add(defenceId);
      out.push({
        defence: defenceId,
        ...(defence.mitigation ? { mitigation: defence.mitigation } : {}),
        label: defence.label,
        active: defence.active,
        effect: defence.effect,
        counters: id,
      });
    }
  }
  // Cuts first: inactive defences that block outright are what a workshop argues about.
  const rank = (c: CandidateMitigation) => (c.active ? 2 : 0) + (c.effect === 'blocks' ? 0 : 1);
  return out.sort(
    (a, b) => rank(a) - rank(b) || (a.defence < b.defence ? -1 : a.defence > b.defence ? 1 : 0),
  );
}
