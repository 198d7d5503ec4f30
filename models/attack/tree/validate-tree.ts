import { defineDiagnostics, type DiagnosticSeverity, type DiagnosticSpec } from '../../source/diagnostic';
import { compareIds, type AttackTree, type NodeId, type TreeNode } from './attack-tree';
import { treeGraph } from './tree-graph';

export const TREE_PROBLEMS = defineDiagnostics({
  TREE_ID_MISMATCH: { severity: 'error', title: 'A node is stored under a key that is not its id' },
  TREE_UNKNOWN_KIND: { severity: 'error', title: 'A node has an unknown kind' },
  TREE_BAD_GATE: { severity: 'error', title: 'A goal or sub-goal has a gate other than OR, AND, SAND' },
  TREE_GATE_WITHOUT_CHILDREN: {
    severity: 'error',
    title: 'A goal or sub-goal has no children (evaluated as impossible)',
  },
  TREE_LEAF_WITH_CHILDREN: {
    severity: 'error',
    title: 'A step or assumption leaf carries a gate or children',
  },
  TREE_DANGLING_CHILD: { severity: 'error', title: 'A child id names no node' },
  TREE_DANGLING_COUNTER: { severity: 'error', title: 'A defence counters an id that names no node' },
  TREE_DEFENCE_AS_CHILD: { severity: 'error', title: 'A defence is listed as a child of an attack node' },
  TREE_COUNTERS_DEFENCE: { severity: 'error', title: 'A defence counters another defence' },
  TREE_COUNTER_ATTACK_IS_DEFENCE: { severity: 'error', title: 'A counter-attack of a defence is a defence' },
  TREE_CYCLE: { severity: 'error', title: 'A node depends on itself' },
  TREE_BAD_ATTRIBUTE: { severity: 'error', title: 'A step attribute is out of range' },
  TREE_BAD_ASSUMPTION: {
    severity: 'error',
    title: 'An assumption has an invalid holds value or probability',
  },
  TREE_BAD_PARTIAL: { severity: 'error', title: 'A partial defence effect is out of range' },
  TREE_PARTIAL_MISSING: {
    severity: 'warning',
    title: 'A partial defence gives no effect; the default effect is used',
  },
  TREE_DEFENCE_WITHOUT_TARGET: { severity: 'warning', title: 'A defence counters no node' },
  TREE_DUPLICATE_CHILD: { severity: 'warning', title: 'A child is listed twice under the same node' },
  TREE_NO_GOAL: { severity: 'warning', title: 'The tree has no goal' },
  TREE_UNREACHABLE: { severity: 'info', title: 'A node is not reachable from any goal' },
});

export type TreeProblemCode = keyof typeof TREE_PROBLEMS;

/** A structural problem in a tree, told per node. */
export interface TreeProblem {
  code: TreeProblemCode;
  severity: DiagnosticSeverity;
  message: string;
  node?: NodeId;
  related?: NodeId;
}

const GATES = new Set(['OR', 'AND', 'SAND']);
const KINDS = new Set(['goal', 'subgoal', 'step', 'assumption', 'defence']);

/** Checks a tree (possibly built from untrusted data) and returns its problems, sorted by node
 * then code; never throws. Evaluation tolerates every problem listed here, but its results for
 * the nodes concerned are only as good as the data. */
export function validateTree(tree: AttackTree): TreeProblem[] {
  const problems: TreeProblem[] = [];
  const report = (spec: DiagnosticSpec, message: string, node?: NodeId, related?: NodeId): void => {
    problems.push({
      code: spec.code as TreeProblemCode,
      severity: spec.severity,
      message,
      ...(node !== undefined && { node }),
      ...(related !== undefined && { related }),
    });
  };

  for (const [key, node] of tree.nodes) {
    if (key !== node.id) report(TREE_PROBLEMS.TREE_ID_MISMATCH, `key "${key}" holds node "${node.id}"`, key);
    if (!KINDS.has(node.kind)) {
      report(TREE_PROBLEMS.TREE_UNKNOWN_KIND, `node "${key}" has kind "${String(node.kind)}"`, key);
      continue;
    }
    checkNode(tree, node, report);
  }

  const graph = treeGraph(tree);
  for (const id of [...graph.cyclic].sort(compareIds)) {
    report(TREE_PROBLEMS.TREE_CYCLE, `node "${id}" lies on a cycle`, id);
  }

  const goals = [...tree.nodes.values()].filter((n) => n.kind === 'goal').map((n) => n.id);
  if (goals.length === 0) report(TREE_PROBLEMS.TREE_NO_GOAL, 'the tree has no goal node');
  else {
    const reached = new Set<NodeId>(goals);
    const queue = [...goals];
    while (queue.length > 0) {
      for (const next of graph.successors.get(queue.pop()!) ?? []) {
        if (!reached.has(next)) {
          reached.add(next);
          queue.push(next);
        }
      }
    }
    for (const id of tree.nodes.keys()) {
      if (!reached.has(id)) report(TREE_PROBLEMS.TREE_UNREACHABLE, `node "${id}" feeds no goal`, id);
    }
  }

  return problems.sort(
    (a, b) =>
      compareIds(a.node ?? '', b.node ?? '') ||
      compareIds(a.code, b.code) ||
      compareIds(a.related ?? '', b.related ?? ''),
  );
}

