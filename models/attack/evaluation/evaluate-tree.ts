import { compareIds, type AttackTree, type NodeId } from '../tree/attack-tree';
import { expandAttacks, toAttack } from './attack-expansion';
import { compileTree } from './compile-tree';
import {
  DEFAULT_EVALUATION_LIMITS,
  type EvaluationLimits,
  type GoalEvaluation,
  type NodeEvaluation,
  type NodeStatus,
  type TreeEvaluation,
} from './evaluation-types';
import { COMPACT_WHEN_IDLE_AT, compactState, needsCompaction } from './compact-state';
import { deferFields, deferredFields } from './deferred-fields';
import { SlotMap } from './slot-map';
import { createState, evaluateNodes, type EvaluationState, type NodeResult } from './node-results';

/** Working state behind each published evaluation, so that what-if can start from it. Kept out
 * of the result object, which stays plain data. */
const states = new WeakMap<TreeEvaluation, EvaluationState>();
/** Number of inexact node results, so that what-if updates `exact` without a full scan. */
const inexactCounts = new WeakMap<TreeEvaluation, number>();

/** Exact evaluation of every node of an attack-defence DAG under its current defences and
 * assumptions: status, metrics (least cost, time, skill; success probability) and, per goal, the
 * minimal attacks, listed when first read (`deferred-fields.ts`). Deterministic: the same tree
 * always gives the same result. Structural problems (see `validateTree`) do not throw; results that
 * depend on them are labelled inexact. */
export function evaluateTree(tree: AttackTree, limits: Partial<EvaluationLimits> = {}): TreeEvaluation {
  const state = createState(compileTree(tree), tree, { ...DEFAULT_EVALUATION_LIMITS, ...limits });
  evaluateNodes(state);
  return publish(state);
}

/** The working state behind an evaluation made by this module, if any. */
export function stateOf(evaluation: TreeEvaluation): EvaluationState | undefined {
  return states.get(evaluation);
}

/** The same, for a what-if to start from: moved to a fresh diagram manager first when earlier
 * what-ifs have nearly filled it (`compact-state.ts`). */
export function baseStateOf(evaluation: TreeEvaluation): EvaluationState | undefined {
  compactIfFull(evaluation);
  return states.get(evaluation);
}

/** For idle time: moves the evaluation's working state to a fresh diagram manager when it is
 * three-quarters full, before a what-if would have to (at 90%, inside the toggle that crosses the
 * line: on 500 services a quarter to a third of a second of compaction on top of the toggle). A
 * workshop that reads attack lists after every toggle fills the manager within a few dozen
 * toggles. Returns whether it compacted; what-ifs made before keep working on the old manager. */
export function compactWhenNearlyFull(evaluation: TreeEvaluation): boolean {
  return compactIfFull(evaluation, COMPACT_WHEN_IDLE_AT);
}

/** Moves the evaluation's working state to a fresh manager when `needsCompaction` says so (from
 * the share `at` of the limit, or its default); whether it did. */
function compactIfFull(evaluation: TreeEvaluation, at?: number): boolean {
  const state = states.get(evaluation);
  if (!state || !needsCompaction(state, at)) return false;
  states.set(evaluation, compactState(state));
  return true;
}

/** Turns the working state into the public result. With a previous evaluation of the same
 * compiled tree and the set of nodes that changed, unchanged nodes and goals are reused as they
 * are (what-if); the result is the same as publishing from scratch. */
export function publish(
  state: EvaluationState,
  previous?: { evaluation: TreeEvaluation; dirty: Uint8Array; dirtyNodes: readonly number[] },
): TreeEvaluation {
  const { compiled } = state;
  let inexact = previous ? (inexactCounts.get(previous.evaluation) ?? 0) : 0;
  // A previous evaluation has a working state, so this module published it, as a SlotMap.
  const before = previous?.evaluation.nodes as SlotMap<NodeId, NodeEvaluation> | undefined;
  const changed: [number, NodeEvaluation][] = [];
  const targets = previous ? previous.dirtyNodes : compiled.ids.map((_, i) => i);
  for (const i of targets) {
    const slot = compiled.attackSlot[i]!;
    if (slot < 0) continue;
    if (before && !before.at(slot)!.exact) inexact--;
    const evaluation = nodeEvaluation(compiled.ids[i]!, state.results.get(i)!);
    if (!evaluation.exact) inexact++;
    changed.push([slot, evaluation]);
  }
  const nodes = (
    before ?? new SlotMap<NodeId, NodeEvaluation>(compiled.attackSlots, compiled.attackIds, [])
  ).withValues(changed);
  const goals: GoalEvaluation[] = [];
  compiled.goals.forEach((g, k) => {
    const node = nodes.at(compiled.attackSlot[g]!)!;
    if (previous && !previous.dirty[g]) goals.push(previous.evaluation.goals[k]!);
    else goals.push(deferredGoalEvaluation(state, g, node));
  });
  // Attacks are listed only for the goals someone reads (on 500 services listing every goal
  // takes about 20 s, the metrics under one), so `exact`, which needs every list, waits for its
  // first read as well.
  const evaluation: TreeEvaluation = { goals, nodes, exact: false, limits: state.limits };
  deferFields(evaluation, ['exact'], () => ({ exact: inexact === 0 && goals.every((g) => g.attacksExact) }));
  states.set(evaluation, state);
  inexactCounts.set(evaluation, inexact);
  return evaluation;
}

export function nodeEvaluation(id: NodeId, r: NodeResult): NodeEvaluation {
  return {
    id,
    status: statusOf(r),
    metrics: { minCost: r.cost, minTime: r.time, minSkill: r.skill, probability: r.probability },
    exact: r.exact,
  };
}

function statusOf(r: NodeResult): NodeStatus {
  if (!r.sat) return 'mitigated';
  return r.clean ? 'open' : 'partially-mitigated';
}

/** The public result of goal node `g` from the working state, its attack list made on first read. */
export function deferredGoalEvaluationOf(state: EvaluationState, g: number): GoalEvaluation {
  return deferredGoalEvaluation(state, g, nodeEvaluation(state.compiled.ids[g]!, state.results.get(g)!));
}

const withAttackListOnRead = deferredFields<
  GoalEvaluation,
  'attacks' | 'attackCount' | 'attacksExact' | 'attackBound'
>(['attacks', 'attackCount', 'attacksExact', 'attackBound']);

/** A goal whose status and metrics are known and whose attack list is made on first read. */
function deferredGoalEvaluation(state: EvaluationState, g: number, node: NodeEvaluation): GoalEvaluation {
  // Written out, not spread: the copy of a spread object takes its accessors several times slower.
  const goal = {
    id: node.id,
    status: node.status,
    metrics: node.metrics,
    exact: node.exact,
  } as GoalEvaluation;
  return withAttackListOnRead(goal, () => goalEvaluation(state, g, node));
}

function goalEvaluation(state: EvaluationState, g: number, node: NodeEvaluation): GoalEvaluation {
  const family = expandAttacks(state, g);
  const attacks = family.attacks
    .map((a) => toAttack(state, a))
    .sort((a, b) => a.cost - b.cost || a.time - b.time || compareIds(a.key, b.key));
  const goal: GoalEvaluation = { ...node, attacks, attackCount: family.count, attacksExact: family.complete };
  if (family.bound !== undefined) goal.attackBound = family.bound;
  return goal;
}
