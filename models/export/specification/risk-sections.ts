import type { Attack, TreeEvaluation } from '../../attack/evaluation';
import { renderOutline } from '../../attack/exchange/render-outline';
import { ASSUMPTION_KEYS, ASSUMPTIONS } from '../../attack/rules/assumptions';
import { ruleById } from '../../attack/rules/catalogue';
import type { AttackStage } from '../../attack/rules/rule';
import type { AttackTree, NodeId, TreeNode } from '../../attack/tree/attack-tree';
import { severityRank } from '../../conditions/condition-ids';
import { CONDITIONS } from '../../conditions/condition-catalogue';
import type { SpecificationInput } from './build-specification';
import { metric, plural, sourceRef } from './format';
import type { SpecContext } from './spec-context';
import { cell, text, type Inline, type SpecBlock, type SpecSection } from './spec-document';

type Built = Omit<SpecSection, 'id' | 'title'>;
type RiskSectionId = 'attack-trees' | 'findings' | 'decisions' | 'residual-risks' | 'appendices';

const STATUS_TONE = { open: 'bad', 'partially-mitigated': 'warn', mitigated: 'good' } as const;

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

const DECISION_WORDS = {
  mitigate: 'Mitigate',
  plan: 'Plan',
  accept: 'Accept',
  transfer: 'Transfer',
} as const;