type Report = (spec: DiagnosticSpec, message: string, node?: NodeId, related?: NodeId) => void;

function checkNode(tree: AttackTree, node: TreeNode, report: Report): void {
  const id = node.id;
  switch (node.kind) {
    case 'goal':
    case 'subgoal': {
      if (!GATES.has(node.gate)) report(TREE_PROBLEMS.TREE_BAD_GATE, `gate "${String(node.gate)}"`, id);
      const children = Array.isArray(node.children) ? node.children : [];
      if (children.length === 0)
        report(TREE_PROBLEMS.TREE_GATE_WITHOUT_CHILDREN, `"${id}" has no children`, id);
      checkChildren(tree, id, children, 'attack', report);
      break;
    }
    case 'step': {
      checkLeaf(node, report);
      const a = node.attributes as unknown as Partial<Record<string, unknown>> | undefined;
      for (const name of ['cost', 'time', 'skill'] as const) {
        const value = a?.[name];
        if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
          report(TREE_PROBLEMS.TREE_BAD_ATTRIBUTE, `${name} of "${id}" must be a number ≥ 0`, id);
        }
      }
      if (!isProbability(a?.probability)) {
        report(TREE_PROBLEMS.TREE_BAD_ATTRIBUTE, `probability of "${id}" must lie in [0, 1]`, id);
      }
      break;
    }
    case 'assumption':
      checkLeaf(node, report);
      if (node.holds !== true && node.holds !== false && node.holds !== 'unknown') {
        report(TREE_PROBLEMS.TREE_BAD_ASSUMPTION, `holds of "${id}" must be true, false or "unknown"`, id);
      }
      if (!isProbability(node.probability)) {
        report(TREE_PROBLEMS.TREE_BAD_ASSUMPTION, `probability of "${id}" must lie in [0, 1]`, id);
      }
      break;
    case 'defence': {
      const counters = Array.isArray(node.counters) ? node.counters : [];
      if (counters.length === 0)
        report(TREE_PROBLEMS.TREE_DEFENCE_WITHOUT_TARGET, `"${id}" counters nothing`, id);
      for (const target of counters) {
        const countered = tree.nodes.get(target);
        if (!countered)
          report(TREE_PROBLEMS.TREE_DANGLING_COUNTER, `"${id}" counters unknown "${target}"`, id, target);
        else if (countered.kind === 'defence') {
          report(TREE_PROBLEMS.TREE_COUNTERS_DEFENCE, `"${id}" counters defence "${target}"`, id, target);
        }
      }
      checkChildren(tree, id, Array.isArray(node.children) ? node.children : [], 'counter', report);
      if (node.effect === 'partial') {
        if (!node.partial)
          report(TREE_PROBLEMS.TREE_PARTIAL_MISSING, `"${id}" is partial without an effect`, id);
        else {
          const p = node.partial;
          const ok =
            isProbability(p.probabilityFactor) &&
            typeof p.addedCost === 'number' &&
            p.addedCost >= 0 &&
            typeof p.addedTime === 'number' &&
            p.addedTime >= 0;
          if (!ok) report(TREE_PROBLEMS.TREE_BAD_PARTIAL, `effect of "${id}" is out of range`, id);
        }
      }
      break;
    }
  }
}

function checkLeaf(node: TreeNode, report: Report): void {
  const raw = node as unknown as Record<string, unknown>;
  const children = raw.children;
  if (raw.gate !== undefined || (Array.isArray(children) && children.length > 0)) {
    report(TREE_PROBLEMS.TREE_LEAF_WITH_CHILDREN, `${node.kind} "${node.id}" cannot be refined`, node.id);
  }
}

function checkChildren(
  tree: AttackTree,
  id: NodeId,
  children: readonly NodeId[],
  role: 'attack' | 'counter',
  report: Report,
): void {
  const seen = new Set<NodeId>();
  for (const child of children) {
    if (seen.has(child))
      report(TREE_PROBLEMS.TREE_DUPLICATE_CHILD, `"${child}" twice under "${id}"`, id, child);
    seen.add(child);
    const node = tree.nodes.get(child);
    if (!node) report(TREE_PROBLEMS.TREE_DANGLING_CHILD, `"${id}" refers to unknown "${child}"`, id, child);
    else if (node.kind === 'defence') {
      const spec =
        role === 'attack'
          ? TREE_PROBLEMS.TREE_DEFENCE_AS_CHILD
          : TREE_PROBLEMS.TREE_COUNTER_ATTACK_IS_DEFENCE;
      report(spec, `"${child}" is a defence under "${id}"`, id, child);
    }
  }
}

function isProbability(value: unknown): boolean {
  return typeof value === 'number' && value >= 0 && value <= 1;
}
