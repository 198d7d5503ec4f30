import type { AttackTree } from '../tree/attack-tree';
import { evaluateTree, publish, stateOf } from './evaluate-tree';
import { diffEvaluations, type EvaluationDelta } from './evaluation-delta';
import type { TreeEvaluation } from './evaluation-types';
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
 * `evaluateTree` on the changed tree. The baseline must be an evaluation of `tree` made by
 * `evaluateTree` or `whatIf`; otherwise everything is evaluated afresh. */
export function whatIf(
  tree: AttackTree,
  baseline: TreeEvaluation,
  changes: readonly WhatIfChange[],
): WhatIfResult {
  const applied = applyChanges(tree, changes);
  const base = stateOf(baseline);
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
  for (const id of applied.changed) mark(compiled.indexOf.get(id)!);
  while (pending.length > 0) for (const p of compiled.parents[pending.pop()!]!) mark(p);
  dirtyNodes.sort((a, b) => compiled.position[a]! - compiled.position[b]!);

  const state: EvaluationState = {
    ...base,
    tree: applied.tree,
    results: base.results.slice(),
    varCost: base.varCost.slice(),
    varProbability: base.varProbability.slice(),
    expansions: base.expansions.slice(),
    active: base.active.slice(),
    holds: base.holds.slice(),
  };
  for (const i of dirtyNodes) state.expansions[i] = undefined;
  readConfiguration(
    compiled,
    applied.tree,
    state.active,
    state.holds,
    applied.changed.map((id) => compiled.indexOf.get(id)!),
  );
  evaluateNodes(state, dirtyNodes);
  const evaluation = publish(state, { evaluation: baseline, dirty, dirtyNodes });
  return {
    tree: applied.tree,
    evaluation,
    delta: diffEvaluations(baseline, evaluation),
    recomputed: dirtyNodes.length,
    ignored: applied.ignored,
  };
}
