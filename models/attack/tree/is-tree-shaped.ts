import type { AttackTree, NodeId } from './attack-tree';
import { treeGraph, type TreeGraph } from './tree-graph';

/** True when the part of the tree under `goal` (or the whole tree) is a true tree: no node is
 * reached through two parents (shared children, defences countering several nodes, the same
 * child listed twice) and there is no cycle. Only then is plain bottom-up evaluation in an
 * attribute domain exact (Kordy et al. 2014; Budde & Stoelinga, CSF 2021, "tree vs DAG"). */
export function isTreeShaped(tree: AttackTree, goal?: NodeId, graph: TreeGraph = treeGraph(tree)): boolean {
  const starts = goal === undefined ? [...tree.nodes.keys()].filter(isRoot) : [goal];
  if (goal !== undefined && !tree.nodes.has(goal)) return false;
  const seen = new Set<NodeId>();
  const stack = [...starts];
  for (const start of starts) seen.add(start);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (graph.cyclic.has(id)) return false;
    for (const child of graph.successors.get(id) ?? []) {
      if (seen.has(child)) return false;
      seen.add(child);
      stack.push(child);
    }
  }
  return goal !== undefined || seen.size === tree.nodes.size;

  function isRoot(id: NodeId): boolean {
    return (graph.parents.get(id)?.length ?? 0) === 0;
  }
}
