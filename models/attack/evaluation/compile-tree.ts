import { compareIds, isAttackNode, partialEffectOf, type AttackTree, type NodeId } from '../tree/attack-tree';
import { treeGraph } from '../tree/tree-graph';
import { findModules } from './find-modules';

export const NODE_GATE = 0;
export const NODE_STEP = 1;
export const NODE_ASSUMPTION = 2;
export const NODE_DEFENCE = 3;

export const GATE_OR = 0;
export const GATE_AND = 1;
export const GATE_SAND = 2;

/** Basic events ("variables") of the structure function, and module atoms. */
export const VAR_STEP = 0;
export const VAR_ASSUMPTION = 1;
/** "The attacker gets past partial defence d": independent, probability = the effect's factor. */
export const VAR_PASS = 2;
/** A module seen from above as one event (its own metrics are computed inside it). */
export const VAR_MODULE = 3;

/** The static part of evaluation: everything that depends on the shape of the tree but not on
 * which defences are active or which assumptions hold, so what-if changes reuse it unchanged.
 * Nodes are numbered; arrays are indexed by node number or variable number. */
export interface CompiledTree {
  readonly source: AttackTree;
  readonly ids: readonly NodeId[];
  readonly indexOf: ReadonlyMap<NodeId, number>;
  readonly kind: Uint8Array;
  readonly gate: Uint8Array;
  /** Gates: attack children in order. Defences: counter-attacks. */
  readonly children: readonly Int32Array[];
  /** Attack nodes: the defences that counter them. */
  readonly defences: readonly Int32Array[];
  readonly parents: readonly Int32Array[];
  /** Dependencies before dependants. */
  readonly order: Int32Array;
  /** Place of each node in `order`; an edge to a later node closes a cycle. */
  readonly position: Int32Array;
  /** On or above a cycle: results are bounds, not exact. */
  readonly inexact: Uint8Array;
  /** Non-leaf modules: evaluated on their own and seen from above as one event. */
  readonly atom: Uint8Array;
  /** The basic event of a step, an assumption, or a partial defence (passing it); −1 if none. */
  readonly rawVar: Int32Array;
  /** The module event of an atom node; −1 if none. */
  readonly atomVar: Int32Array;
  readonly varNode: Int32Array;
  readonly varKind: Uint8Array;
  /** Goal node numbers, by goal id. */
  readonly goals: Int32Array;
  /** Attack nodes (everything but defences) in tree order, and each node's place among them. */
  readonly attackIds: readonly NodeId[];
  readonly attackSlots: ReadonlyMap<NodeId, number>;
  readonly attackSlot: Int32Array;
  /** Duration of a step; time added by a partial defence. */
  readonly time: Float64Array;
  /** Skill of a step. */
  readonly skill: Float64Array;
  /** 1 for a partial defence. */
  readonly partial: Uint8Array;
}

/** Numbers the nodes, finds modules and orders the variables. The variable number is also the
 * BDD level: variables are numbered in depth-first pre-order from the goals, which keeps the
 * events of one branch together — the usual good static order for fault-tree BDDs. */
