import type { AttackTree, NodeId } from '../tree/attack-tree';
import { isTreeShaped } from '../tree/is-tree-shaped';
import { treeGraph } from '../tree/tree-graph';
import { ADTOOL_DOMAINS, type AdtoolDomain, type AdtoolDomainId, type AdtoolValue } from './adtool-domains';

export interface BottomUpResult<V> {
  /** Value of every node; for a defence, its value as a countermeasure (after counter-attacks). */
  values: ReadonlyMap<NodeId, V>;
  /** When false the tree shares nodes (or has a cycle) and the values of nodes above a shared
   * node may be wrong (reference §1.4); use `evaluateTree` for exact values. */
  treeShaped: boolean;
}

/** ADTool's bottom-up evaluation in one attribute domain (Kordy et al. 2014, §1.3 operator table):
 * each node is computed once from its children, a shared node giving the same value to each
 * parent — which is what ADTool computes on the tree where shared nodes are duplicated. Several
 * defences countering one node are combined with ∨o (the countermeasure is the disjunction of
 * the defences, as in the ADTool export); a defence with counter-attacks is co(defence, ∨p of
 * the counter-attacks). */
export function evaluateBottomUp<D extends AdtoolDomainId>(
  tree: AttackTree,
  domain: D,
): BottomUpResult<AdtoolValue<D>>;
export function evaluateBottomUp<V>(tree: AttackTree, domain: AdtoolDomain<V>): BottomUpResult<V>;
export function evaluateBottomUp<V>(
  tree: AttackTree,
  domain: AdtoolDomainId | AdtoolDomain<V>,
): BottomUpResult<V> {
  const d = (typeof domain === 'string' ? ADTOOL_DOMAINS[domain] : domain) as AdtoolDomain<V>;
  const graph = treeGraph(tree);
  const values = new Map<NodeId, V>();
  const valueOf = (id: NodeId): V => values.get(id) ?? d.impossible;
  const fold = (ids: readonly NodeId[], op: (x: V, y: V) => V): V | undefined =>
    ids.length === 0 ? undefined : ids.map(valueOf).reduce(op);

  for (const id of graph.order) {
    const node = tree.nodes.get(id)!;
    let value: V;
    switch (node.kind) {
      case 'step':
        value = d.step(node.attributes);
        break;
      case 'assumption':
        value = d.assumption(node.holds, node.probability);
        break;
      case 'defence': {
        const counter = fold(attackChildren(node.children), d.op);
        value = counter === undefined ? d.defence(node) : d.co(d.defence(node), counter);
        break;
      }
      default: {
        const op = node.gate === 'OR' ? d.op : node.gate === 'SAND' ? d.sand : d.ap;
        value = fold(attackChildren(node.children), op) ?? d.impossible;
      }
    }
    if (node.kind !== 'defence') {
      const countermeasure = fold(graph.defencesOf.get(id) ?? [], d.oo);
      if (countermeasure !== undefined) value = d.cp(value, countermeasure);
    }
    values.set(id, value);
  }
  return { values, treeShaped: isTreeShaped(tree, undefined, graph) };

  function attackChildren(children: readonly NodeId[]): NodeId[] {
    return (Array.isArray(children) ? children : []).filter((c) => {
      const n = tree.nodes.get(c);
      return n !== undefined && n.kind !== 'defence';
    });
  }
}