/** Attack trees, findings, the workshop's decisions, what risk remains, and the appendices. */
export function riskSections(
  input: SpecificationInput,
  context: SpecContext,
): Record<RiskSectionId, () => Built> {
  const { trees, evaluation } = input.analysis;
  const label = (id: NodeId) => oneLine(trees.tree.nodes.get(id)?.label ?? id);
  const goalEvaluation = new Map(evaluation.goals.map((g) => [g.id, g]));
  return {
    'attack-trees': () => {
      if (trees.goals.length === 0)
        return {
          blocks: [
            { kind: 'paragraph', content: text('No attack goal is reachable from the configuration.') },
          ],
        };
      const blocks: SpecBlock[] = [
        {
          kind: 'paragraph',
          content: text(
            'Attack-defence trees (Kordy et al.) for each goal an attacker could reach. A goal is open while some attack succeeds, partially mitigated when every attack has to get past a partial defence, mitigated when none is left. Cost and time are in days, skill is a level from 0 (none) upwards, P is the probability that at least one attack succeeds.',
          ),
        },
        {
          kind: 'table',
          header: ['Goal', 'Status', 'Min cost', 'Min time', 'Min skill', 'P', 'Attacks'],
          widths: [40, 14, 9, 9, 9, 9, 10],
          compact: true,
          rows: trees.goals.map((goal) => {
            const e = goalEvaluation.get(goal.id);
            if (!e)
              return [
                cell(goal.title),
                cell('not evaluated'),
                cell(''),
                cell(''),
                cell(''),
                cell(''),
                cell(''),
              ];
            return [
              cell(goal.title),
              cell(e.status, STATUS_TONE[e.status]),
              cell(metric(e.metrics.minCost)),
              cell(metric(e.metrics.minTime)),
              cell(metric(e.metrics.minSkill)),
              cell(metric(e.metrics.probability)),
              cell(Number.isNaN(e.attackCount) ? 'many' : String(e.attackCount)),
            ];
          }),
        },
      ];
      const max = input.template.attackTrees.maxAttacksPerGoal;
      const maxLines = input.template.attackTrees.outlineMaxLines;
      const defencesOf = defenceIndex(trees.tree);
      for (const goal of trees.goals) {
        const e = goalEvaluation.get(goal.id);
        blocks.push({ kind: 'heading', level: 2, text: goal.title });
        if (!e) {
          blocks.push({ kind: 'paragraph', content: text('This goal was not evaluated.'), style: 'note' });
          continue;
        }
        const m = e.metrics;
        blocks.push({
          kind: 'paragraph',
          content: [
            { text: 'Status: ' },
            { text: e.status, bold: true },
            {
              text: `. Min cost ${metric(m.minCost)}, min time ${metric(m.minTime)}, min skill ${metric(m.minSkill)}, P ${metric(m.probability)}${e.exact ? '' : ' (bounds: the exact values exceed the evaluation limits)'}; ${Number.isNaN(e.attackCount) ? 'more minimal attacks than can be counted' : plural(e.attackCount, 'minimal attack')}.`,
            },
          ],
        });
        if (e.attacks.length > 0 && max > 0) {
          blocks.push({
            kind: 'paragraph',
            content: text(
              e.attacks.length > max ? `The ${max} cheapest minimal attacks:` : 'Minimal attacks:',
            ),
          });
          blocks.push({
            kind: 'list',
            ordered: true,
            items: e.attacks.slice(0, max).map((a) => describeAttack(a, trees.tree, label)),
          });
        }
        if (maxLines > 0) {
          const outline = goalOutline(trees.tree, evaluation, goal.id, defencesOf, 2 * maxLines)
            .trimEnd()
            .split('\n');
          const shown = outline.slice(0, maxLines);
          if (outline.length > maxLines || outline.some((line) => line.includes(' …')))
            shown.push('… the outline is cut here; the whole tree is in the threat model.');
          blocks.push({ kind: 'code', language: 'text', text: shown.join('\n') });
        }
      }
      return { blocks };
    },

    findings: () => {
      const findings = [...input.analysis.findings].sort(
        (a, b) =>
          severityRank(b.severity) - severityRank(a.severity) ||
          compare(context.name(a.workload), context.name(b.workload)) ||
          compare(a.condition, b.condition) ||
          compare(a.id, b.id),
      );
      if (findings.length === 0)
        return { blocks: [{ kind: 'paragraph', content: text('The analysis reported no finding.') }] };
      return {
        blocks: [
          {
            kind: 'paragraph',
            content: text(
              `${plural(findings.length, 'finding')}, worst first. Evidence is the configuration line that shows the condition (file:line); for a setting left unset it is the definition of the service.`,
            ),
          },
          {
            kind: 'table',
            header: ['Severity', 'Subject', 'Finding', 'Evidence'],
            widths: [10, 18, 48, 24],
            compact: true,
            rows: findings.map((f) => {
              const refs = [f.source, ...f.evidence.filter((r) => sourceRef(r) !== sourceRef(f.source))];
              const evidence: Inline[] = [];
              refs.slice(0, 4).forEach((r, i) => {
                if (i > 0) evidence.push({ text: ', ' });
                evidence.push({ text: sourceRef(r), code: true });
              });
              if (refs.length > 4) evidence.push({ text: ` and ${refs.length - 4} more` });
              const subject = `${context.name(f.workload)}${f.container && f.container !== context.name(f.workload) ? ` / ${f.container}` : ''}`;
              return [
                cell(
                  f.severity,
                  severityRank(f.severity) >= 3 ? 'bad' : severityRank(f.severity) >= 2 ? 'warn' : undefined,
                ),
                cell(subject),
                {
                  content: [
                    { text: CONDITIONS[f.condition]?.title ?? f.condition, bold: true },
                    {
                      text: ` (${f.condition}): ${oneLine(f.message)}${f.detail ? ` — ${oneLine(f.detail)}` : ''}`,
                    },
                  ],
                },
                { content: evidence },
              ];
            }),
          },
        ],
      };
    },

    decisions: () => {
      const decisions = [...(input.decisions ?? [])].sort(
        (a, b) => compare(a.at, b.at) || compare(a.id, b.id),
      );
      if (decisions.length === 0)
        return { blocks: [{ kind: 'paragraph', content: text('No workshop decisions recorded.') }] };
      const goalTitle = new Map(trees.goals.map((g) => [g.id, g.title]));
      return {
        blocks: [
          {
            kind: 'table',
            header: ['Decision', 'About', 'Goal', 'Mitigation', 'Owner', 'Due', 'Note', 'Recorded'],
            widths: [10, 18, 16, 12, 10, 9, 15, 10],
            compact: true,
            rows: decisions.map((d) => [
              cell(DECISION_WORDS[d.decision] ?? d.decision, undefined, { bold: true }),
              cell(trees.tree.nodes.has(d.node) ? label(d.node) : `${d.node} (no longer in the tree)`),
              cell(d.goal ? (goalTitle.get(d.goal) ?? d.goal) : '—'),
              cell(d.mitigation ?? '—', undefined, d.mitigation ? { code: true } : {}),
              cell(d.owner ?? '—'),
              cell(d.due ?? '—'),
              cell(d.note ? oneLine(d.note) : '—'),
              cell(d.at.slice(0, 10)),
            ]),
          },
        ],
      };
    },

    'residual-risks': () => {
      const blocks: SpecBlock[] = [{ kind: 'heading', level: 2, text: 'Accepted risks' }];
      const accepted = context.requirements.filter((r) => r.state.state === 'accepted-risk');
      const acceptDecisions = (input.decisions ?? []).filter(
        (d) => d.decision === 'accept' || d.decision === 'transfer',
      );
      if (accepted.length === 0 && acceptDecisions.length === 0)
        blocks.push({ kind: 'paragraph', content: text('No risk has been accepted or transferred.') });
      if (accepted.length > 0)
        blocks.push({
          kind: 'table',
          header: ['Requirement', 'Subject', 'Reason', 'Accepted by'],
          widths: [28, 22, 35, 15],
          rows: accepted.map((r) => [
            cell(r.id, undefined, { code: true }),
            cell(r.subject.name),
            cell(r.state.reason ? oneLine(r.state.reason) : 'No reason recorded'),
            cell(r.state.author ?? 'Not recorded'),
          ]),
        });
      if (acceptDecisions.length > 0)
        blocks.push({
          kind: 'list',
          items: acceptDecisions.map((d) => [
            { text: `${DECISION_WORDS[d.decision]}: `, bold: true },
            {
              text: `${trees.tree.nodes.has(d.node) ? label(d.node) : d.node}${d.owner ? ` (owner ${d.owner})` : ''}${d.note ? ` — ${oneLine(d.note)}` : ''}`,
            },
          ]),
        });

      blocks.push({ kind: 'heading', level: 2, text: 'Attack goals still reachable' });
      const open = trees.goals.filter((g) => {
        const s = goalEvaluation.get(g.id)?.status;
        return s === 'open' || s === 'partially-mitigated';
      });
      if (open.length === 0)
        blocks.push({
          kind: 'paragraph',
          content: text('Every attack goal is mitigated by the current mitigation states.'),
        });
      else
        blocks.push({
          kind: 'table',
          header: ['Goal', 'Status', 'Min cost', 'P', 'Cheapest attack'],
          widths: [28, 13, 9, 9, 41],
          compact: true,
          rows: open.map((g) => {
            const e = goalEvaluation.get(g.id)!;
            const cheapest = e.attacks[0];
            return [
              cell(g.title),
              cell(e.status, STATUS_TONE[e.status]),
              cell(metric(e.metrics.minCost)),
              cell(metric(e.metrics.probability)),
              { content: cheapest ? describeAttack(cheapest, trees.tree, label) : text('—') },
            ];
          }),
        });

      blocks.push({ kind: 'heading', level: 2, text: 'Requirements not yet met' });
      const missing = context.requirements.filter((r) => r.state.state === 'missing').length;
      const planned = context.requirements.filter((r) => r.state.state === 'planned').length;
      blocks.push({
        kind: 'paragraph',
        content: text(
          `${missing} of ${plural(context.requirements.length, 'requirement')} ${missing === 1 ? 'is' : 'are'} missing and ${planned} ${planned === 1 ? 'is' : 'are'} planned; the mitigation status matrix shows where.`,
        ),
      });

      blocks.push({ kind: 'heading', level: 2, text: 'Host facts not known' });
      const unknown = ASSUMPTION_KEYS.filter(
        (k) => (input.assumptions?.[k] ?? ASSUMPTIONS[k].default) === 'unknown',
      );
      if (unknown.length === 0)
        blocks.push({ kind: 'paragraph', content: text('Every host assumption has a known value.') });
      else {
        blocks.push({
          kind: 'paragraph',
          content: text(
            'The analysis treats these facts as possible, with the probability shown; answering the question narrows the residual risk.',
          ),
        });
        blocks.push({
          kind: 'table',
          header: ['Assumption', 'Question for the host or cluster team', 'Assumed probability'],
          widths: [25, 60, 15],
          compact: true,
          rows: unknown.map((k) => [
            cell(ASSUMPTIONS[k].title),
            cell(ASSUMPTIONS[k].question),
            cell(metric(ASSUMPTIONS[k].unknownProbability)),
          ]),
        });
      }
      return { blocks };
    },

    appendices: () => {
      const appendices = input.appendices ?? [];
      if (appendices.length === 0)
        return { blocks: [{ kind: 'paragraph', content: text('No appendices were supplied.') }] };
      const blocks: SpecBlock[] = [];
      appendices.forEach((a, i) => {
        blocks.push({
          kind: 'heading',
          level: 2,
          text: `Appendix ${String.fromCharCode(65 + (i % 26))}${i >= 26 ? Math.floor(i / 26) : ''} — ${oneLine(a.title)}`,
        });
        blocks.push({ kind: 'code', language: a.language, text: a.text });
      });
      return { blocks };
    },
  };
}

