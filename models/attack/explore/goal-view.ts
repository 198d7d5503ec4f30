import type { EvaluationView, NodeStatus } from '../evaluation/evaluation-types';
import type { AttackTree, NodeId, TreeNode } from '../tree/attack-tree';
import type { TreeGraph } from '../tree/tree-graph';

/**
 * What the tree explorer shows for one goal: the goal's part of the system DAG unfolded into a
 * tree that a person can read top-down. A node with several parents (a shared sub-goal such as
 * "code execution in web") is drawn in full once — at its first occurrence in depth-first order —
 * and as a compact reference everywhere else, which links to the full drawing. So the picture
 * stays a tree (tidy layout, no crossing edges) while every sharing in the DAG stays visible.
 *
 * Defences hang under the attack node they counter, after its children; their counter-attacks
 * hang under them. Collapsed nodes are shown with the number of nodes hidden below them.
 */
export interface GoalView {
  goal: NodeId;
  root: ViewNode;
  /** Every view node by key, in depth-first order. */
  nodes: ViewNode[];
  /** Tree node id → key of its full (non-reference) drawing. */
  fullKeyOf: ReadonlyMap<NodeId, string>;
}

export interface ViewNode {
  /** Unique within the view: the path of node ids from the goal, so it stays the same when
   * unrelated parts are collapsed or expanded. */
  key: string;
  node: NodeId;
  /** `reference`: drawn in full elsewhere (see `fullKeyOf`); has no children here. `more`: stands
   * for the `hidden` further alternatives of its parent (`node` is the parent's id). */
  role: 'full' | 'reference' | 'more';
  /** How the node hangs under its parent: as a refinement, as a defence, as a counter-attack. */
  edge: 'root' | 'child' | 'defence' | 'counter';
  depth: number;
  children: ViewNode[];
  collapsed: boolean;
  /** Distinct tree nodes below this one that are not drawn because of collapsing or filtering. */
  hidden: number;
  status?: NodeStatus;
}

export interface GoalViewOptions {
  /** Nodes whose subtrees are folded away. */
  collapsed?: ReadonlySet<NodeId>;
  /** "Show only paths through this node": keep the goal-to-node paths and the node's subtree. */
  focus?: NodeId;
  /** OR nodes show at most this many alternatives, cheapest first, and one `more` node for the
   * rest — a host-root goal of a 500-service system has 500 ways in, and the workshop wants the
   * cheapest ones first. Unlimited by default. */
  maxAlternatives?: number;
  /** OR nodes whose alternatives are all shown regardless of `maxAlternatives`. */
  showAll?: ReadonlySet<NodeId>;
}

/** Nodes reachable from `from` along the evaluation graph (children, defences, counter-attacks). */
export function reachableFrom(graph: TreeGraph, from: NodeId): Set<NodeId> {
  const seen = new Set<NodeId>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const next of graph.successors.get(id) ?? []) if (!seen.has(next)) stack.push(next);
  }
  return seen;
}

/** The nodes on some path from `goal` to `focus`, plus everything below `focus`. */
export function pathsThrough(graph: TreeGraph, goal: NodeId, focus: NodeId): Set<NodeId> {
  const underGoal = reachableFrom(graph, goal);
  const keep = reachableFrom(graph, focus);
  if (!underGoal.has(focus)) return new Set([goal]);
  // Ancestors of the focus inside the goal's part: walk parents, staying under the goal.
  const stack = [focus];
  while (stack.length > 0) {
    const id = stack.pop()!;
    for (const parent of graph.parents.get(id) ?? []) {
      if (!underGoal.has(parent) || keep.has(parent)) continue;
      keep.add(parent);
      stack.push(parent);
    }
  }
  return keep;
}

/** Unfolds a goal for the explorer (see `GoalView`). Deterministic: children in the tree's order,
 * then defences by id. */
export function buildGoalView(
  tree: AttackTree,
  graph: TreeGraph,
  goal: NodeId,
  evaluation?: EvaluationView,
  options: GoalViewOptions = {},
): GoalView {
  const collapsed = options.collapsed ?? new Set<NodeId>();
  const allowed = options.focus ? pathsThrough(graph, goal, options.focus) : undefined;
  const fullKeyOf = new Map<NodeId, string>();
  const nodes: ViewNode[] = [];
  const hiddenCache = new Map<NodeId, Set<NodeId>>();

  const statusOf = (id: NodeId): NodeStatus | undefined => evaluation?.nodes.get(id)?.status;
  const below = (id: NodeId): Set<NodeId> => {
    let set = hiddenCache.get(id);
    if (!set) {
      set = reachableFrom(graph, id);
      set.delete(id);
      hiddenCache.set(id, set);
    }
    return set;
  };

  const visit = (id: NodeId, key: string, edge: ViewNode['edge'], depth: number): ViewNode => {
    const node = tree.nodes.get(id);
    const status = statusOf(id);
    const base = { key, node: id, edge, depth, ...(status ? { status } : {}) };
    if (fullKeyOf.has(id)) {
      const ref: ViewNode = { ...base, role: 'reference', children: [], collapsed: false, hidden: 0 };
      nodes.push(ref);
      return ref;
    }
    fullKeyOf.set(id, key);
    const isCollapsed = collapsed.has(id) && depth > 0;
    const view: ViewNode = { ...base, role: 'full', children: [], collapsed: isCollapsed, hidden: 0 };
    nodes.push(view);
    const successors = node ? orderedSuccessors(node, graph) : [];
    if (isCollapsed) {
      view.hidden = countHidden(below(id), allowed);
      return view;
    }
    let filteredOut = 0;
    let shown = successors.filter(([child]) => {
      const keep = !allowed || allowed.has(child);
      if (!keep) filteredOut++;
      return keep;
    });
    const limit = options.maxAlternatives;
    let overflow = 0;
    if (node?.kind === 'goal' || node?.kind === 'subgoal') {
      if (node.gate === 'OR' && evaluation) shown = cheapestFirst(shown, evaluation);
      const alternatives = shown.filter(([, e]) => e === 'child');
      if (
        node.gate === 'OR' &&
        limit !== undefined &&
        alternatives.length > limit &&
        !options.showAll?.has(id)
      ) {
        const kept = new Set(alternatives.slice(0, limit).map(([child]) => child));
        overflow = alternatives.length - limit;
        shown = shown.filter(([child, e]) => e !== 'child' || kept.has(child));
      }
    }
    for (const [child, childEdge] of shown)
      view.children.push(visit(child, `${key}/${child}`, childEdge, depth + 1));
    if (overflow > 0) {
      const more: ViewNode = {
        key: `${key}/…`,
        node: id,
        role: 'more',
        edge: 'child',
        depth: depth + 1,
        children: [],
        collapsed: true,
        hidden: overflow,
      };
      nodes.push(more);
      // After the shown alternatives, before the defences.
      const firstDefence = view.children.findIndex((c) => c.edge === 'defence');
      view.children.splice(firstDefence < 0 ? view.children.length : firstDefence, 0, more);
    }
    if (filteredOut > 0) view.hidden = filteredOut;
    return view;
  };

  const root = visit(goal, goal, 'root', 0);
  return { goal, root, nodes, fullKeyOf };
}

