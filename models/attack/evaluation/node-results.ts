import { partialEffectOf, type AttackTree } from '../tree/attack-tree';
import { BddManager, BddOverflow, NodeMemo, ONE, ZERO, bddMinWeight, bddProbability } from './bdd';
import { combinedMetrics } from './combined-metrics';
import {
  GATE_AND,
  GATE_OR,
  GATE_SAND,
  NODE_ASSUMPTION,
  NODE_DEFENCE,
  NODE_GATE,
  NODE_STEP,
  VAR_ASSUMPTION,
  VAR_PASS,
  VAR_STEP,
  type CompiledTree,
} from './compile-tree';
import type { ConcreteFamily } from './attack-expansion';
import type { EvaluationLimits } from './evaluation-types';
import { NodeValues } from './node-values';

/** What the evaluation knows about one node under the current defences and assumptions.
 *
 * - `sat`, `clean`, `time`, `skill` are computed bottom-up. That is exact on DAGs for these
 *   domains: Boolean satisfiability and (min, max) are idempotent lattices, so evaluating a shared
 *   node once per parent cannot double-count; `time` follows the series-parallel semantics of SAND
 *   (Jhawar et al. 2015), where it is the duration of the fastest attack.
 * - `cost` and `probability` are not: a shared step must be paid once, and P(A ∧ B) ≠ P(A)·P(B)
 *   when A and B share an event (reference §1.4). They are read off the node's BDD over its basic
 *   events and module atoms (Budde & Stoelinga 2021).
 * - `upCost` and `upProbability` are the plain bottom-up values (ADTool's MinCost and ProbSucc),
 *   reported, labelled inexact, only if the BDD outgrows its limit. On a DAG the bottom-up cost is
 *   the cost of a real attack that pays shared steps more than once, so it bounds the least cost
 *   from above.
 *
 * Minimal attacks are read off the BDD when asked for (`minimal-attacks.ts`).
 *
 * The diagram of a standalone node (one nothing depends on: a goal at the top) is left as its last
 * operation, `deferred`, when that operation would combine two diagrams: its metrics are read off
 * the operands (`combined-metrics.ts`), and `diagramOf` builds it for an attack list, which is
 * made only when read. Goals that are a small part of their own OR a large shared sub-goal
 * ("persistence in this workload or root on the host") then cost their own part, not a copy of the
 * shared diagram each.
 *
 * For a defence node the result describes "the attacker is not stopped by this defence": always
 * when it is inactive, by a counter-attack when it blocks, by getting past it or by a
 * counter-attack when it is partial. An attack node countered by defences is its refinement AND
 * each of those. */
export interface NodeResult {
  sat: boolean;
  /** Achievable without getting past any partial defence. */
  clean: boolean;
  time: number;
  skill: number;
  /** The node's function as a BDD node, −1 when the node limit was reached or while `deferred`. */
  bdd: number;
  /** The last operation of the node's diagram, not yet done (see above). */
  deferred?: DeferredDiagram;
  cost: number;
  probability: number;
  upCost: number;
  upProbability: number;
  /** False when cost or probability is a bound (cycle, BDD limit, inexact child). */
  exact: boolean;
}

/** Mutable working state of one evaluation; what-if copies it and recomputes the dirty nodes. */
export interface EvaluationState {
  readonly compiled: CompiledTree;
  /** Current node data: which defences are active, which assumptions hold. */
  readonly tree: AttackTree;
  readonly bdd: BddManager;
  readonly limits: EvaluationLimits;
  readonly results: NodeValues<NodeResult>;
  /** Per variable: cost paid and success probability (module atoms: the module's own metrics). */
  readonly varCost: Float64Array;
  readonly varProbability: Float64Array;
  /** Minimal attacks in basic events, filled on demand (goals and the modules under them). */
  readonly expansions: NodeValues<ConcreteFamily>;
  /** Per node: 1 for an active defence. */
  readonly active: Uint8Array;
  /** Per node: an assumption that holds (1), does not (0), is unknown (−1). */
  readonly holds: Int8Array;
  /** Scratch memory for attack durations, shared by the states of one lineage: per node a memo
   * (`value` valid where `stamp` is the current generation), per variable whether the attack has
   * it, per module atom the duration chosen for it. Stamps avoid clearing between attacks. */
  readonly scratch: {
    value: Float64Array;
    stamp: Uint32Array;
    /** Per node: an ancestor of one of the attack's events (`attack-expansion.ts`). */
    mark: Uint32Array;
    event: Uint32Array;
    module: Uint32Array;
    moduleTime: Float64Array;
    generation: number;
    /** Cost and probability per BDD node, for the pass under way. */
    cost: NodeMemo;
    probability: NodeMemo;
  };
}

