import type { GoalInfo } from '../attack/generate/goals';
import type { TreeEvaluation } from '../attack/evaluation';
import type { AttackTree, NodeId, TreeNode } from '../attack/tree/attack-tree';
import type { SourceRef } from '../source/source-ref';

/** How many minimal attacks per goal the JSON lists (cheapest first); `attackCount` gives the total. */
export const ATTACKS_LISTED_PER_GOAL = 50;

/** The `trees` of the analysis JSON (DESIGN §7): per goal its status, metrics, minimal attacks and
 * the node DAG below it, nested. Goals share sub-goals, so every node is written out once in the
 * whole document, where it first appears (goals in id order, children in order); every later
 * occurrence is `{ "ref": id }`. That keeps the output linear in the size of the DAG. */
export function treesJson(tree: AttackTree, goals: GoalInfo[], evaluation: TreeEvaluation) {
  const defencesOf = new Map<NodeId, TreeNode[]>();
  for (const node of tree.nodes.values()) {
    if (node.kind !== 'defence') continue;
    for (const c of node.counters) {
      const list = defencesOf.get(c);
      if (list) list.push(node);
      else defencesOf.set(c, [node]);
    }
  }
  const evaluations = new Map(evaluation.goals.map((g) => [g.id, g]));
  const seen = new Set<NodeId>();
  return goals.map((goal) => {
    const e = evaluations.get(goal.id);
    const nodeJson = (id: NodeId): unknown => {
      if (seen.has(id)) return { ref: id };
      seen.add(id);
      const node = tree.nodes.get(id);
      if (!node) return { ref: id };
      const status = evaluation.nodes.get(id)?.status;
      const defences = (defencesOf.get(id) ?? []).map((d) =>
        d.kind === 'defence'
          ? { id: d.id, mitigation: d.mitigation ?? null, effect: d.effect, active: d.active, label: d.label }
          : undefined,
      );
      switch (node.kind) {
        case 'goal':
        case 'subgoal':
          return {
            id,
            kind: node.kind,
            label: node.label,
            gate: node.gate,
            ...(status ? { status } : {}),
            children: node.children.map(nodeJson),
          };
        case 'step':
          return {
            id,
            kind: 'step',
            label: node.label,
            ...(status ? { status } : {}),
            rule: node.ruleId ?? null,
            attack: node.attack,
            cves: node.cves,
            attributes: node.attributes,
            evidence: node.evidence.map(refJson),
            defences,
          };
        case 'assumption':
          return {
            id,
            kind: 'assumption',
            label: node.label,
            key: node.key,
            value: node.value,
            holds: node.holds,
            probability: node.probability,
          };
        default:
          return { id, kind: node.kind, label: node.label };
      }
    };
    return {
      id: goal.id,
      goal: goal.kind,
      title: goal.title,
      target: goal.target,
      status: e?.status ?? 'mitigated',
      exact: e?.exact ?? true,
      metrics: e ? metricsJson(e.metrics) : null,
      attackCount: e?.attackCount ?? 0,
      minimalAttacks: (e?.attacks ?? []).slice(0, ATTACKS_LISTED_PER_GOAL).map((a) => a.steps),
      minimalAttacksComplete:
        (e?.attacksExact ?? true) && (e?.attacks.length ?? 0) <= ATTACKS_LISTED_PER_GOAL,
      root: nodeJson(goal.id),
    };
  });
}

/** JSON has no Infinity: an impossible metric is written as null. */
function metricsJson(m: { minCost: number; minTime: number; minSkill: number; probability: number }) {
  const finite = (x: number) => (Number.isFinite(x) ? round(x) : null);
  return {
    minCost: finite(m.minCost),
    minTime: finite(m.minTime),
    minSkill: finite(m.minSkill),
    probability: finite(m.probability),
  };
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

function refJson(r: SourceRef) {
  return { file: r.file, line: r.line, column: r.column, ...(r.path ? { path: r.path } : {}) };
}
