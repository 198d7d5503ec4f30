import type { ThreatAnalysis } from '../analysis/analyze-threats';
import type { Attack } from '../attack/evaluation';
import { ruleById } from '../attack/rules/catalogue';
import type { AttackStage } from '../attack/rules/rule';
import type { AttackTree } from '../attack/tree/attack-tree';
import { markdownText } from './markdown-text';

const ATTACKS_SHOWN = 3;

/** The attack-tree part of the Markdown report: one row per goal, then each open goal's cheapest
 * attacks as the steps an attacker takes and the host facts they rely on. */
export function treesToMarkdown(result: ThreatAnalysis): string[] {
  const { trees, evaluation } = result;
  if (trees.goals.length === 0)
    return ['## Attack trees', '', 'No attack goal is reachable from the configuration.', ''];
  const byId = new Map(evaluation.goals.map((g) => [g.id, g]));
  const label = (id: string) => trees.tree.nodes.get(id)?.label ?? id;
  const lines = [
    '## Attack trees',
    '',
    '| goal | status | min cost (days) | min skill | success probability | minimal attacks |',
    '|---|---|---|---|---|---|',
  ];
  for (const goal of trees.goals) {
    const e = byId.get(goal.id);
    if (!e) continue;
    const m = e.metrics;
    lines.push(
      `| ${markdownText(goal.title)} | ${e.status} | ${fmt(m.minCost)} | ${fmt(m.minSkill)} | ${fmt(m.probability)} | ${Number.isNaN(e.attackCount) ? 'many' : e.attackCount} |`,
    );
  }
  lines.push('');
  for (const goal of trees.goals) {
    const e = byId.get(goal.id);
    if (!e || e.status === 'mitigated' || e.attacks.length === 0) continue;
    lines.push(`### ${markdownText(goal.title)}`, '');
    for (const attack of e.attacks.slice(0, ATTACKS_SHOWN))
      lines.push(`- ${describeAttack(attack, trees.tree, label)}`);
    if (e.attacks.length > ATTACKS_SHOWN) lines.push(`- … ${e.attackCount - ATTACKS_SHOWN} more`);
    lines.push('');
  }
  return lines;
}

/** The order in which an attack's steps happen: from getting in to what is done once inside. */
const STAGE_ORDER: AttackStage[] = [
  'initial-access',
  'execution',
  'lateral-movement',
  'privilege-escalation',
  'mitm',
  'credential-access',
  'escape',
  'collection',
  'persistence',
  'impact',
];

function stageRank(tree: AttackTree, step: string): number {
  const node = tree.nodes.get(step);
  const rule = node?.kind === 'step' && node.ruleId ? ruleById(node.ruleId) : undefined;
  return rule ? STAGE_ORDER.indexOf(rule.stage) : STAGE_ORDER.length;
}

function describeAttack(attack: Attack, tree: AttackTree, label: (id: string) => string): string {
  const ordered = [...attack.steps].sort(
    (a, b) => stageRank(tree, a) - stageRank(tree, b) || (a < b ? -1 : 1),
  );
  const steps = ordered.map((s) => markdownText(label(s))).join(' → ');
  const assumed = attack.assumed.length
    ? `; assuming ${attack.assumed.map((a) => markdownText(label(a))).join(', ')}`
    : '';
  return `${steps} (cost ${fmt(attack.cost)}, P ${fmt(attack.probability)}${assumed})`;
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return '—';
  return Number.isInteger(x) ? String(x) : x.toFixed(x < 1 ? 3 : 1);
}