/** Per-node configuration read from the tree: which defences are active, which facts hold. */
export function readConfiguration(
  compiled: CompiledTree,
  tree: AttackTree,
  active: Uint8Array,
  holds: Int8Array,
  nodes: Iterable<number>,
): void {
  for (const i of nodes) {
    const node = tree.nodes.get(compiled.ids[i]!)!;
    if (node.kind === 'defence') active[i] = node.active ? 1 : 0;
    else if (node.kind === 'assumption')
      holds[i] = node.holds === true ? 1 : node.holds === 'unknown' ? -1 : 0;
  }
}

/** `narrow ∨ wide`, or `narrow ∧ wide`: `wide` is the operand whose diagram starts highest. */
export interface DeferredDiagram {
  readonly narrow: number;
  readonly wide: number;
  readonly conjunction: boolean;
}

type View = Omit<NodeResult, 'cost' | 'probability'>;

const IMPOSSIBLE_VIEW: View = {
  sat: false,
  clean: false,
  time: Infinity,
  skill: Infinity,
  bdd: ZERO,
  upCost: Infinity,
  upProbability: 0,
  exact: true,
};
const FREE_VIEW: View = {
  sat: true,
  clean: true,
  time: 0,
  skill: 0,
  bdd: ONE,
  upCost: 0,
  upProbability: 1,
  exact: true,
};

/** Room the manager is made with, per node of the tree. An evaluation alone needs far less (44,600
 * diagram nodes for the 21,179-node tree of 500 services), but its what-ifs add thousands a toggle
 * and attack lists more, and a small manager both grows in the middle of toggles (each doubling
 * rehashes every node: 20–30 ms on 500 services) and has small computed tables (they grow with
 * it), so the first toggles recompute what a larger one remembers: in-view toggles on 500
 * services took a median 8–9 ms (slowest 32–34) from a manager of 65,536 and 4.4–5.2 ms (slowest
 * 8–12) from one of 1,048,576. The limit caps it. A manager made by compaction gets the same room. */
export const DIAGRAM_NODES_PER_TREE_NODE = 48;

export function createState(
  compiled: CompiledTree,
  tree: AttackTree,
  limits: EvaluationLimits,
  bdd: BddManager = new BddManager(limits.maxBddNodes, DIAGRAM_NODES_PER_TREE_NODE * compiled.ids.length),
): EvaluationState {
  const vars = compiled.varNode.length;
  const varCost = new Float64Array(vars);
  const varProbability = new Float64Array(vars);
  for (let v = 0; v < vars; v++) {
    const node = tree.nodes.get(compiled.ids[compiled.varNode[v]!]!)!;
    const k = compiled.varKind[v]!;
    if (k === VAR_STEP && node.kind === 'step') {
      varCost[v] = node.attributes.cost;
      varProbability[v] = node.attributes.probability;
    } else if (k === VAR_ASSUMPTION && node.kind === 'assumption') {
      varProbability[v] = node.probability;
    } else if (k === VAR_PASS && node.kind === 'defence') {
      const effect = partialEffectOf(node);
      varCost[v] = effect.addedCost;
      varProbability[v] = effect.probabilityFactor;
    }
  }
  const n = compiled.ids.length;
  const active = new Uint8Array(n);
  const holds = new Int8Array(n);
  readConfiguration(compiled, tree, active, holds, compiled.order);
  return {
    compiled,
    tree,
    bdd,
    limits,
    results: NodeValues.empty(n),
    varCost,
    varProbability,
    expansions: NodeValues.empty(n),
    active,
    holds,
    scratch: {
      value: new Float64Array(n),
      stamp: new Uint32Array(n),
      mark: new Uint32Array(n),
      event: new Uint32Array(vars),
      module: new Uint32Array(n),
      moduleTime: new Float64Array(n),
      generation: 0,
      cost: new NodeMemo(),
      probability: new NodeMemo(),
    },
  };
}

/** Evaluates the given nodes (all when undefined), which must come dependencies first.
 *
 * The metric memos (BDD node → cost, probability) are valid for the whole pass though module
 * atoms' weights are set during it: a diagram that contains an atom's variable belongs to a node
 * above that module, which the pass reaches only after it has set the atom's weights. */
