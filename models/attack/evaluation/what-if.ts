import type { AttackTree, NodeId } from '../tree/attack-tree';
import { deferFields } from './deferred-fields';
import {
  baseStateOf,
  deferredGoalEvaluationOf,
  evaluateTree,
  nodeEvaluation,
  publish,
} from './evaluate-tree';
import { diffEvaluations, diffGoal, type EvaluationDelta, type GoalDelta } from './evaluation-delta';
import type {
  EvaluationView,
  GoalEvaluation,
  NodeEvaluation,
  NodeStatus,
  TreeEvaluation,
} from './evaluation-types';
import { KnownResults } from './known-results';
import { SlotMap } from './slot-map';
import { STATUS_NAMES, statusesAbove } from './status-pass';
import { evaluateNodes, readConfiguration, type EvaluationState } from './node-results';
import { applyChanges, type WhatIfChange } from './what-if-changes';

export interface WhatIfResult {
  /** The tree with the changes applied. */
  tree: AttackTree;
  evaluation: TreeEvaluation;
  delta: EvaluationDelta;
  /** Nodes evaluated again: the changed nodes and every node above them, or all nodes when the
   * baseline could not be reused. */
  recomputed: number;
  ignored: WhatIfChange[];
}

/** Re-evaluates after toggling defences, mitigations or assumptions, and reports the delta per
 * goal (attacks cut, remaining, new; metric changes).
 *
 * Incremental: a node's result depends only on the defences and assumptions below it (its
 * dependency set), so only the changed nodes and their ancestors are evaluated again; everything
 * else — results, BDDs (the manager is shared, so unchanged sub-diagrams are reused), module
 * attack lists, published node and goal objects — is taken from the baseline. The result equals
 * `evaluateTree` on the changed tree. Status and metrics of every node and goal are computed at
 * once; the attack lists of the goals above the change (and `delta`, which compares them) are made
 * when first read, so a toggle costs what the nodes cost, and the lists what is looked at. The
 * baseline must be an evaluation of `tree` made by `evaluateTree` or `whatIf`; otherwise
 * everything is evaluated afresh.
 *
 * On a large system a change under a hub ("root on the host", an OR over every workload) rebuilds
 * the hub's diagram and those of the sub-goals above it; the goals at the top read their metrics
 * off the hub's new diagram without copying it (`combined-metrics.ts`): on 500 services 1,340
 * nodes, 5,000–15,000 diagram nodes and a median of about 35 ms a toggle. The manager shared with
 * the baseline keeps what a toggle builds; when it is nearly full the baseline's state moves to a
 * fresh one first (`compact-state.ts`); a toggle that needs more than the room left falls back to
 * bounds, labelled inexact. An interactive view should use `whatIfInView`. */
export function whatIf(
  tree: AttackTree,
  baseline: TreeEvaluation,
  changes: readonly WhatIfChange[],
): WhatIfResult {
  const applied = applyChanges(tree, changes);
  const base = baseStateOf(baseline);
  if (!base || base.tree !== tree) {
    const evaluation = evaluateTree(applied.tree, baseline.limits);
    return {
      tree: applied.tree,
      evaluation,
      delta: diffEvaluations(baseline, evaluation),
      recomputed: evaluation.nodes.size,
      ignored: applied.ignored,
    };
  }

  const { dirty, dirtyNodes } = ancestorsOf(base, applied.changed);
  const state = changedState(base, applied.tree, applied.changed, dirtyNodes);
  evaluateNodes(state, dirtyNodes);
  const evaluation = publish(state, { evaluation: baseline, dirty, dirtyNodes });
  // The delta compares attack lists, which the evaluation makes only when read: computing it
  // eagerly would list the attacks of every goal above the change.
  const result: WhatIfResult = {
    tree: applied.tree,
    evaluation,
    delta: { goals: [], changedGoals: [] },
    recomputed: dirtyNodes.length,
    ignored: applied.ignored,
  };
  return deferFields(result, ['delta'], () => ({ delta: diffEvaluations(baseline, evaluation) }));
}

