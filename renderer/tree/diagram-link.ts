import { reachableFrom } from '../../models/attack/explore';
import type { GoalInfo } from '../../models/attack/generate/goals';
import type { AttackTree, NodeId } from '../../models/attack/tree/attack-tree';
import type { TreeGraph } from '../../models/attack/tree/tree-graph';
import type { ThreatModel } from '../../models/model/threat-model';
import { defenceTarget } from './what-if-scenario';

/** The diagram items (elements, flows) tree nodes are about: a step's element, a defence's
 * target, a goal's target, and for a sub-goal the elements of the steps below it. Ids the tree
 * uses for workloads are mapped to the model's element ids. */
export function diagramItemsOf(
  model: ThreatModel,
  tree: AttackTree,
  graph: TreeGraph,
  goals: readonly GoalInfo[],
  nodes: readonly NodeId[],
): string[] {
  const targets = new Set<string>();
  const goalTarget = new Map(goals.map((g) => [g.id, g.target]));
  const direct = (id: NodeId): boolean => {
    const node = tree.nodes.get(id);
    if (node?.kind === 'step' && node.elementId) targets.add(node.elementId);
    else if (node?.kind === 'defence') {
      const at = defenceTarget(node);
      if (at) targets.add(at.target);
    } else if (goalTarget.has(id)) targets.add(goalTarget.get(id)!);
    else return false;
    return true;
  };
  for (const id of nodes) if (!direct(id)) for (const below of reachableFrom(graph, id)) direct(below);
  const out: string[] = [];
  for (const element of model.elements)
    if (targets.has(element.id) || (element.workload && targets.has(element.workload))) out.push(element.id);
  for (const flow of model.flows) if (targets.has(flow.id)) out.push(flow.id);
  return out;
}