function stageRank(tree: AttackTree, step: NodeId): number {
  const node = tree.nodes.get(step);
  const rule = node?.kind === 'step' && node.ruleId ? ruleById(node.ruleId) : undefined;
  return rule ? STAGE_ORDER.indexOf(rule.stage) : STAGE_ORDER.length;
}

/** An attack as the steps an attacker takes, in the order they happen, with what it relies on. */
function describeAttack(attack: Attack, tree: AttackTree, label: (id: NodeId) => string): Inline[] {
  const steps = [...attack.steps].sort((a, b) => stageRank(tree, a) - stageRank(tree, b) || compare(a, b));
  const content: Inline[] = [{ text: steps.map(label).join(' → ') }];
  const extra: string[] = [
    `cost ${metric(attack.cost)}`,
    `time ${metric(attack.time)}`,
    `P ${metric(attack.probability)}`,
  ];
  if (attack.assumed.length > 0) extra.push(`assuming ${attack.assumed.map(label).join(', ')}`);
  if (attack.partialDefences.length > 0) extra.push(`past ${attack.partialDefences.map(label).join(', ')}`);
  content.push({ text: ` (${extra.join('; ')})`, italic: true });
  return content;
}

/** Defences by the attack node they counter. */
function defenceIndex(tree: AttackTree): Map<NodeId, NodeId[]> {
  const index = new Map<NodeId, NodeId[]>();
  for (const node of tree.nodes.values())
    if (node.kind === 'defence')
      for (const c of node.counters) {
        const list = index.get(c);
        if (list) list.push(node.id);
        else index.set(c, [node.id]);
      }
  return index;
}