export function evaluateNodes(state: EvaluationState, nodes: Iterable<number> = state.compiled.order): void {
  state.scratch.cost.clear();
  state.scratch.probability.clear();
  const deferred: number[] = [];
  for (const i of nodes) {
    const result = evaluateNode(state, i);
    state.results.set(i, result);
    if (result.deferred) deferred.push(i);
  }
  resolveDeferred(state, deferred);
}

/** A sweep reads the whole wide diagram once; for fewer nodes than this, building each one's
 * diagram (which copies the part of the wide one above it) costs no more, and an attack list,
 * when read, finds it built. What-ifs in view evaluate a goal or two. */
const SWEEP_FROM = 4;

/** Cost and probability of the deferred nodes of a pass, from their operands: one sweep of each wide
 * diagram answers every node that shares it (or, for a few, their diagrams built). Nothing in the
 * pass reads these nodes, so the values can wait until its end. */
function resolveDeferred(state: EvaluationState, nodes: readonly number[]): void {
  const byWide = new Map<number, number[]>();
  for (const i of nodes) {
    const { wide } = state.results.get(i)!.deferred!;
    const group = byWide.get(wide);
    if (group) group.push(i);
    else byWide.set(wide, [i]);
  }
  for (const [wide, group] of byWide) {
    if (group.length < SWEEP_FROM) {
      for (const i of group) {
        diagramOf(state, i);
        state.results.set(i, withMetrics(state, i, state.results.get(i)!));
      }
      continue;
    }
    const metrics = combinedMetrics(
      state.bdd,
      wide,
      group.map((i) => state.results.get(i)!.deferred!),
      state.varCost,
      state.varProbability,
      state.scratch.cost,
      state.scratch.probability,
    );
    group.forEach((i, k) => {
      const { cost, probability } = metrics[k]!;
      state.results.set(i, { ...state.results.get(i)!, cost, probability });
      setAtomWeights(state, i, cost, probability);
    });
  }
}

/** The diagram of node `i`, built now if it was deferred (−1 when that reaches the node limit). */
export function diagramOf(state: EvaluationState, i: number): number {
  const result = state.results.get(i)!;
  if (!result.deferred) return result.bdd;
  const { narrow, wide, conjunction } = result.deferred;
  const bdd = guarded(() => (conjunction ? state.bdd.and(narrow, wide) : state.bdd.or(narrow, wide)));
  state.results.set(i, { ...result, bdd, deferred: undefined });
  return bdd;
}

function evaluateNode(state: EvaluationState, i: number): NodeResult {
  const { compiled } = state;
  let view: View;
  switch (compiled.kind[i]) {
    case NODE_STEP: {
      view = { ...eventView(state, compiled.rawVar[i]!), time: compiled.time[i]!, skill: compiled.skill[i]! };
      break;
    }
    case NODE_ASSUMPTION: {
      const holds = state.holds[i];
      if (holds === 1) view = FREE_VIEW;
      else if (holds === -1) view = eventView(state, compiled.rawVar[i]!);
      else view = IMPOSSIBLE_VIEW;
      break;
    }
    case NODE_GATE: {
      const defer = compiled.standalone[i] === 1 && compiled.defences[i]!.length === 0;
      view = combine(state, i, compiled.children[i]!, compiled.gate[i]!, defer);
      break;
    }
    case NODE_DEFENCE:
      view = notStoppedBy(state, i);
      break;
    default:
      view = IMPOSSIBLE_VIEW;
  }
  const defences = compiled.defences[i]!;
  if (defences.length > 0) {
    const countered = Array.from(defences, (d) => childView(state, i, d));
    const bdds = [view.bdd];
    for (const d of countered) {
      view = conjoin(view, d, 'sequence');
      bdds.push(d.bdd);
    }
    view = { ...view, bdd: combineBdds(state, bdds, GATE_AND) };
  }
  if (compiled.inexact[i]) view = { ...view, exact: false };
  return withMetrics(state, i, view);
}

/** Refinement of a gate: OR = any child, AND = all children at once, SAND = all in sequence. A
 * gate without children is impossible (validation reports it). `defer`: leave the last operation
 * of the diagram undone (`DeferredDiagram`). */
