import type { NodeId } from '../tree/attack-tree';

/** DESIGN §5: a goal is `mitigated` when no attack is left, `partially-mitigated` when every
 * remaining attack has to get past at least one partial defence, `open` otherwise. */
export type NodeStatus = 'open' | 'partially-mitigated' | 'mitigated';

/** Attribute values of a node, each the best over all attacks on it. Impossible nodes have
 * cost, time and skill `Infinity` and probability 0. */
export interface NodeMetrics {
  /** Least total cost of an attack; a step shared by several branches is paid once. */
  minCost: number;
  /** Least duration: SAND children one after the other (sum), AND children in parallel (max),
   * getting past a defence before the node it counters (sum) — the series-parallel reading of
   * Jhawar et al. 2015, where a node shared by two sequential phases takes its time in each. */
  minTime: number;
  /** Least skill an attacker needs: the most demanding step of an attack, minimised over attacks. */
  minSkill: number;
  /** Probability that at least one attack succeeds, basic events independent. */
  probability: number;
}

export interface NodeEvaluation {
  id: NodeId;
  status: NodeStatus;
  metrics: NodeMetrics;
  /** False when a metric is a bound rather than the exact value (a cycle, or the BDD limit). */
  exact: boolean;
}

/** One minimal attack: a set of basic steps that achieves the node under the current defences,
 * with the unknown host facts it relies on and the partial defences it has to get past. */
export interface Attack {
  /** Stable identity: the steps and assumed facts (what the attacker does and relies on). */
  key: string;
  steps: NodeId[];
  /** Unknown assumptions the attack relies on. */
  assumed: NodeId[];
  /** Active partial defences the attack gets past. */
  partialDefences: NodeId[];
  cost: number;
  time: number;
  skill: number;
  probability: number;
}

export interface GoalEvaluation extends NodeEvaluation {
  /** Minimal attacks, cheapest first (then fastest, then by key). Made, with the three fields
   * below, when one of them is first read: listing is most of the cost of an evaluation. */
  attacks: Attack[];
  /** How many minimal attacks there are in all, listed or not (NaN past the BDD limit). */
  attackCount: number;
  /** False when `attacks` is not the complete list (more than the limit, the BDD limit, or a
   * cycle); `attackBound` then names the limit. Metrics stay exact (they come from the BDD)
   * unless `exact` says otherwise. */
  attacksExact: boolean;
  attackBound?: number;
}

/** What a view of some goals reads of an evaluation: those goals and the results of the nodes
 * below them. A whole evaluation is one; so is a what-if scoped to the goals on screen. */
export interface EvaluationView {
  goals: readonly GoalEvaluation[];
  nodes: ReadonlyMap<NodeId, NodeEvaluation>;
}

export interface TreeEvaluation extends EvaluationView {
  /** Goals, by id. */
  goals: GoalEvaluation[];
  /** Every attack node (goals, sub-goals, steps, assumptions). */
  nodes: ReadonlyMap<NodeId, NodeEvaluation>;
  /** True when every metric and every attack list is exact (reading it lists every goal's
   * attacks). */
  exact: boolean;
  limits: EvaluationLimits;
}

/** Guards against blow-up. Beyond a limit a result is labelled inexact with the bound used,
 * never silently wrong. */
export interface EvaluationLimits {
  /** Minimal attacks listed per goal (the cheapest ones; the total is always counted). */
  maxAttacksPerGoal: number;
  /** Nodes of the shared BDD; beyond it cost and probability fall back to bounds. */
  maxBddNodes: number;
}

/** 100 attacks per goal serve the tree explorer and the reports (the example's goals have at most
 * 86); the total is still counted exactly. At 1,000, every goal of a system whose hub ("root on
 * the host") feeds all goals listed ten times as many attacks, each with its own duration, which
 * made exact evaluation of a 100-service system take seconds. */
export const DEFAULT_EVALUATION_LIMITS: EvaluationLimits = {
  maxAttacksPerGoal: 100,
  maxBddNodes: 2_000_000,
};
