import {
  ADTOOL_DOMAINS,
  SAND_MIN_TIME_CLASS,
  type AdtoolDomain,
  type AdtoolDomainId,
} from '../evaluation/adtool-domains';
import { evaluateBottomUp } from '../evaluation/evaluate-bottom-up';
import {
  goalIds,
  isAttackNode,
  type AttackTree,
  type DefenceNode,
  type NodeId,
  type TreeNode,
} from '../tree/attack-tree';
import { treeGraph } from '../tree/tree-graph';
import { commentFor, nodeMetadata, type NodeMetadata } from './rampart-metadata';
import { escapeXml } from './xml-escape';

export interface AdtoolExportOptions {
  /** The goal to export (ADTool holds one tree per file); default: the first goal by id. */
  goal?: NodeId;
  /** `adtree` (default) keeps defences; `sandtree` is ADTool's format for SAND trees, which has
   * no defences and only the SAND time domain. */
  format?: 'adtree' | 'sandtree';
  /** Domains whose values are written on leaves (ADTree format). */
  domains?: readonly AdtoolDomainId[];
  /** ADTool assumes every defence is in place, so inactive ones are left out by default;
   * `include` keeps them (with neutral values) for a lossless round trip. */
  inactiveDefences?: 'omit' | 'include';
  /** Write Rampart metadata in `<comment>` (default true). */
  metadata?: boolean;
  /** Budget of `<node>` elements: ADTool is tree-based, so shared nodes are written once per
   * occurrence, which can multiply on deep DAGs. Past the budget, a repeated shared node is
   * written as a leaf carrying its bottom-up values, and the export says so. */
  maxNodes?: number;
}

export interface AdtoolExport {
  xml: string;
  /** What the file does not carry exactly, for the user. */
  notes: string[];
}

export const DEFAULT_EXPORT_DOMAINS: readonly AdtoolDomainId[] = [
  'MinCost',
  'MinTimeSeq',
  'MinTimePar',
  'MinSkill',
  'ProbSucc',
];

interface DomainColumn {
  id: string;
  className: string;
  /** Value written on a leaf of this kind, or undefined for none. */
  value(node: TreeNode): string | undefined;
  /** Value of a collapsed repeated node (bottom-up). */
  collapsed(id: NodeId): string | undefined;
}

/** Writes one goal of a tree as an ADTool 2 XML document (`tahti/ADTool2` XmlConverter format):
 * nested `<node refinement="disjunctive|conjunctive|sequential">` with `<label>`, an optional
 * `<comment>`, `<parameter domainId=… category="basic">` on leaves, and a countermeasure as the
 * last child with `switchRole="yes"` (Kordy et al. 2014: one countermeasure per node, of the
 * other player). Several defences on one node become one disjunctive defence node, whose value
 * is their ∨o — the same value Rampart's `evaluateBottomUp` gives.
 *
 * ADTool is tree-based, so a shared node is written at each place it occurs. Clones keep the same
 * label: ADTool keys leaf values by label, so clones share values as they should (Bossuat & Kordy
 * 2017, "clones"); distinct nodes with the same label get their id appended. In `<adtree>`
 * documents SAND is written `sequential`, which ADTool reads as conjunctive. */