/**
 * The outline of one goal (`renderOutline`): the part of the DAG below it, breadth first, with the
 * defences of those nodes, until about `budget` nodes are taken. A node whose children did not all
 * fit is marked `…`: on a large system one goal's tree reaches most of the system, and the
 * document shows its top, not all of it. Goals that feed this one are shown as its sub-goals, so
 * that the outline has a single root.
 */
function goalOutline(
  tree: AttackTree,
  evaluation: TreeEvaluation,
  goal: NodeId,
  defencesOf: ReadonlyMap<NodeId, NodeId[]>,
  budget: number,
): string {
  const keep = new Set<NodeId>([goal]);
  const cut = new Set<NodeId>();
  let frontier = [goal];
  while (frontier.length > 0) {
    const next: NodeId[] = [];
    for (const id of frontier) {
      const node = tree.nodes.get(id)!;
      const children =
        node.kind === 'goal' || node.kind === 'subgoal' || node.kind === 'defence' ? node.children : [];
      const below = [...children, ...(defencesOf.get(id) ?? [])].filter(
        (c) => !keep.has(c) && tree.nodes.has(c),
      );
      if (keep.size + below.length > budget) {
        if (below.length > 0) cut.add(id);
        continue;
      }
      for (const c of below) {
        keep.add(c);
        next.push(c);
      }
    }
    frontier = next;
  }
  const nodes = new Map<NodeId, TreeNode>();
  for (const id of keep) {
    const node = tree.nodes.get(id)!;
    const label = cut.has(id) ? `${node.label} …` : node.label;
    if (node.kind === 'defence')
      nodes.set(id, {
        ...node,
        label,
        counters: node.counters.filter((c) => keep.has(c)),
        children: node.children.filter((c) => keep.has(c)),
      });
    else if (node.kind === 'goal' || node.kind === 'subgoal')
      nodes.set(id, {
        ...node,
        label,
        kind: node.id === goal ? 'goal' : 'subgoal',
        children: node.children.filter((c) => keep.has(c)),
      });
    else nodes.set(id, node);
  }
  return renderOutline({ nodes }, evaluation, { maxAttacks: 0 });
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