function combine(
  state: EvaluationState,
  i: number,
  children: Int32Array,
  gate: number,
  defer: boolean,
): View {
  if (children.length === 0) return IMPOSSIBLE_VIEW;
  const views = new Array<View>(children.length);
  for (let k = 0; k < children.length; k++) views[k] = childView(state, i, children[k]!);
  if (gate === GATE_OR) return disjoin(state, views, defer);
  let acc = views[0]!;
  for (let k = 1; k < views.length; k++)
    acc = conjoin(acc, views[k]!, gate === GATE_SAND ? 'sequence' : 'parallel');
  return views.length === 1
    ? acc
    : {
        ...acc,
        ...diagram(
          state,
          views.map((v) => v.bdd),
          GATE_AND,
          defer,
        ),
      };
}

/** "The attacker is not stopped by defence d" (Kordy et al. 2014: an attack node with a
 * countermeasure holds iff the attack holds and the countermeasure does not; a countermeasure with
 * a counter-attack holds iff the defence holds and the counter-attack does not). */
function notStoppedBy(state: EvaluationState, i: number): View {
  const { compiled } = state;
  if (!state.active[i]) return FREE_VIEW;
  const counters = compiled.children[i]!;
  const counter =
    counters.length === 0
      ? IMPOSSIBLE_VIEW
      : disjoin(
          state,
          Array.from(counters, (c) => childView(state, i, c)),
        );
  if (!compiled.partial[i]) return counter;
  const pass: View = { ...eventView(state, compiled.rawVar[i]!), clean: false, time: compiled.time[i]! };
  return disjoin(state, [pass, counter]);
}

/** How a parent sees child `c`: a module atom is one event whose weights are the module's own
 * metrics, unless it is impossible or free, when it is a constant. A child placed after its parent
 * in the evaluation order closes a cycle and counts as impossible (least fixpoint), inexactly. */
function childView(state: EvaluationState, parent: number, c: number): View {
  const { compiled } = state;
  const r = state.results.get(c);
  if (!r || compiled.position[c]! >= compiled.position[parent]!) return { ...IMPOSSIBLE_VIEW, exact: false };
  if (!r.sat) return { ...IMPOSSIBLE_VIEW, exact: !compiled.inexact[c] };
  if (!compiled.atom[c] || r.bdd === ONE || r.bdd < 0) return r;
  return {
    ...r,
    bdd: guarded(() => state.bdd.variable(compiled.atomVar[c]!)),
    upCost: r.cost,
    upProbability: r.probability,
  };
}

/** A basic event (or module atom): the variable itself. */
function eventView(state: EvaluationState, v: number): View {
  return {
    ...FREE_VIEW,
    bdd: guarded(() => state.bdd.variable(v)),
    upCost: state.varCost[v]!,
    upProbability: state.varProbability[v]!,
  };
}

function disjoin(state: EvaluationState, views: readonly View[], defer = false): View {
  if (views.length === 1) return views[0]!;
  let sat = false;
  let clean = false;
  let time = Infinity;
  let skill = Infinity;
  let upCost = Infinity;
  let upFail = 1;
  let exact = true;
  for (const v of views) {
    sat ||= v.sat;
    clean ||= v.clean;
    time = Math.min(time, v.time);
    skill = Math.min(skill, v.skill);
    upCost = Math.min(upCost, v.upCost);
    upFail *= 1 - v.upProbability;
    exact &&= v.exact;
  }
  const combined = diagram(
    state,
    views.map((v) => v.bdd),
    GATE_OR,
    defer,
  );
  return { sat, clean, time, skill, ...combined, upCost, upProbability: 1 - upFail, exact };
}

/** Conjunction of everything but the BDD, which `combineBdds` builds for all operands at once. */
function conjoin(a: View, b: View, time: 'sequence' | 'parallel'): View {
  return {
    sat: a.sat && b.sat,
    clean: a.clean && b.clean,
    time: time === 'sequence' ? a.time + b.time : Math.max(a.time, b.time),
    skill: Math.max(a.skill, b.skill),
    bdd: -1,
    upCost: a.upCost + b.upCost,
    upProbability: a.upProbability * b.upProbability,
    exact: a.exact && b.exact,
  };
}

/** OR (or AND) of several BDDs, −1 if any is missing or the node limit is reached. The operands
 * are combined deepest first — the one whose top variable comes last in the order first — so each
 * step adds a diagram that lies above the accumulated one: apply then only walks the new
 * operand down to where the accumulated diagram starts, instead of walking the growing result
 * again for every operand (an OR over n disjoint blocks costs their total size, not n times it).
 * The function, and so every metric, does not depend on the order of the operations. */
function combineBdds(state: EvaluationState, bdds: number[], gate: number): number {
  return diagram(state, bdds, gate, false).bdd;
}