export interface ScopedWhatIfResult extends EvaluationView {
  /** The tree with the changes applied. */
  tree: AttackTree;
  /** The goals asked for, in the order of the baseline's goals (by id); ids that name no goal
   * are left out. Each is the same as the goal `whatIf` reports for the same changes. */
  goals: GoalEvaluation[];
  /** Results of the nodes below the goals asked for, each the same as `whatIf` reports. Nodes
   * elsewhere read as in the baseline where the change cannot reach them, and as absent where it
   * can (they were not evaluated again). */
  nodes: ReadonlyMap<NodeId, NodeEvaluation>;
  /** Status of every goal after the changes, asked for or not (statuses need no BDD, so they
   * cost a pass over the changed nodes). */
  statuses: ReadonlyMap<NodeId, NodeStatus>;
  /** Deltas of the goals asked for that were evaluated again (those above a changed node). Like
   * the goals' attack lists, which it compares, made when first read. */
  delta: GoalDelta[];
  /** Nodes evaluated again: the changed nodes and the nodes above them that the goals asked for
   * depend on. */
  recomputed: number;
  ignored: WhatIfChange[];
}

/** What-if restricted to the goals in view: like `whatIf`, but only the changed nodes and those
 * of their ancestors that the given goals depend on are evaluated again, so the cost follows
 * what is on screen, not the size of the system; the other goals get their new status only. A
 * goal's result depends on nothing outside the nodes below it, so each goal and node returned
 * equals the one `whatIf` reports. Not a baseline for further calls: to combine several toggles
 * pass them all against the same baseline (or run `whatIf` for a new baseline). Falls back to
 * `whatIf` when the baseline cannot be reused. The diagrams a new combination of changes rebuilds
 * stay in the manager shared with the baseline (on 500 services up to about 10,000 nodes for a
 * toggle under the host-root hub) until it is nearly full and compacted (`compact-state.ts`). */
export function whatIfInView(
  tree: AttackTree,
  baseline: TreeEvaluation,
  changes: readonly WhatIfChange[],
  goalIds: Iterable<NodeId>,
): ScopedWhatIfResult {
  const wanted = new Set(goalIds);
  const base = baseStateOf(baseline);
  if (!base || base.tree !== tree) {
    const full = whatIf(tree, baseline, changes);
    return {
      tree: full.tree,
      goals: full.evaluation.goals.filter((g) => wanted.has(g.id)),
      nodes: full.evaluation.nodes,
      statuses: new Map(full.evaluation.goals.map((g) => [g.id, g.status])),
      delta: full.delta.goals.filter((d) => wanted.has(d.goal)),
      recomputed: full.recomputed,
      ignored: full.ignored,
    };
  }
  const applied = applyChanges(tree, changes);
  const { compiled } = base;
  const { dirty, dirtyNodes } = ancestorsOf(base, applied.changed);

  // The dirty nodes below the goals in view, dependencies first.
  const inView = new Uint8Array(compiled.ids.length);
  const needed: number[] = [];
  const stack: number[] = [];
  const goals: [number, number][] = [];
  compiled.goals.forEach((g, k) => {
    if (!wanted.has(compiled.ids[g]!)) return;
    goals.push([g, k]);
    if (dirty[g] && !inView[g]) {
      inView[g] = 1;
      stack.push(g);
    }
  });
  while (stack.length > 0) {
    const i = stack.pop()!;
    needed.push(i);
    for (const list of [compiled.children[i]!, compiled.defences[i]!]) {
      for (const c of list) {
        if (!dirty[c] || inView[c]) continue;
        inView[c] = 1;
        stack.push(c);
      }
    }
  }
  needed.sort((a, b) => compiled.position[a]! - compiled.position[b]!);

  const state = changedState(base, applied.tree, applied.changed, needed);
  const statusAbove = statusesAbove(state, dirtyNodes, dirty);
  evaluateNodes(state, needed);
  const results: GoalEvaluation[] = [];
  const changedGoals: [GoalEvaluation, GoalEvaluation][] = [];
  for (const [g, k] of goals) {
    const before = baseline.goals[k]!;
    if (!dirty[g]) {
      results.push(before);
      continue;
    }
    const after = deferredGoalEvaluationOf(state, g);
    results.push(after);
    changedGoals.push([before, after]);
  }
  const result: ScopedWhatIfResult = {
    tree: applied.tree,
    goals: results,
    nodes: nodesInView(state, baseline, dirtyNodes, inView),
    statuses: goalStatuses(baseline, compiled.goals, dirty, statusAbove),
    delta: [],
    recomputed: needed.length,
    ignored: applied.ignored,
  };
  return deferFields(result, ['delta'], () => ({
    delta: changedGoals.map(([before, after]) => diffGoal(before, after)),
  }));
}

