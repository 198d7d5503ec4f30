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
  /** 1 for a node no other node depends on (a goal at the top): its diagram serves only its own
   * metrics and attack list. */
  readonly standalone: Uint8Array;
  /** 1 for a node whose diagram the evaluation may leave as its last operation
   * (`node-results.ts`): a standalone gate without defences, or a gate without defences that is
   * not a module atom and whose every dependant is such a standalone gate (which reads the
   * metrics of this node's diagram, never the diagram itself, until its attack list is made). */
  readonly deferrable: Uint8Array;
  /** The basic event of a step, an assumption, or a partial defence (passing it); −1 if none. */
  readonly rawVar: Int32Array;
  /** The module event of an atom node; −1 if none. */
  readonly atomVar: Int32Array;
  /** The variables (levels) that are module atoms, in order. */
  readonly atomLevels: Int32Array;
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

/** Numbers the nodes, finds modules and orders the variables (`variableOrder`): the variable
 * number is also the BDD level. */
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
  const standalone = new Uint8Array(n).fill(1);
  for (const next of successors) for (const s of next) standalone[s] = 0;
  const modules = findModules(successors, roots);
  const atom = new Uint8Array(n);
  for (let i = 0; i < n; i++) atom[i] = modules[i] && successors[i]!.length > 0 && !inexact[i] ? 1 : 0;

  const deferrable = deferrableNodes(kind, defences, parents, standalone, atom, inexact);

  const attackIds = ids.filter((_, i) => kind[i] !== NODE_DEFENCE);
  const attackSlots = new Map(attackIds.map((id, slot) => [id, slot]));
  const attackSlot = Int32Array.from(ids, (id) => attackSlots.get(id) ?? -1);

  const goals = Int32Array.from(
    ids.filter((id) => tree.nodes.get(id)!.kind === 'goal').sort(compareIds),
    (id) => indexOf.get(id)!,
  );

  const rawVar = new Int32Array(n).fill(-1);
  const atomVar = new Int32Array(n).fill(-1);
  const varNode: number[] = [];
  const varKind: number[] = [];
  for (const [node, k] of variableOrder(
    tree,
    ids,
    indexOf,
    successors,
    parents,
    order,
    goals,
    roots,
    atom,
    partial,
  )) {
    if (k === VAR_MODULE) atomVar[node] = varNode.length;
    else rawVar[node] = varNode.length;
    varNode.push(node);
    varKind.push(k);
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
    standalone,
    deferrable,
    rawVar,
    atomVar,
    atomLevels: Int32Array.from(varKind.flatMap((k, v) => (k === VAR_MODULE ? [v] : []))),
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

/** See `CompiledTree.deferrable`. Nodes on a cycle are left out: their results are bounds. */
function deferrableNodes(
  kind: Uint8Array,
  defences: readonly Int32Array[],
  parents: readonly Int32Array[],
  standalone: Uint8Array,
  atom: Uint8Array,
  inexact: Uint8Array,
): Uint8Array {
  const n = kind.length;
  const topGate = (i: number): boolean =>
    kind[i] === NODE_GATE && defences[i]!.length === 0 && standalone[i] === 1 && !inexact[i];
  const deferrable = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (topGate(i)) deferrable[i] = 1;
    else if (kind[i] === NODE_GATE && defences[i]!.length === 0 && !atom[i] && !inexact[i])
      deferrable[i] = parents[i]!.length > 0 && parents[i]!.every(topGate) ? 1 : 0;
  }
  return deferrable;
}

/** Goal sets are counted exactly up to this size; beyond it a group counts as shared by all. */
const GOAL_COUNT_CAP = 64;

/** The BDD variable order: basic events (steps, unknown assumptions, passing a partial defence)
 * and module atoms, as (node, variable kind) pairs, first tested first.
 *
 * The size of a BDD depends heavily on the variable order — from linear to exponential for the
 * same function (Bryant, "Graph-based algorithms for Boolean function manipulation", IEEE Trans.
 * Computers 1986) — and good static orders keep variables that interact adjacent (Rudell,
 * "Dynamic variable ordering for OBDDs", ICCAD 1993, reorders by moving such groups together;
 * Rauzy 1993 orders fault-tree events by depth-first traversal for the same reason). Plain depth-first pre-order from the goals is not enough for generated trees: a
 * workload's foothold events are met under the first goal that reaches them, its escape events
 * under a later goal, so the "root on the host" hub — an OR over every workload's foothold AND
 * escape — has to remember, while testing escapes, which footholds held: exponential in the
 * number of workloads (1.4M nodes for the 1,048-node example; over the 2M limit at 100 services).
 *
 * So variables are grouped by the diagram element their events happen on (`StepNode.elementId`;
 * an assumption with the first node it is attached to, a partial defence with the first node it
 * counters, a module atom with its own element; an assumption shared by several elements forms
 * a group of its own, placed after all element groups), which makes each workload's part of a
 * hub one contiguous block, and the OR over blocks grows linearly. Groups reached by fewer goals
 * come first: a goal that is its own events AND a shared sub-goal then ends in the shared sub-goal's
 * diagram, which every goal reuses, instead of copying it above its own events. Ties, and the
 * variables inside a group, keep depth-first pre-order from the goals.
 *
 * Still quadratic in one respect: a goal that is a workload's own branch OR the hub (persistence
 * through the workload or through root on the host) copies the part of the hub above that
 * workload's block — 39K nodes at 100 services, 798K at 500; 1,000 would need about 3.1M. */
