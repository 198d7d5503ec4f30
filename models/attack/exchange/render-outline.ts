import type { NodeEvaluation, TreeEvaluation } from '../evaluation/evaluation-types';
import { goalIds, partialEffectOf, type AttackTree, type NodeId, type TreeNode } from '../tree/attack-tree';
import { treeGraph } from '../tree/tree-graph';

export interface OutlineOptions {
  /** Minimal attacks listed under each goal when an evaluation is given (default 5). */
  maxAttacks?: number;
}

/** An indented text outline of a tree for documents, in the style of reference §4.5:
 *
 * ```
 * GOAL root on host (OR) — open · cost 6 · time 3 · skill 2 · P 0.42
 * ├─ via socket (SAND)
 * │  ├─ exec in worker*
 * │  └─ docker.sock (R04; T1611)
 * │     └─ [D: remove socket mount: INACTIVE, blocks]
 * └─ {A: cgroup v1: unknown, p 0.5}
 *
 * exec in worker* (OR)
 * ├─ …
 * ```
 * Gates in parentheses, defences in `[D: …]` with their state and effect, host facts in
 * `{A: …}`. A node with several parents is marked `*`: written out once in a section of its own
 * (after the goals, in order of first mention) and referred to by label elsewhere — so a DAG
 * reads as it is, not as its tree unfolding. Plain text: labels are user text and are printed as
 * such, with line breaks folded. */
export function renderOutline(
  tree: AttackTree,
  evaluation?: TreeEvaluation,
  options: OutlineOptions = {},
): string {
  const graph = treeGraph(tree);
  const maxAttacks = options.maxAttacks ?? 5;
  const isShared = (id: NodeId): boolean => (graph.parents.get(id)?.length ?? 0) > 1;
  const hasBody = (id: NodeId): boolean => (graph.successors.get(id)?.length ?? 0) > 0;
  const sections: NodeId[] = [];
  const queued = new Set<NodeId>();
  const out: string[] = [];

  const write = (
    id: NodeId,
    prefix: string,
    branch: string,
    path: Set<NodeId>,
    sectionRoot: boolean,
  ): void => {
    const node = tree.nodes.get(id)!;
    const shared = isShared(id);
    if (!sectionRoot && shared && hasBody(id) && node.kind !== 'defence') {
      if (!queued.has(id)) {
        queued.add(id);
        sections.push(id);
      }
      out.push(`${prefix}${branch}${label(node)}*${marker(evaluation?.nodes.get(id))}`);
      return;
    }
    if (path.has(id)) {
      out.push(`${prefix}${branch}${label(node)} ↺ (cycle)`);
      return;
    }
    out.push(`${prefix}${branch}${describe(node, shared && !sectionRoot, evaluation?.nodes.get(id))}`);
    const below = graph.successors.get(id) ?? [];
    const inner = prefix + (branch === '' ? '' : branch === '├─ ' ? '│  ' : '   ');
    path.add(id);
    below.forEach((child, k) => write(child, inner, k === below.length - 1 ? '└─ ' : '├─ ', path, false));
    path.delete(id);
  };

  const goals = goalIds(tree);
  for (const goal of goals) {
    if (out.length > 0) out.push('');
    const node = tree.nodes.get(goal)!;
    out.push(`GOAL ${describe(node, false, undefined)}${summary(evaluation?.nodes.get(goal))}`);
    writeChildren(goal);
    const attacks = evaluation?.goals.find((g) => g.id === goal)?.attacks ?? [];
    for (const a of attacks.slice(0, maxAttacks)) {
      const facts = a.assumed.length > 0 ? ` assuming ${a.assumed.map((f) => labelOf(f)).join(', ')}` : '';
      const passed =
        a.partialDefences.length > 0 ? ` past ${a.partialDefences.map((d) => labelOf(d)).join(', ')}` : '';
      out.push(
        `  ⇒ ${a.steps.map((s) => labelOf(s)).join(' + ')}${facts}${passed} (cost ${num(a.cost)}, time ${num(a.time)}, P ${num(a.probability)})`,
      );
    }
    if (attacks.length > maxAttacks) out.push(`  ⇒ … ${attacks.length - maxAttacks} more`);
  }
  for (let k = 0; k < sections.length; k++) {
    const id = sections[k]!;
    const node = tree.nodes.get(id)!;
    out.push('', `${label(node)}*${gateOf(node)}${summary(evaluation?.nodes.get(id))}`);
    writeChildren(id);
  }
  return out.join('\n') + '\n';

  function writeChildren(id: NodeId): void {
    const below = graph.successors.get(id) ?? [];
    const path = new Set([id]);
    below.forEach((child, k) => write(child, '', k === below.length - 1 ? '└─ ' : '├─ ', path, false));
  }

  function labelOf(id: NodeId): string {
    const node = tree.nodes.get(id);
    return node ? label(node) : id;
  }
}

function describe(node: TreeNode, sharedLeaf: boolean, evaluation: NodeEvaluation | undefined): string {
  const star = sharedLeaf ? '*' : '';
  switch (node.kind) {
    case 'goal':
    case 'subgoal':
      return `${label(node)}${star}${gateOf(node)}${marker(evaluation)}`;
    case 'step': {
      const refs = [node.ruleId, node.attack.join(', '), node.cves.join(', ')].filter((r) => r);
      return `${label(node)}${star}${refs.length > 0 ? ` (${refs.join('; ')})` : ''}${marker(evaluation)}`;
    }
    case 'assumption': {
      const state =
        node.holds === true
          ? 'holds'
          : node.holds === false
            ? 'does not hold'
            : `unknown, p ${num(node.probability)}`;
      return `{A: ${label(node)}${star}: ${state}}`;
    }
    case 'defence': {
      let effect = 'blocks';
      if (node.effect === 'partial') {
        const e = partialEffectOf(node);
        effect = `partial ×${num(e.probabilityFactor)}`;
        if (e.addedCost > 0) effect += ` +cost ${num(e.addedCost)}`;
        if (e.addedTime > 0) effect += ` +time ${num(e.addedTime)}`;
      }
      const mitigation = node.mitigation ? ` (${node.mitigation})` : '';
      return `[D: ${label(node)}${star}: ${node.active ? 'ACTIVE' : 'INACTIVE'}, ${effect}${mitigation}]`;
    }
  }
}

function gateOf(node: TreeNode): string {
  return node.kind === 'goal' || node.kind === 'subgoal' ? ` (${node.gate})` : '';
}

function marker(evaluation: NodeEvaluation | undefined): string {
  if (!evaluation || evaluation.status === 'open') return '';
  return ` [${evaluation.status}]`;
}

function summary(evaluation: NodeEvaluation | undefined): string {
  if (!evaluation) return '';
  const m = evaluation.metrics;
  const exact = evaluation.exact ? '' : ' (bounds)';
  return ` — ${evaluation.status} · cost ${num(m.minCost)} · time ${num(m.minTime)} · skill ${num(m.minSkill)} · P ${num(m.probability)}${exact}`;
}

function label(node: TreeNode): string {
  return (
    String(node.label ?? node.id)
      .replace(/\s+/g, ' ')
      .trim() || node.id
  );
}

function num(value: number): string {
  if (value === Infinity) return '∞';
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
}
