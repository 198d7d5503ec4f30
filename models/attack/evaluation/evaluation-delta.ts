import type { NodeId } from '../tree/attack-tree';
import type { Attack, GoalEvaluation, NodeMetrics, NodeStatus, TreeEvaluation } from './evaluation-types';

export interface MetricChange {
  before: number;
  after: number;
  /** after − before; 0 when equal (also ∞ → ∞). */
  delta: number;
}

/** What a change did to one goal (SecurITree's "risk before/after"): the attacks it cuts, those
 * left, those it opens, and the metric changes. Attacks are matched by key (steps and assumed
 * facts); a remaining attack may have changed metrics if partial defences changed. */
export interface GoalDelta {
  goal: NodeId;
  status: { before: NodeStatus; after: NodeStatus };
  metrics: Record<keyof NodeMetrics, MetricChange>;
  cut: Attack[];
  remaining: Attack[];
  added: Attack[];
  changed: boolean;
  /** False when either attack list was cut at a limit, so `cut` and `added` may be incomplete. */
  exact: boolean;
}

export interface EvaluationDelta {
  /** Goals that were evaluated again (those above a changed node), by id. Goals not listed are
   * unaffected by the change. */
  goals: GoalDelta[];
  /** Goals whose status, metrics or attacks changed, by id. */
  changedGoals: NodeId[];
}

const METRICS: (keyof NodeMetrics)[] = ['minCost', 'minTime', 'minSkill', 'probability'];

export function diffEvaluations(before: TreeEvaluation, after: TreeEvaluation): EvaluationDelta {
  const aligned =
    before.goals.length === after.goals.length && before.goals.every((g, k) => g.id === after.goals[k]!.id);
  const previous = aligned ? undefined : new Map(before.goals.map((g) => [g.id, g]));
  const goals: GoalDelta[] = [];
  after.goals.forEach((goal, k) => {
    const old = previous ? previous.get(goal.id) : before.goals[k];
    if (old && old !== goal) goals.push(diffGoal(old, goal));
  });
  return { goals, changedGoals: goals.filter((g) => g.changed).map((g) => g.goal) };
}

export function diffGoal(before: GoalEvaluation, after: GoalEvaluation): GoalDelta {
  const metrics = {} as Record<keyof NodeMetrics, MetricChange>;
  for (const m of METRICS) {
    const b = before.metrics[m];
    const a = after.metrics[m];
    metrics[m] = { before: b, after: a, delta: a === b ? 0 : a - b };
  }
  const exact = before.attacksExact && after.attacksExact;
  const status = { before: before.status, after: after.status };
  if (before === after) {
    return {
      goal: after.id,
      status,
      metrics,
      cut: [],
      remaining: after.attacks,
      added: [],
      changed: false,
      exact,
    };
  }
  const beforeByKey = new Map(before.attacks.map((a) => [a.key, a]));
  const afterKeys = new Set(after.attacks.map((a) => a.key));
  const cut = before.attacks.filter((a) => !afterKeys.has(a.key));
  const remaining = after.attacks.filter((a) => beforeByKey.has(a.key));
  const added = after.attacks.filter((a) => !beforeByKey.has(a.key));
  const changed =
    status.before !== status.after ||
    METRICS.some((m) => metrics[m].delta !== 0) ||
    cut.length > 0 ||
    added.length > 0 ||
    remaining.some((a) => !sameAttack(a, beforeByKey.get(a.key)!));
  return { goal: after.id, status, metrics, cut, remaining, added, changed, exact };
}

function sameAttack(a: Attack, b: Attack): boolean {
  return (
    a.cost === b.cost &&
    a.time === b.time &&
    a.skill === b.skill &&
    a.probability === b.probability &&
    a.partialDefences.join('\n') === b.partialDefences.join('\n')
  );
}