function variableOrder(
  tree: AttackTree,
  ids: readonly NodeId[],
  indexOf: ReadonlyMap<NodeId, number>,
  successors: readonly (readonly number[])[],
  parents: readonly Int32Array[],
  order: Int32Array,
  goals: Int32Array,
  roots: readonly number[],
  atom: Uint8Array,
  partial: Uint8Array,
): [number, number][] {
  const n = ids.length;
  const nodeOf = (i: number) => tree.nodes.get(ids[i]!)!;

  // Events in depth-first pre-order from the goals, then from anything not reached.
  const events: [number, number][] = [];
  const visited = new Uint8Array(n);
  for (const start of [...goals, ...roots, ...ids.map((_, i) => i)]) {
    if (visited[start]) continue;
    const stack = [start];
    while (stack.length > 0) {
      const v = stack.pop()!;
      if (visited[v]) continue;
      visited[v] = 1;
      if (atom[v]) events.push([v, VAR_MODULE]);
      const node = nodeOf(v);
      if (node.kind === 'step') events.push([v, VAR_STEP]);
      else if (node.kind === 'assumption') events.push([v, VAR_ASSUMPTION]);
      else if (partial[v]) events.push([v, VAR_PASS]);
      const next = successors[v]!;
      for (let k = next.length - 1; k >= 0; k--) if (!visited[next[k]!]) stack.push(next[k]!);
    }
  }

  // The element of a node: a step's own, otherwise that of its first dependency that has one
  // (dependencies first, so one pass; on a cycle a dependency not yet seen counts as none).
  // A node without one — an assumption, a gate over assumptions — is anchored to the element of
  // its first dependant that has one (dependants first, again one pass).
  const elementIndex = new Map<string, number>();
  const element = new Int32Array(n).fill(-1);
  for (const v of order) {
    const node = nodeOf(v);
    if (node.kind === 'step') {
      if (node.elementId === undefined) continue;
      let e = elementIndex.get(node.elementId);
      if (e === undefined) elementIndex.set(node.elementId, (e = elementIndex.size));
      element[v] = e;
    } else if (node.kind !== 'assumption') {
      for (const c of successors[v]!) {
        if (element[c]! >= 0) {
          element[v] = element[c]!;
          break;
        }
      }
    }
  }
  const anchor = element.slice();
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k]!;
    if (anchor[v]! >= 0) continue;
    for (const p of parents[v]!) {
      if (anchor[p]! >= 0) {
        anchor[v] = anchor[p]!;
        break;
      }
    }
  }
  /** Group of an event: its anchor element, or a group of its own when it has none. A partial
   * defence goes with the first node it counters. An assumption attached to nodes of different
   * elements (a host fact every workload's escape relies on) forms a shared group of its own:
   * anchored to one workload it would sit above the others' events in every branch that uses
   * it, and each branch's diagram would span everything in between. */
  const sharedGroup = new Uint8Array(n);
  const groupOf = (v: number, k: number): number => {
    let at = v;
    const node = nodeOf(v);
    if (k === VAR_PASS && node.kind === 'defence') {
      const first = node.counters.find((c) => indexOf.has(c));
      if (first !== undefined) at = indexOf.get(first)!;
    } else if (k === VAR_ASSUMPTION && parents[v]!.some((p) => anchor[p] !== anchor[parents[v]![0]!])) {
      sharedGroup[v] = 1;
      return elementIndex.size + v;
    }
    return anchor[at]! >= 0 ? anchor[at]! : elementIndex.size + v;
  };

  // How many goals reach each node, counted up to the cap: goal sets flow from parents to
  // children (dependants before dependencies), each set kept to at most `GOAL_COUNT_CAP` goals.
  const goalIndex = new Int32Array(n).fill(-1);
  goals.forEach((g, k) => (goalIndex[g] = k));
  const reaching: Int32Array[] = new Array(n);
  const mark = new Int32Array(goals.length).fill(-1);
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k]!;
    const set: number[] = [];
    const add = (g: number): void => {
      if (set.length < GOAL_COUNT_CAP && mark[g] !== v) {
        mark[g] = v;
        set.push(g);
      }
    };
    if (goalIndex[v]! >= 0) add(goalIndex[v]!);
    for (const p of parents[v]!) for (const g of reaching[p] ?? []) add(g);
    reaching[v] = Int32Array.from(set);
  }

  interface Group {
    shared: boolean;
    first: number;
    goals: Set<number>;
    events: [number, number][];
  }
  const groups = new Map<number, Group>();
  events.forEach(([v, k], position) => {
    const key = groupOf(v, k);
    let group = groups.get(key);
    if (!group) {
      group = { shared: sharedGroup[v] === 1, first: position, goals: new Set(), events: [] };
      groups.set(key, group);
    }
    group.events.push([v, k]);
    for (const g of reaching[v]!) if (group.goals.size < GOAL_COUNT_CAP) group.goals.add(g);
  });
  return [...groups.values()]
    .sort((a, b) => Number(a.shared) - Number(b.shared) || a.goals.size - b.goals.size || a.first - b.first)
    .flatMap((g) => g.events);
}
