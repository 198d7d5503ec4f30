// Small readers over evaluation results, shared by the evaluation tests.
import type { GoalEvaluation, TreeEvaluation } from '../../../../models/attack/evaluation/evaluation-types';

export function goal(evaluation: TreeEvaluation, id: string): GoalEvaluation {
  const found = evaluation.goals.find((g) => g.id === id);
  if (!found) throw new Error(`no goal ${id}`);
  return found;
}

/** Attacks as readable strings: steps, then `?fact` for assumed facts, then `~defence` passed. */
export function attackList(g: GoalEvaluation): string[] {
  return g.attacks.map((a) =>
    [...a.steps, ...a.assumed.map((x) => `?${x}`), ...a.partialDefences.map((d) => `~${d}`)].join(' '),
  );
}

/** Plain data of an evaluation, for equality and determinism checks (node order included). */
export function snapshot(evaluation: TreeEvaluation): string {
  return JSON.stringify({ goals: evaluation.goals, nodes: [...evaluation.nodes], exact: evaluation.exact });
}

/** The same, with nodes sorted by id: for trees whose node order may differ. */
export function sortedSnapshot(evaluation: TreeEvaluation): string {
  const nodes = [...evaluation.nodes].sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return JSON.stringify({ goals: evaluation.goals, nodes, exact: evaluation.exact });
}
