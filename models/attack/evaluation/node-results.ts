import { partialEffectOf, type AttackTree } from '../tree/attack-tree';
import { BddManager, NodeMemo, ONE, bddMinWeight, bddProbability } from './bdd';
import { CombinationScratch, combinedMetrics } from './combined-metrics';
import { KeptMetrics } from './kept-metrics';
import {
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
import {
  FREE,
  IMPOSSIBLE,
  IMPOSSIBLE_INEXACT,
  isStacked,
  nodeResult,
  resultWith,
  type CombinedDiagram,
  type DeferredDiagram,
  type NodeResult,
  type StackedDiagram,
} from './node-result';
import { NodeValues } from './node-values';
import { combineDiagrams, guarded, operation } from './operand-diagrams';

export type { DeferredDiagram, NodeResult } from './node-result';
export { isStacked } from './node-result';

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
    /** Per node: an ancestor of one of the attack's events (`attack-durations.ts`). */
    mark: Uint32Array;
    event: Uint32Array;
    module: Uint32Array;
    moduleTime: Float64Array;
    generation: number;
    /** Cost and probability per BDD node, for the pass under way. */
    cost: NodeMemo;
    probability: NodeMemo;
    /** Metric values kept from pass to pass where they still hold. */
    kept: KeptMetrics;
    /** Working memory of the sweeps that resolve deferred diagrams. */
    combination: CombinationScratch;
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
  const kept = new KeptMetrics();
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
      cost: new NodeMemo(kept.cost),
      probability: new NodeMemo(kept.probability),
      kept,
      combination: new CombinationScratch(kept),
    },
  };
}

/** Evaluates the given nodes (all when undefined), which must come dependencies first.
 *
 * The metric memos (BDD node → cost, probability) are valid for the whole pass though module
 * atoms' weights are set during it: a diagram that contains an atom's variable belongs to a node
 * above that module, which the pass reaches only after it has set the atom's weights. */
