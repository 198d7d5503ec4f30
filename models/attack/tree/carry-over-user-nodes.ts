import { isGateNode, type AttackTree, type NodeId, type TreeNode } from './attack-tree';

export interface CarryOverResult {
  tree: AttackTree;
  /** User nodes that could not be kept because the regenerated tree uses their id. */
  dropped: NodeId[];
}

/** Keeps the hand-made part of a tree when it is regenerated from configs (DESIGN §2: trees are
 * derived, except user-added nodes and assumptions, which belong to the model). Every `user` node
 * of `previous` is added to `regenerated`; where a user node hung under a generated gate that
 * still exists, it is attached there again, after the generated children. References to nodes
 * that no longer exist are dropped from user nodes, so the result has no new dangling ids. */
export function carryOverUserNodes(previous: AttackTree, regenerated: AttackTree): CarryOverResult {
  const nodes = new Map(regenerated.nodes);
  const dropped: NodeId[] = [];
  const kept = new Set<NodeId>();
  for (const node of previous.nodes.values()) {
    if (node.origin !== 'user') continue;
    if (nodes.has(node.id)) dropped.push(node.id);
    else {
      nodes.set(node.id, node);
      kept.add(node.id);
    }
  }

  for (const old of previous.nodes.values()) {
    if (old.origin === 'user' || !isGateNode(old)) continue;
    const userChildren = old.children.filter((child) => kept.has(child));
    const current = nodes.get(old.id);
    if (userChildren.length === 0 || !isGateNode(current)) continue;
    const children = [...current.children, ...userChildren.filter((c) => !current.children.includes(c))];
    nodes.set(old.id, { ...current, children });
  }

  for (const id of kept) {
    const node = nodes.get(id)!;
    nodes.set(id, pruneReferences(node, nodes));
  }
  return { tree: { nodes }, dropped };
}

function pruneReferences(node: TreeNode, nodes: ReadonlyMap<NodeId, TreeNode>): TreeNode {
  const exists = (id: NodeId): boolean => nodes.has(id);
  switch (node.kind) {
    case 'goal':
    case 'subgoal':
      return { ...node, children: node.children.filter(exists) };
    case 'defence':
      return { ...node, counters: node.counters.filter(exists), children: node.children.filter(exists) };
    default:
      return node;
  }
}
