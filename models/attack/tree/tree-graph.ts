import { compareIds, isAttackNode, type AttackTree, type NodeId } from './attack-tree';

/** The evaluation graph of a tree. Its edges go from a node to what it depends on: a gate to its
 * children, an attack node to the defences that counter it, a defence to its counter-attacks.
 * Ids that name no node, and edges that would make a defence an attack child, are left out
 * (validation reports them). */
export interface TreeGraph {
  successors: ReadonlyMap<NodeId, readonly NodeId[]>;
  parents: ReadonlyMap<NodeId, readonly NodeId[]>;
  /** Attack node → the defences that counter it, sorted by id. */
  defencesOf: ReadonlyMap<NodeId, readonly NodeId[]>;
  /** Every node, dependencies before dependants; nodes on a cycle come in an arbitrary but
   * deterministic order. */
  order: readonly NodeId[];
  /** Nodes that lie on a cycle (validation reports them; evaluation marks results inexact). */
  cyclic: ReadonlySet<NodeId>;
}

export function treeGraph(tree: AttackTree): TreeGraph {
  const defencesOf = new Map<NodeId, NodeId[]>();
  for (const node of tree.nodes.values()) {
    if (node.kind !== 'defence') continue;
    for (const target of new Set(Array.isArray(node.counters) ? node.counters : [])) {
      const countered = tree.nodes.get(target);
      if (!countered || countered.kind === 'defence') continue;
      const list = defencesOf.get(target);
      if (list) list.push(node.id);
      else defencesOf.set(target, [node.id]);
    }
  }
  for (const list of defencesOf.values()) list.sort(compareIds);

  const successors = new Map<NodeId, NodeId[]>();
  const parents = new Map<NodeId, NodeId[]>();
  for (const id of tree.nodes.keys()) parents.set(id, []);
  for (const node of tree.nodes.values()) {
    const out: NodeId[] = [];
    if (node.kind === 'goal' || node.kind === 'subgoal' || node.kind === 'defence') {
      const children = Array.isArray(node.children) ? node.children : [];
      for (const child of children) if (isAttackNode(tree.nodes.get(child))) out.push(child);
    }
    if (node.kind !== 'defence') out.push(...(defencesOf.get(node.id) ?? []));
    successors.set(node.id, out);
    for (const child of new Set(out)) parents.get(child)!.push(node.id);
  }

  const { order, cyclic } = stronglyConnectedOrder([...tree.nodes.keys()], successors);
  return { successors, parents, defencesOf, order, cyclic };
}

/** Tarjan's strongly connected components, iteratively (deep generated chains must not overflow
 * the stack). Tarjan emits a component only after every component it reaches, which is the
 * dependencies-first order evaluation needs. */
function stronglyConnectedOrder(
  ids: readonly NodeId[],
  successors: ReadonlyMap<NodeId, readonly NodeId[]>,
): { order: NodeId[]; cyclic: Set<NodeId> } {
  const index = new Map<NodeId, number>();
  const low = new Map<NodeId, number>();
  const onStack = new Set<NodeId>();
  const stack: NodeId[] = [];
  const order: NodeId[] = [];
  const cyclic = new Set<NodeId>();
  let counter = 0;

  for (const start of ids) {
    if (index.has(start)) continue;
    const frames: { id: NodeId; next: number }[] = [{ id: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      const out = successors.get(frame.id) ?? [];
      if (frame.next < out.length) {
        const child = out[frame.next++]!;
        if (!index.has(child)) {
          index.set(child, counter);
          low.set(child, counter++);
          stack.push(child);
          onStack.add(child);
          frames.push({ id: child, next: 0 });
        } else if (onStack.has(child)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(child)!));
        }
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== index.get(frame.id)) continue;
      const component: NodeId[] = [];
      let member: NodeId;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      const selfLoop = component.length === 1 && out.includes(frame.id);
      if (component.length > 1 || selfLoop) for (const m of component) cyclic.add(m);
      order.push(...component.reverse());
    }
  }
  return { order, cyclic };
}