export function evaluateNodes(state: EvaluationState, nodes: Iterable<number> = state.compiled.order): void {
  const { compiled } = state;
  state.scratch.cost.clear();
  state.scratch.probability.clear();
  state.scratch.kept.beginPass(
    state.bdd,
    state.varCost,
    state.varProbability,
    compiled.atomLevels,
    (level) => state.results.get(compiled.varNode[level]!) !== undefined,
  );
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

/** Cost and probability of the deferred nodes of a pass, from their operands: one sweep of each
 * wide diagram answers every node that shares it (or, for a few, their diagrams built); a stacked
 * node then from its two parts. Nothing in the pass reads these nodes' metrics but their
 * standalone parents' deferred ones, so the values can wait until its end. Nodes whose diagram a
 * parent had to build in the meantime are done. */
function resolveDeferred(state: EvaluationState, nodes: readonly number[]): void {
  const byWide = new Map<number, number[]>();
  const stacked: number[] = [];
  for (const i of nodes) {
    const deferred = state.results.get(i)!.deferred;
    if (!deferred) continue;
    if (isStacked(deferred)) {
      stacked.push(i);
      continue;
    }
    const group = byWide.get(deferred.wide);
    if (group) group.push(i);
    else byWide.set(deferred.wide, [i]);
  }
  for (const [wide, group] of byWide) {
    if (group.length < SWEEP_FROM) {
      for (const i of group) builtResult(state, i);
      continue;
    }
    const metrics = combinedMetrics(
      state.bdd,
      wide,
      group.map((i) => state.results.get(i)!.deferred as CombinedDiagram),
      state.varCost,
      state.varProbability,
      state.scratch.cost,
      state.scratch.probability,
      state.scratch.combination,
    );
    for (let k = 0; k < group.length; k++) {
      const i = group[k]!;
      const r = state.results.get(i)!;
      state.results.set(
        i,
        resultWith(r, r.bdd, r.deferred, metrics[k]!.cost, metrics[k]!.probability, r.exact),
      );
      setAtomWeights(state, i, metrics[k]!.cost, metrics[k]!.probability);
    }
  }
  for (const i of stacked) {
    const r = state.results.get(i)!;
    const { top, node, conjunction } = r.deferred as StackedDiagram;
    const below = state.results.get(node)!;
    const topCost = bddMinWeight(state.bdd, top, state.varCost, state.scratch.cost);
    const topProbability = bddProbability(state.bdd, top, state.varProbability, state.scratch.probability);
    const cost = conjunction ? topCost + below.cost : Math.min(topCost, below.cost);
    const probability = conjunction
      ? topProbability * below.probability
      : 1 - (1 - topProbability) * (1 - below.probability);
    state.results.set(i, resultWith(r, r.bdd, r.deferred, cost, probability, r.exact && below.exact));
    setAtomWeights(state, i, cost, probability);
  }
}

/** The diagram of node `i`, built now if it was deferred (−1 when that reaches the node limit). */
export function diagramOf(state: EvaluationState, i: number): number {
  const r = state.results.get(i)!;
  const deferred = r.deferred;
  if (!deferred) return r.bdd;
  let bdd: number;
  if (isStacked(deferred)) {
    const below = diagramOf(state, deferred.node);
    bdd = below < 0 ? -1 : guarded(() => operation(state.bdd, deferred.top, below, deferred.conjunction));
  } else {
    bdd = guarded(() => operation(state.bdd, deferred.narrow, deferred.wide, deferred.conjunction));
  }
  state.results.set(i, resultWith(r, bdd, undefined, r.cost, r.probability, r.exact));
  return bdd;
}

/** Deferred node `i` with its diagram built now and the metrics read off it: for a parent that
 * needs the diagram itself, or a deferred node with too few others on its wide diagram. */
function builtResult(state: EvaluationState, i: number): NodeResult {
  diagramOf(state, i);
  const r = withMetrics(state, i, state.results.get(i)!, state.results.get(i)!.exact);
  state.results.set(i, r);
  return r;
}

function evaluateNode(state: EvaluationState, i: number): NodeResult {
  const { compiled } = state;
  let view: NodeResult;
  switch (compiled.kind[i]) {
    case NODE_STEP:
      view = eventView(state, compiled.rawVar[i]!, true, compiled.time[i]!, compiled.skill[i]!);
      break;
    case NODE_ASSUMPTION: {
      const holds = state.holds[i];
      if (holds === 1) view = FREE;
      else if (holds === -1) view = eventView(state, compiled.rawVar[i]!, true, 0, 0);
      else view = IMPOSSIBLE;
      break;
    }
    case NODE_GATE:
      view = combine(state, i, compiled.children[i]!, compiled.gate[i]!, compiled.deferrable[i] === 1);
      break;
    case NODE_DEFENCE:
      view = notStoppedBy(state, i);
      break;
    default:
      view = IMPOSSIBLE;
  }
  const defences = compiled.defences[i]!;
  if (defences.length > 0) view = counteredBy(state, i, view, defences);
  return withMetrics(state, i, view, view.exact && !compiled.inexact[i]);
}

/** Refinement of a gate: OR = any child, AND = all children at once, SAND = all in sequence. A
 * gate without children is impossible (validation reports it). `defer`: leave the last operation
 * of the diagram undone (`DeferredDiagram`). Only a deferrable gate's children can be deferred
 * (`CompiledTree.deferrable`). */
function combine(
  state: EvaluationState,
  i: number,
  children: Int32Array,
  gate: number,
  defer: boolean,
): NodeResult {
  if (children.length === 0) return IMPOSSIBLE;
  const views = new Array<NodeResult>(children.length);
  let undone = -1;
  for (let k = 0; k < children.length; k++) {
    const view = childView(state, i, children[k]!);
    if (view.deferred && undone >= 0) views[k] = builtResult(state, children[k]!);
    else {
      views[k] = view;
      if (view.deferred) undone = k;
    }
  }
  if (views.length === 1) return views[0]!;
  const acc = gate === GATE_OR ? aggregateOr(views) : aggregateAnd(views, gate === GATE_SAND);
  const stacked = undone >= 0 ? stackedDiagram(state, children, views, undone, gate) : undefined;
  if (stacked) {
    acc.deferred = stacked;
    return acc;
  }
  if (undone >= 0) views[undone] = builtResult(state, children[undone]!);
  setDiagram(state, acc, views, gate !== GATE_OR, defer);
  return acc;
}

/** The gate's diagram stacked on its deferred child `undone`, if the other children's combined
 * diagram lies wholly above that child's (a flow's own step above the position on the flow). */
function stackedDiagram(
  state: EvaluationState,
  children: Int32Array,
  views: readonly NodeResult[],
  undone: number,
  gate: number,
): StackedDiagram | undefined {
  // Each operand is checked before any is combined: a gate over many deferred-looking children (an
  // OR over every workload's escape) must not build a combination it then throws away.
  const below = topLevelOf(state, views[undone]!.deferred!);
  const others: number[] = [];
  for (let k = 0; k < views.length; k++) {
    if (k === undone) continue;
    const f = views[k]!.bdd;
    if (f < 0 || state.bdd.deepest(f) >= below) return undefined;
    others.push(f);
  }
  const top = combineDiagrams(state.bdd, others, gate !== GATE_OR, false) as number;
  return top < 0 ? undefined : { top, node: children[undone]!, conjunction: gate !== GATE_OR };
}

/** The level at which a deferred diagram will start. */
function topLevelOf(state: EvaluationState, deferred: DeferredDiagram): number {
  if (!isStacked(deferred)) return Math.min(state.bdd.level(deferred.narrow), state.bdd.level(deferred.wide));
  const below = topLevelOf(state, state.results.get(deferred.node)!.deferred!);
  return deferred.top <= ONE ? below : Math.min(state.bdd.level(deferred.top), below);
}

/** An attack node countered by defences: its refinement AND "not stopped by" each of them, in
 * sequence (the defence is got past before the node it counters). */
function counteredBy(state: EvaluationState, i: number, view: NodeResult, defences: Int32Array): NodeResult {
  const views = [view];
  for (const d of defences) views.push(childView(state, i, d));
  const acc = aggregateAnd(views, true);
  setDiagram(state, acc, views, true, false);
  return acc;
}

/** "The attacker is not stopped by defence d" (Kordy et al. 2014: an attack node with a
 * countermeasure holds iff the attack holds and the countermeasure does not; a countermeasure with
 * a counter-attack holds iff the defence holds and the counter-attack does not). */
function notStoppedBy(state: EvaluationState, i: number): NodeResult {
  const { compiled } = state;
  if (!state.active[i]) return FREE;
  const counters = compiled.children[i]!;
  const counter =
    counters.length === 0
      ? IMPOSSIBLE
      : disjoin(
          state,
          Array.from(counters, (c) => childView(state, i, c)),
        );
  if (!compiled.partial[i]) return counter;
  const pass = eventView(state, compiled.rawVar[i]!, false, compiled.time[i]!, 0);
  return disjoin(state, [pass, counter]);
}

/** How a parent sees child `c`: a module atom is one event whose weights are the module's own
 * metrics, unless it is impossible or free, when it is a constant. A child placed after its parent
 * in the evaluation order closes a cycle and counts as impossible (least fixpoint), inexactly. */
function childView(state: EvaluationState, parent: number, c: number): NodeResult {
  const { compiled } = state;
  const r = state.results.get(c);
  if (!r || compiled.position[c]! >= compiled.position[parent]!) return IMPOSSIBLE_INEXACT;
  if (!r.sat) return compiled.inexact[c] ? IMPOSSIBLE_INEXACT : IMPOSSIBLE;
  if (!compiled.atom[c] || r.bdd === ONE || r.bdd < 0) return r;
  const atom = guarded(() => state.bdd.variable(compiled.atomVar[c]!));
  return nodeResult(
    r.sat,
    r.clean,
    r.time,
    r.skill,
    atom,
    undefined,
    r.cost,
    r.probability,
    r.cost,
    r.probability,
    r.exact,
  );
}

/** A basic event (or module atom): the variable itself. */
function eventView(
  state: EvaluationState,
  v: number,
  clean: boolean,
  time: number,
  skill: number,
): NodeResult {
  const bdd = guarded(() => state.bdd.variable(v));
  const cost = state.varCost[v]!;
  const probability = state.varProbability[v]!;
  return nodeResult(true, clean, time, skill, bdd, undefined, NaN, NaN, cost, probability, true);
}

function disjoin(state: EvaluationState, views: readonly NodeResult[]): NodeResult {
  if (views.length === 1) return views[0]!;
  const acc = aggregateOr(views);
  setDiagram(state, acc, views, false, false);
  return acc;
}

/** Disjunction of everything but the diagram, which `setDiagram` adds. */
function aggregateOr(views: readonly NodeResult[]): NodeResult {
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
  return nodeResult(sat, clean, time, skill, -1, undefined, NaN, NaN, upCost, 1 - upFail, exact);
}

/** Conjunction of everything but the diagram: durations add up in `sequence` (SAND, getting past
 * a defence first), else the slowest counts. */
function aggregateAnd(views: readonly NodeResult[], sequence: boolean): NodeResult {
  let sat = true;
  let clean = true;
  let time = 0;
  let skill = 0;
  let upCost = 0;
  let upProbability = 1;
  let exact = true;
  for (const v of views) {
    sat &&= v.sat;
    clean &&= v.clean;
    time = sequence ? time + v.time : Math.max(time, v.time);
    skill = Math.max(skill, v.skill);
    upCost += v.upCost;
    upProbability *= v.upProbability;
    exact &&= v.exact;
  }
  return nodeResult(sat, clean, time, skill, -1, undefined, NaN, NaN, upCost, upProbability, exact);
}

/** Gives `acc`, made by the caller, the diagram of its operands (`combineDiagrams`). */
function setDiagram(
  state: EvaluationState,
  acc: NodeResult,
  views: readonly NodeResult[],
  conjunction: boolean,
  defer: boolean,
): void {
  const bdds = new Array<number>(views.length);
  for (let k = 0; k < views.length; k++) bdds[k] = views[k]!.bdd;
  const combined = combineDiagrams(state.bdd, bdds, conjunction, defer);
  if (typeof combined === 'number') acc.bdd = combined;
  else acc.deferred = combined;
}

/** Cost and probability from the BDD; without one (limit reached), the bottom-up values,
 * labelled inexact. A deferred diagram's metrics come at the end of the pass
 * (`resolveDeferred`). */
function withMetrics(state: EvaluationState, i: number, view: NodeResult, exact: boolean): NodeResult {
  if (view.deferred) return resultWith(view, -1, view.deferred, NaN, NaN, exact);
  let cost = view.upCost;
  let probability = view.upProbability;
  if (view.bdd >= 0) {
    cost = bddMinWeight(state.bdd, view.bdd, state.varCost, state.scratch.cost);
    probability = bddProbability(state.bdd, view.bdd, state.varProbability, state.scratch.probability);
  } else exact = false;
  setAtomWeights(state, i, cost, probability);
  return resultWith(view, view.bdd, undefined, cost, probability, exact);
}

/** A module atom's weights are its node's own metrics. */
function setAtomWeights(state: EvaluationState, i: number, cost: number, probability: number): void {
  const v = state.compiled.atomVar[i]!;
  if (v >= 0) {
    state.varCost[v] = cost;
    state.varProbability[v] = probability;
    state.scratch.kept.weightSet(v, cost, probability);
  }
}