export function exportAdtoolXml(tree: AttackTree, options: AdtoolExportOptions = {}): AdtoolExport {
  const notes: string[] = [];
  const goals = goalIds(tree);
  const goal = options.goal ?? goals[0];
  if (goal === undefined || !isAttackNode(tree.nodes.get(goal))) {
    return {
      xml: '<?xml version="1.0" encoding="UTF-8"?>\n<adtree/>\n',
      notes: ['the tree has no goal to export'],
    };
  }
  if (options.goal === undefined && goals.length > 1)
    notes.push(`goal ${goal} exported; ${goals.length - 1} other goal(s) not`);

  const format = options.format ?? 'adtree';
  const withMetadata = options.metadata !== false;
  const keepInactive = options.inactiveDefences === 'include';
  const maxNodes = options.maxNodes ?? 50_000;
  const graph = treeGraph(tree);
  const columns =
    format === 'sandtree'
      ? sandColumns(tree)
      : adtreeColumns(tree, options.domains ?? DEFAULT_EXPORT_DOMAINS);
  const labels = uniqueLabels(tree);

  const defencesOf = (id: NodeId): DefenceNode[] => {
    if (format === 'sandtree') return [];
    return (graph.defencesOf.get(id) ?? [])
      .map((d) => tree.nodes.get(d) as DefenceNode)
      .filter((d) => d.active || keepInactive);
  };
  const omitted =
    format === 'sandtree'
      ? [...tree.nodes.values()].filter((n) => n.kind === 'defence').length
      : [...tree.nodes.values()].filter((n) => n.kind === 'defence' && !n.active && !keepInactive).length;
  if (omitted > 0) {
    notes.push(
      format === 'sandtree'
        ? `${omitted} defence(s) left out: SAND trees have none`
        : `${omitted} inactive defence(s) left out`,
    );
  }

  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', `<${format}>`];
  const written = new Set<NodeId>();
  let count = 0;
  let collapsedCount = 0;
  let sandWritten = false;
  let cyclesCut = 0;

  const open = (depth: number, refinement: string, switchRole: boolean): void => {
    count++;
    lines.push(`${indent(depth)}<node refinement="${refinement}"${switchRole ? ' switchRole="yes"' : ''}>`);
  };
  const close = (depth: number): void => {
    lines.push(`${indent(depth)}</node>`);
  };
  const head = (
    depth: number,
    label: string,
    notesText: string | undefined,
    metadata: NodeMetadata | undefined,
  ): void => {
    lines.push(`${indent(depth + 1)}<label>${escapeXml(label)}</label>`);
    const comment = metadata && withMetadata ? commentFor(notesText, metadata) : notesText;
    if (comment) lines.push(`${indent(depth + 1)}<comment>${escapeXml(comment)}</comment>`);
  };
  const parameters = (depth: number, values: (column: DomainColumn) => string | undefined): void => {
    for (const column of columns) {
      const value = values(column);
      if (value !== undefined) {
        lines.push(
          `${indent(depth + 1)}<parameter domainId="${column.id}" category="basic">${value}</parameter>`,
        );
      }
    }
  };

  const writeAttack = (id: NodeId, depth: number, switchRole: boolean, path: Set<NodeId>): void => {
    const node = tree.nodes.get(id)!;
    const label = labels.get(id)!;
    const first = !written.has(id);
    if (path.has(id)) {
      cyclesCut++;
      open(depth, 'disjunctive', switchRole);
      head(depth, label, undefined, { clone: id });
      close(depth);
      return;
    }
    if (!first && count >= maxNodes) {
      collapsedCount++;
      open(depth, 'disjunctive', switchRole);
      head(depth, label, undefined, { clone: id });
      parameters(depth, (c) => c.collapsed(id));
      close(depth);
      return;
    }
    written.add(id);
    const children =
      node.kind === 'goal' || node.kind === 'subgoal'
        ? node.children.filter((c) => isAttackNode(tree.nodes.get(c)))
        : [];
    const refinement =
      node.kind === 'goal' || node.kind === 'subgoal'
        ? node.gate === 'OR'
          ? 'disjunctive'
          : node.gate === 'AND'
            ? 'conjunctive'
            : 'sequential'
        : 'disjunctive';
    if (refinement === 'sequential') sandWritten = true;
    open(depth, refinement, switchRole);
    head(depth, label, node.notes, first ? nodeMetadata(node, label) : { clone: id });
    if (children.length === 0) parameters(depth, (c) => c.value(node));
    path.add(id);
    for (const child of children) writeAttack(child, depth + 1, false, path);
    const defences = defencesOf(id);
    if (defences.length === 1) writeDefence(defences[0]!, depth + 1, true, path);
    else if (defences.length > 1) {
      open(depth + 1, 'disjunctive', true);
      head(depth + 1, `${label} (defences)`, undefined, { synthetic: 'defences' });
      for (const d of defences) writeDefence(d, depth + 2, false, path);
      close(depth + 1);
    }
    path.delete(id);
    close(depth);
  };

  const writeDefence = (
    defence: DefenceNode,
    depth: number,
    switchRole: boolean,
    path: Set<NodeId>,
  ): void => {
    const label = labels.get(defence.id)!;
    const first = !written.has(defence.id);
    written.add(defence.id);
    open(depth, 'disjunctive', switchRole);
    head(depth, label, defence.notes, first ? nodeMetadata(defence, label) : { clone: defence.id });
    parameters(depth, (c) => c.value(defence));
    const counters = defence.children.filter((c) => isAttackNode(tree.nodes.get(c)));
    if (counters.length === 1) writeAttack(counters[0]!, depth + 1, true, path);
    else if (counters.length > 1) {
      open(depth + 1, 'disjunctive', true);
      head(depth + 1, `${label} (counter-attacks)`, undefined, { synthetic: 'counter-attacks' });
      for (const c of counters) writeAttack(c, depth + 2, false, path);
      close(depth + 1);
    }
    close(depth);
  };

  writeAttack(goal, 1, false, new Set());
  for (const column of columns) {
    lines.push(
      `  <domain id="${column.id}">`,
      `    <class>${column.className}</class>`,
      '    <tool>ADTool2</tool>',
      '  </domain>',
    );
  }
  lines.push(`</${format}>`, '');

  if (sandWritten && format === 'adtree')
    notes.push('SAND refinements are written "sequential"; ADTool reads them as conjunctive in an ADTree');
  if (collapsedCount > 0)
    notes.push(
      `${collapsedCount} repeated shared node(s) written as leaves with their bottom-up values (node budget ${maxNodes})`,
    );
  if (cyclesCut > 0) notes.push(`${cyclesCut} cycle(s) cut`);
  return { xml: lines.join('\n'), notes };
}