export function compileTree(tree: AttackTree): CompiledTree {
  const graph = treeGraph(tree);
  const ids = [...tree.nodes.keys()];
  const indexOf = new Map<NodeId, number>();
  ids.forEach((id, i) => indexOf.set(id, i));
  const n = ids.length;
  const kind = new Uint8Array(n);
  const gate = new Uint8Array(n);
  const children: Int32Array[] = [];
  const defences: Int32Array[] = [];
  const time = new Float64Array(n);
  const skill = new Float64Array(n);
  const partial = new Uint8Array(n);
  const toIndices = (list: readonly NodeId[]): Int32Array => Int32Array.from(list, (id) => indexOf.get(id)!);

  for (let i = 0; i < n; i++) {
    const node = tree.nodes.get(ids[i]!)!;
    let own: readonly NodeId[] = [];
    if (node.kind === 'defence') {
      kind[i] = NODE_DEFENCE;
      own = (Array.isArray(node.children) ? node.children : []).filter((c) =>
        isAttackNode(tree.nodes.get(c)),
      );
      if (node.effect === 'partial') {
        partial[i] = 1;
        time[i] = partialEffectOf(node).addedTime;
      }
    } else if (node.kind === 'step') {
      kind[i] = NODE_STEP;
      time[i] = node.attributes.time;
      skill[i] = node.attributes.skill;
    } else if (node.kind === 'assumption') kind[i] = NODE_ASSUMPTION;
    else {
      kind[i] = NODE_GATE;
      gate[i] = node.gate === 'AND' ? GATE_AND : node.gate === 'SAND' ? GATE_SAND : GATE_OR;
      own = (Array.isArray(node.children) ? node.children : []).filter((c) =>
        isAttackNode(tree.nodes.get(c)),
      );
    }
    children.push(toIndices(own));
    defences.push(toIndices(node.kind === 'defence' ? [] : (graph.defencesOf.get(node.id) ?? [])));
  }

  const successors = ids.map((_, i) => [...children[i]!, ...defences[i]!]);
  const parents = ids.map((id) => toIndices(graph.parents.get(id) ?? []));
  const order = toIndices(graph.order);
  const position = new Int32Array(n);
  order.forEach((node, k) => (position[node] = k));

  const inexact = new Uint8Array(n);
  const pending = [...graph.cyclic].map((id) => indexOf.get(id)!);
  for (const i of pending) inexact[i] = 1;
  while (pending.length > 0) {
    for (const p of parents[pending.pop()!]!) {
      if (!inexact[p]) {
        inexact[p] = 1;
        pending.push(p);
      }
    }
  }

  const roots = ids.map((_, i) => i).filter((i) => parents[i]!.length === 0);
  const modules = findModules(successors, roots);
  const atom = new Uint8Array(n);
  for (let i = 0; i < n; i++) atom[i] = modules[i] && successors[i]!.length > 0 && !inexact[i] ? 1 : 0;

  const attackIds = ids.filter((_, i) => kind[i] !== NODE_DEFENCE);
  const attackSlots = new Map(attackIds.map((id, slot) => [id, slot]));
  const attackSlot = Int32Array.from(ids, (id) => attackSlots.get(id) ?? -1);

  const goals = Int32Array.from(
    ids.filter((id) => tree.nodes.get(id)!.kind === 'goal').sort(compareIds),
    (id) => indexOf.get(id)!,
  );

  // Variables in depth-first pre-order from the goals, then from anything not reached.
  const rawVar = new Int32Array(n).fill(-1);
  const atomVar = new Int32Array(n).fill(-1);
  const varNode: number[] = [];
  const varKind: number[] = [];
  const visited = new Uint8Array(n);
  const newVar = (node: number, k: number): number => {
    varNode.push(node);
    varKind.push(k);
    return varNode.length - 1;
  };
  const starts = [...goals, ...roots, ...ids.map((_, i) => i)];
  for (const start of starts) {
    if (visited[start]) continue;
    const stack = [start];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (visited[v]) continue;
      visited[v] = 1;
      if (atom[v]) atomVar[v] = newVar(v, VAR_MODULE);
      const node = tree.nodes.get(ids[v]!)!;
      if (node.kind === 'step') rawVar[v] = newVar(v, VAR_STEP);
      else if (node.kind === 'assumption') rawVar[v] = newVar(v, VAR_ASSUMPTION);
      else if (partial[v]) rawVar[v] = newVar(v, VAR_PASS);
      const next = successors[v]!;
      for (let k = next.length - 1; k >= 0; k--) if (!visited[next[k]!]) stack.push(next[k]!);
    }
  }

  return {
    source: tree,
    ids,
    indexOf,
    kind,
    gate,
    children,
    defences,
    parents,
    order,
    position,
    inexact,
    atom,
    rawVar,
    atomVar,
    varNode: Int32Array.from(varNode),
    varKind: Uint8Array.from(varKind),
    goals,
    attackIds,
    attackSlots,
    attackSlot,
    time,
    skill,
    partial,
  };
}