/** The baseline's node results with those evaluated again replaced, and those above the change
 * that were not evaluated again left out. */
function nodesInView(
  state: EvaluationState,
  baseline: TreeEvaluation,
  dirtyNodes: readonly number[],
  evaluated: Uint8Array,
): ReadonlyMap<NodeId, NodeEvaluation> {
  const { compiled } = state;
  const replaced: [number, NodeEvaluation][] = [];
  const stale = new Set<NodeId>();
  for (const i of dirtyNodes) {
    const slot = compiled.attackSlot[i]!;
    if (slot < 0) continue;
    const id = compiled.ids[i]!;
    if (evaluated[i]) replaced.push([slot, nodeEvaluation(id, state.results.get(i)!)]);
    else stale.add(id);
  }
  const nodes = baseline.nodes as SlotMap<NodeId, NodeEvaluation>;
  return new KnownResults(nodes.withValues(replaced), stale);
}

/** Goal statuses of each baseline, by goal id, made once: a toggle copies the array of 835 values
 * instead of hashing 835 ids into a new map. */
const baselineStatuses = new WeakMap<TreeEvaluation, SlotMap<NodeId, NodeStatus>>();

function goalStatuses(
  baseline: TreeEvaluation,
  goalNodes: Int32Array,
  dirty: Uint8Array,
  changed: Uint8Array,
): ReadonlyMap<NodeId, NodeStatus> {
  let before = baselineStatuses.get(baseline);
  if (!before) {
    const ids = baseline.goals.map((g) => g.id);
    const slots = new Map(ids.map((id, k) => [id, k]));
    before = new SlotMap(
      slots,
      ids,
      baseline.goals.map((g) => g.status),
    );
    baselineStatuses.set(baseline, before);
  }
  const replaced: [number, NodeStatus][] = [];
  goalNodes.forEach((g, k) => {
    if (dirty[g]) replaced.push([k, STATUS_NAMES[changed[g]!]!]);
  });
  return before.withValues(replaced);
}

/** The changed nodes and every node above them, dependencies first. */
function ancestorsOf(
  base: EvaluationState,
  changed: readonly NodeId[],
): { dirty: Uint8Array; dirtyNodes: number[] } {
  const { compiled } = base;
  const dirty = new Uint8Array(compiled.ids.length);
  const dirtyNodes: number[] = [];
  const pending: number[] = [];
  const mark = (i: number): void => {
    if (dirty[i]) return;
    dirty[i] = 1;
    dirtyNodes.push(i);
    pending.push(i);
  };
  for (const id of changed) mark(compiled.indexOf.get(id)!);
  while (pending.length > 0) for (const p of compiled.parents[pending.pop()!]!) mark(p);
  dirtyNodes.sort((a, b) => compiled.position[a]! - compiled.position[b]!);
  return { dirty, dirtyNodes };
}

/** The baseline's working state for the changed tree: per-node values as layers over the
 * baseline's (`node-values.ts`), the attack lists of the nodes about to be evaluated again
 * forgotten. */
function changedState(
  base: EvaluationState,
  tree: AttackTree,
  changed: readonly NodeId[],
  dirtyNodes: readonly number[],
): EvaluationState {
  const { compiled } = base;
  const state: EvaluationState = {
    ...base,
    tree,
    results: base.results.layered(),
    varCost: base.varCost.slice(),
    varProbability: base.varProbability.slice(),
    expansions: base.expansions.layered(),
    active: base.active.slice(),
    holds: base.holds.slice(),
  };
  for (const i of dirtyNodes) state.expansions.set(i, undefined);
  readConfiguration(
    compiled,
    tree,
    state.active,
    state.holds,
    changed.map((id) => compiled.indexOf.get(id)!),
  );
  return state;
}
