import type { DecisionKind, WorkshopDecision } from '../../model/threat-model';
import type { EvaluationView } from '../evaluation/evaluation-types';
import type { AttackTree, NodeId } from '../tree/attack-tree';

/**
 * The summary a walkthrough ends on: what the group decided about a goal, which attacks are
 * still open, and who owns what — the list people leave the room with.
 */
export interface WalkthroughSummary {
  goal: NodeId;
  /** Latest decision per node, in walkthrough order of recording. */
  decisions: (WorkshopDecision & { label: string })[];
  counts: Record<DecisionKind, number>;
  /** Minimal attacks still possible, and how many of them no decision touches. */
  openAttacks: number;
  undecidedAttacks: number;
  /** Owners with the nodes they took on, by owner name. */
  owners: { owner: string; nodes: string[]; due?: string }[];
}

export function summarizeWalkthrough(
  tree: AttackTree,
  evaluation: EvaluationView,
  goal: NodeId,
  decisions: readonly WorkshopDecision[],
): WalkthroughSummary {
  const latest = new Map<NodeId, WorkshopDecision>();
  for (const d of decisions) {
    if (d.goal !== undefined && d.goal !== goal) continue;
    const previous = latest.get(d.node);
    if (!previous || previous.at <= d.at) latest.set(d.node, d);
  }
  const listed = [...latest.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const counts: Record<DecisionKind, number> = { mitigate: 0, plan: 0, accept: 0, transfer: 0 };
  for (const d of listed) counts[d.decision]++;

  const attacks = evaluation.goals.find((g) => g.id === goal)?.attacks ?? [];
  const decided = new Set(latest.keys());
  const undecidedAttacks = attacks.filter((a) => !a.steps.some((s) => decided.has(s))).length;

  const byOwner = new Map<string, { nodes: string[]; due?: string }>();
  for (const d of listed) {
    if (!d.owner) continue;
    const entry = byOwner.get(d.owner) ?? { nodes: [] };
    entry.nodes.push(tree.nodes.get(d.node)?.label ?? d.node);
    if (d.due && (!entry.due || d.due < entry.due)) entry.due = d.due;
    byOwner.set(d.owner, entry);
  }
  return {
    goal,
    decisions: listed.map((d) => ({ ...d, label: tree.nodes.get(d.node)?.label ?? d.node })),
    counts,
    openAttacks: attacks.length,
    undecidedAttacks,
    owners: [...byOwner.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([owner, v]) => ({ owner, ...v })),
  };
}