function adtreeColumns(tree: AttackTree, ids: readonly AdtoolDomainId[]): DomainColumn[] {
  return ids.map((domainId, k) => {
    const domain = ADTOOL_DOMAINS[domainId] as AdtoolDomain<number | boolean>;
    let bottomUp: ReadonlyMap<NodeId, number | boolean> | undefined;
    return {
      id: `${domainId}${k + 1}`,
      className: domain.className,
      value: (node) => {
        if (node.kind === 'step') return domain.format(domain.step(node.attributes));
        if (node.kind === 'assumption') return domain.format(domain.assumption(node.holds, node.probability));
        if (node.kind === 'defence') return domain.format(domain.defence(node));
        return undefined;
      },
      collapsed: (id) => {
        bottomUp ??= evaluateBottomUp(tree, domain).values;
        const v = bottomUp.get(id);
        return v === undefined ? undefined : domain.format(v);
      },
    };
  });
}

function sandColumns(tree: AttackTree): DomainColumn[] {
  const time = ADTOOL_DOMAINS.MinTimePar;
  let bottomUp: ReadonlyMap<NodeId, number> | undefined;
  return [
    {
      id: 'MinTime1',
      className: SAND_MIN_TIME_CLASS,
      value: (node) =>
        node.kind === 'step'
          ? time.format(node.attributes.time)
          : node.kind === 'assumption'
            ? time.format(time.assumption(node.holds, node.probability))
            : undefined,
      collapsed: (id) => {
        bottomUp ??= evaluateBottomUp(tree, time).values;
        const v = bottomUp.get(id);
        return v === undefined ? undefined : time.format(v);
      },
    },
  ];
}

/** One label per node: the node's own, or with its id appended when another node has it too. */
function uniqueLabels(tree: AttackTree): Map<NodeId, string> {
  const count = new Map<string, number>();
  for (const node of tree.nodes.values())
    count.set(clean(node.label), (count.get(clean(node.label)) ?? 0) + 1);
  const labels = new Map<NodeId, string>();
  for (const node of tree.nodes.values()) {
    const label = clean(node.label);
    labels.set(node.id, count.get(label)! > 1 || label === '' ? `${label} [${node.id}]`.trim() : label);
  }
  return labels;
}

function clean(label: string): string {
  return String(label ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

function indent(depth: number): string {
  return '  '.repeat(depth);
}