/** `combineBdds`, or with `defer` its last operation left undone when it would combine two
 * diagrams: the operand that starts highest is then `wide`, all the others combined `narrow`. */
function diagram(
  state: EvaluationState,
  bdds: number[],
  gate: number,
  defer: boolean,
): { bdd: number; deferred?: DeferredDiagram } {
  if (bdds.some((b) => b < 0)) return { bdd: -1 };
  const { bdd } = state;
  const operands = bdds.length > 1 ? deepestFirst(bdd, bdds) : bdds;
  const last = operands.length - 1;
  let acc = operands[0]!;
  try {
    for (let k = 1; k <= last; k++) {
      const next = operands[k]!;
      if (k === last && defer && worthDeferring(bdd, acc, next))
        return { bdd: -1, deferred: { narrow: acc, wide: next, conjunction: gate !== GATE_OR } };
      acc = gate === GATE_OR ? bdd.or(acc, next) : bdd.and(acc, next);
    }
  } catch (error) {
    if (error instanceof BddOverflow) return { bdd: -1 };
    throw error;
  }
  return { bdd: acc };
}

/** Node ids stay below 2^26 (`bdd.ts`), and so do levels: a (level, id) pair is one exact double. */
const ID_RANGE = 0x4000000;

/** The diagrams ordered by top level, deepest first, then by id. A hub's OR sorts over a thousand
 * operands on every what-if: as keys in a typed array, without a comparator; a handful in place. */
function deepestFirst(bdd: BddManager, bdds: readonly number[]): number[] {
  if (bdds.length <= 8) {
    const sorted = [...bdds];
    for (let k = 1; k < sorted.length; k++) {
      const f = sorted[k]!;
      const key = orderKey(bdd, f);
      let j = k - 1;
      while (j >= 0 && orderKey(bdd, sorted[j]!) > key) {
        sorted[j + 1] = sorted[j]!;
        j--;
      }
      sorted[j + 1] = f;
    }
    return sorted;
  }
  const keys = new Float64Array(bdds.length);
  for (let k = 0; k < bdds.length; k++) keys[k] = orderKey(bdd, bdds[k]!);
  keys.sort();
  const sorted = new Array<number>(bdds.length);
  for (let k = 0; k < keys.length; k++) sorted[k] = keys[k]! % ID_RANGE;
  return sorted;
}

/** Deeper top level first (terminals deepest), then the lower id. */
function orderKey(bdd: BddManager, f: number): number {
  return (ID_RANGE - 1 - Math.min(bdd.level(f), ID_RANGE - 1)) * ID_RANGE + f;
}

/** Whether combining `narrow` with `wide` (which starts higher) costs more than reading the
 * metrics off both: not when either is a terminal or both are the same, nor when `wide` is one
 * variable above all of `narrow` (a goal's own step before a shared sub-goal), which the
 * combination adds as one node. */
function worthDeferring(bdd: BddManager, narrow: number, wide: number): boolean {
  if (narrow <= ONE || wide <= ONE || narrow === wide) return false;
  const single = bdd.low(wide) <= ONE && bdd.high(wide) <= ONE;
  return !(single && bdd.deepest(wide) < bdd.level(narrow));
}

function guarded(op: () => number): number {
  try {
    return op();
  } catch (error) {
    if (error instanceof BddOverflow) return -1;
    throw error;
  }
}

/** Cost and probability from the BDD; without one (limit reached), the bottom-up values,
 * labelled inexact. */
function withMetrics(state: EvaluationState, i: number, view: View): NodeResult {
  // A deferred diagram's metrics come at the end of the pass (`resolveDeferred`).
  if (view.deferred) return { ...view, cost: NaN, probability: NaN };
  let cost = view.upCost;
  let probability = view.upProbability;
  let exact = view.exact;
  if (view.bdd >= 0) {
    cost = bddMinWeight(state.bdd, view.bdd, state.varCost, state.scratch.cost);
    probability = bddProbability(state.bdd, view.bdd, state.varProbability, state.scratch.probability);
  } else exact = false;
  setAtomWeights(state, i, cost, probability);
  return { ...view, cost, probability, exact };
}

/** A module atom's weights are its node's own metrics. */
function setAtomWeights(state: EvaluationState, i: number, cost: number, probability: number): void {
  const v = state.compiled.atomVar[i]!;
  if (v >= 0) {
    state.varCost[v] = cost;
    state.varProbability[v] = probability;
  }
}
