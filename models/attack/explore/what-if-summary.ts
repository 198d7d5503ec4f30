import type { GoalDelta } from '../evaluation/evaluation-delta';
import type { AttackTree, NodeId } from '../tree/attack-tree';

/**
 * The sentence a workshop reads after toggling a mitigation: "cuts 3 of 5 attacks; remaining: …".
 * Numbers and labels only; the renderer words it through its message catalogue.
 */
export interface WhatIfSummary {
  goal: NodeId;
  attacksBefore: number;
  attacksAfter: number;
  cut: number;
  added: number;
  /** The remaining attacks, cheapest first, each as the labels of its steps. */
  remaining: string[][];
  statusBefore: GoalDelta['status']['before'];
  statusAfter: GoalDelta['status']['after'];
  /** False when an attack list was cut at a limit, so counts are lower bounds. */
  exact: boolean;
}

export function summarizeWhatIf(tree: AttackTree, delta: GoalDelta, maxRemaining = 5): WhatIfSummary {
  const labelOf = (id: NodeId) => tree.nodes.get(id)?.label ?? id;
  return {
    goal: delta.goal,
    attacksBefore: delta.cut.length + delta.remaining.length,
    attacksAfter: delta.remaining.length + delta.added.length,
    cut: delta.cut.length,
    added: delta.added.length,
    remaining: [...delta.remaining, ...delta.added]
      .slice(0, maxRemaining)
      .map((attack) => attack.steps.map(labelOf)),
    statusBefore: delta.status.before,
    statusAfter: delta.status.after,
    exact: delta.exact,
  };
}