function countHidden(set: ReadonlySet<NodeId>, allowed: ReadonlySet<NodeId> | undefined): number {
  if (!allowed) return set.size;
  let n = 0;
  for (const id of set) if (allowed.has(id)) n++;
  return n;
}

/** Alternatives the attacker would try first: open before mitigated, then least cost; the
 * sort is stable, so equal alternatives keep the tree's order. Only for OR gates: the order of a
 * SAND gate's children is the order of the attack. */
function cheapestFirst(
  successors: [NodeId, ViewNode['edge']][],
  evaluation: EvaluationView,
): [NodeId, ViewNode['edge']][] {
  const rank = (id: NodeId): [number, number] => {
    const result = evaluation.nodes.get(id);
    if (!result) return [3, Infinity];
    const status = result.status === 'open' ? 0 : result.status === 'partially-mitigated' ? 1 : 2;
    return [status, result.metrics.minCost];
  };
  const children = successors
    .filter(([, edge]) => edge === 'child')
    .map((entry, index) => ({ entry, index, rank: rank(entry[0]) }))
    .sort((a, b) => a.rank[0] - b.rank[0] || a.rank[1] - b.rank[1] || a.index - b.index)
    .map((x) => x.entry);
  return [...children, ...successors.filter(([, edge]) => edge !== 'child')];
}

/** Children first (as the gate orders them), then the defences that counter the node. */
function orderedSuccessors(node: TreeNode, graph: TreeGraph): [NodeId, ViewNode['edge']][] {
  const out: [NodeId, ViewNode['edge']][] = [];
  const successors = graph.successors.get(node.id) ?? [];
  const defences = new Set(graph.defencesOf.get(node.id) ?? []);
  const childEdge: ViewNode['edge'] = node.kind === 'defence' ? 'counter' : 'child';
  for (const id of successors) if (!defences.has(id)) out.push([id, childEdge]);
  for (const id of successors) if (defences.has(id)) out.push([id, 'defence']);
  return out;
}

/**
 * The collapsed set a goal opens with: as many levels open as fit in `budget` drawn nodes (at
 * most `maxDepth`, at least one), deeper nodes with children folded — so a goal with fifty ways
 * to the host first shows those fifty, not a wall of eight hundred boxes. Nodes the user opened
 * stay open (`expanded`).
 */
export function initialCollapsed(
  tree: AttackTree,
  graph: TreeGraph,
  goal: NodeId,
  options: {
    budget?: number;
    maxDepth?: number;
    expanded?: ReadonlySet<NodeId>;
    /** The `maxAlternatives` the view will be drawn with. */
    maxAlternatives?: number;
  } = {},
): Set<NodeId> {
  const budget = options.budget ?? 80;
  const expanded = options.expanded ?? new Set<NodeId>();
  let chosen = collapsedBelow(tree, graph, goal, 1, expanded);
  for (let depth = 2; depth <= (options.maxDepth ?? 3); depth++) {
    const candidate = collapsedBelow(tree, graph, goal, depth, expanded);
    const view = buildGoalView(tree, graph, goal, undefined, {
      collapsed: candidate,
      ...(options.maxAlternatives !== undefined ? { maxAlternatives: options.maxAlternatives } : {}),
    });
    if (view.nodes.length > budget) break;
    chosen = candidate;
  }
  return chosen;
}

function collapsedBelow(
  tree: AttackTree,
  graph: TreeGraph,
  goal: NodeId,
  depth: number,
  expanded: ReadonlySet<NodeId>,
): Set<NodeId> {
  const collapsed = new Set<NodeId>();
  const level = new Map<NodeId, number>([[goal, 0]]);
  const queue = [goal];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head]!;
    const d = level.get(id)!;
    const next = graph.successors.get(id) ?? [];
    if (next.length === 0) continue;
    if (d >= depth && !expanded.has(id)) {
      collapsed.add(id);
      continue;
    }
    for (const child of next) {
      if (level.has(child) || !tree.nodes.has(child)) continue;
      level.set(child, d + 1);
      queue.push(child);
    }
  }
  return collapsed;
}
