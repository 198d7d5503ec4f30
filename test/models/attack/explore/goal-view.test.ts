import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeThreats } from '../../../../models/analysis/analyze-threats';
import {
  buildGoalView,
  buildWalkthrough,
  initialCollapsed,
  layOutGoalView,
  pathsThrough,
  summarizeWalkthrough,
  summarizeWhatIf,
  wrapLabel,
} from '../../../../models/attack/explore';
import { evaluateTree, whatIf } from '../../../../models/attack/evaluation';
import { TreeBuilder } from '../../../../models/attack/tree/tree-builder';
import { treeGraph } from '../../../../models/attack/tree/tree-graph';
import { renderAttackTreeSvg } from '../../../../models/export/attack-tree-svg';

// root needs x and shared; shared is reached twice (via A and via B) and must be drawn once.
const small = () =>
  new TreeBuilder()
    .goal('root', 'OR', ['A', 'B'])
    .and('A', ['shared', 'x'])
    .sand('B', ['shared', 'y'])
    .or('shared', ['s1', 's2'])
    .steps({ x: { cost: 5 }, y: { cost: 1 }, s1: { cost: 2 }, s2: { cost: 3 } })
    .defence('d-y', ['y'], { active: false, label: 'stop y', mitigation: 'no-privileged' })
    .build();

describe('buildGoalView', () => {
  it('draws a shared node in full once and as references elsewhere', () => {
    const tree = small();
    const view = buildGoalView(tree, treeGraph(tree), 'root');
    const shared = view.nodes.filter((n) => n.node === 'shared');
    expect(shared.map((n) => n.role)).toEqual(['full', 'reference']);
    expect(view.fullKeyOf.get('shared')).toBe('root/A/shared');
    expect(new Set(view.nodes.map((n) => n.key)).size).toBe(view.nodes.length);
  });

  it('hangs defences after the children, as defence edges', () => {
    const tree = small();
    const view = buildGoalView(tree, treeGraph(tree), 'root');
    const y = view.nodes.find((n) => n.node === 'y')!;
    expect(y.children.map((c) => [c.node, c.edge])).toEqual([['d-y', 'defence']]);
  });

  it('folds collapsed nodes and counts what they hide', () => {
    const tree = small();
    const view = buildGoalView(tree, treeGraph(tree), 'root', undefined, { collapsed: new Set(['A']) });
    const a = view.nodes.find((n) => n.node === 'A')!;
    expect(a.collapsed).toBe(true);
    expect(a.children).toEqual([]);
    expect(a.hidden).toBe(4); // shared, s1, s2, x
    // With A folded, shared is first drawn in full under B.
    expect(view.fullKeyOf.get('shared')).toBe('root/B/shared');
  });

  it('keeps only paths through a focused node', () => {
    const tree = small();
    const graph = treeGraph(tree);
    expect([...pathsThrough(graph, 'root', 'y')].sort()).toEqual(['B', 'd-y', 'root', 'y']);
    const view = buildGoalView(tree, graph, 'root', undefined, { focus: 'y' });
    expect(view.nodes.map((n) => n.node)).toEqual(['root', 'B', 'y', 'd-y']);
  });

  it('opens a goal a few levels deep', () => {
    const tree = small();
    expect([...initialCollapsed(tree, treeGraph(tree), 'root', { maxDepth: 1 })].sort()).toEqual(['A', 'B']);
    expect([...initialCollapsed(tree, treeGraph(tree), 'root', { budget: 5 })].sort()).toEqual(['A', 'B']);
    expect([...initialCollapsed(tree, treeGraph(tree), 'root')]).toEqual([]);
    expect(
      [...initialCollapsed(tree, treeGraph(tree), 'root', { maxDepth: 1, expanded: new Set(['A']) })].sort(),
    ).toEqual(['B', 'shared']);
  });
});

describe('layOutGoalView', () => {
  it('places boxes without overlap, parents above children', () => {
    const tree = small();
    const laid = layOutGoalView(tree, buildGoalView(tree, treeGraph(tree), 'root'));
    const boxes = [...laid.layout.boxes.values()];
    for (const a of boxes)
      for (const b of boxes) {
        if (a === b || a.depth !== b.depth) continue;
        expect(a.x + a.width <= b.x || b.x + b.width <= a.x).toBe(true);
      }
    for (const e of laid.layout.edges)
      expect(laid.layout.boxes.get(e.from)!.y).toBeLessThan(laid.layout.boxes.get(e.to)!.y);
  });
});

describe('wrapLabel', () => {
  it.each([
    ['short', ['short']],
    ['code execution in the web service container', ['code execution in the web', 'service container']],
    ['a'.repeat(40), [`${'a'.repeat(25)}…`]],
  ])('%s', (label, lines) => expect(wrapLabel(label)).toEqual(lines));

  it('ends with an ellipsis when text remains after the last line', () => {
    const lines = wrapLabel(
      'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen',
    );
    expect(lines).toHaveLength(3);
    expect(lines[2]!.endsWith('…')).toBe(true);
  });
});

describe('walkthrough and what-if summary', () => {
  it('steps attack by attack, cheapest first, with the defences that would cut them', () => {
    const tree = small();
    const evaluation = evaluateTree(tree);
    const steps = buildWalkthrough(tree, treeGraph(tree), evaluation, 'root', 'attacks');
    expect(steps.map((s) => [...s.highlight].sort())).toEqual([
      ['s1', 'y'],
      ['s2', 'y'],
      ['s1', 'x'],
      ['s2', 'x'],
    ]);
    expect(steps[0]!.candidates.map((c) => [c.defence, c.active])).toEqual([['d-y', false]]);
  });

  it('steps node by node in depth-first order, each node once', () => {
    const tree = small();
    const steps = buildWalkthrough(tree, treeGraph(tree), evaluateTree(tree), 'root', 'nodes');
    expect(steps.map((s) => s.node)).toEqual(['root', 'A', 'shared', 's1', 's2', 'x', 'B', 'y']);
  });

  it('says how many attacks a toggle cuts and what remains', () => {
    const tree = small();
    const baseline = evaluateTree(tree);
    const result = whatIf(tree, baseline, [{ kind: 'defence', id: 'd-y', active: true }]);
    const delta = result.delta.goals.find((g) => g.goal === 'root')!;
    const summary = summarizeWhatIf(result.tree, delta);
    expect(summary).toMatchObject({ attacksBefore: 4, attacksAfter: 2, cut: 2, added: 0, exact: true });
    expect(summary.remaining.map((steps) => [...steps].sort())).toEqual([
      ['s1', 'x'],
      ['s2', 'x'],
    ]);
  });
});

describe('the example shop in the explorer', () => {
  const root = join(import.meta.dirname, '../../../../templates/examples/shop');
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => ({
      path: relative(root, join(e.parentPath, e.name)).split('\\').join('/'),
      text: readFileSync(join(e.parentPath, e.name), 'utf8'),
    }));
  const analysis = analyzeThreats(files);
  const { tree } = analysis.trees;
  const graph = treeGraph(tree);

  it('lays out every goal fully expanded, each node of its part drawn in full exactly once', () => {
    for (const goal of analysis.trees.goals.filter((_, i) => i % 5 === 0)) {
      const view = buildGoalView(tree, graph, goal.id, analysis.evaluation);
      const full = view.nodes.filter((n) => n.role === 'full').map((n) => n.node);
      expect(new Set(full).size).toBe(full.length);
      const laid = layOutGoalView(tree, view);
      expect(laid.layout.boxes.size).toBe(view.nodes.length);
    }
  });

  it('opens a goal at a screenful and exports it as inert, deterministic SVG', () => {
    const goal = analysis.trees.goals.find((g) => g.kind === 'host-root')!;
    const collapsed = initialCollapsed(tree, graph, goal.id);
    const view = buildGoalView(tree, graph, goal.id, analysis.evaluation, { collapsed });
    expect(view.nodes.length).toBeLessThanOrEqual(80);
    expect(view.root.children.length).toBeGreaterThan(10);
    const svg = renderAttackTreeSvg(layOutGoalView(tree, view), { title: goal.title });
    expect(svg).toBe(renderAttackTreeSvg(layOutGoalView(tree, view), { title: goal.title }));
    expect(svg).toContain('<svg');
    expect(svg).not.toMatch(/<script/i);
  });
});

describe('renderAttackTreeSvg', () => {
  it('writes user labels as text', () => {
    const tree = new TreeBuilder()
      .goal('g', 'OR', ['s'], { label: '<script>alert(1)</script> & "x"' })
      .step('s', {}, { label: '</text><image href="x" onerror="alert(1)"/>' })
      .build();
    const svg = renderAttackTreeSvg(layOutGoalView(tree, buildGoalView(tree, treeGraph(tree), 'g')));
    expect(svg).not.toContain('<script');
    expect(svg).not.toContain('<image');
    expect(svg).toContain('&lt;script&gt;');
  });
});

describe('alternatives', () => {
  const wide = () =>
    new TreeBuilder()
      .goal('root', 'OR', ['a', 'b', 'c', 'd'])
      .steps({ a: { cost: 9 }, b: { cost: 1 }, c: { cost: 5 }, d: { cost: 3 } })
      .defence('d-b', ['b'], { active: true })
      .build();

  it('lists the cheapest open ways first and folds the rest into one node', () => {
    const tree = wide();
    const view = buildGoalView(tree, treeGraph(tree), 'root', evaluateTree(tree), { maxAlternatives: 2 });
    expect(view.root.children.map((c) => [c.node, c.role])).toEqual([
      ['d', 'full'],
      ['c', 'full'],
      ['root', 'more'],
    ]);
    expect(view.root.children[2]!.hidden).toBe(2);
  });

  it('shows every alternative of a node the user opened', () => {
    const tree = wide();
    const view = buildGoalView(tree, treeGraph(tree), 'root', evaluateTree(tree), {
      maxAlternatives: 2,
      showAll: new Set(['root']),
    });
    expect(view.root.children.map((c) => c.node)).toEqual(['d', 'c', 'a', 'b']);
  });

  it('keeps the order of a sequence', () => {
    const tree = new TreeBuilder()
      .goal('root', 'SAND', ['a', 'b'])
      .steps({ a: { cost: 9 }, b: { cost: 1 } })
      .build();
    const view = buildGoalView(tree, treeGraph(tree), 'root', evaluateTree(tree), { maxAlternatives: 1 });
    expect(view.root.children.map((c) => c.node)).toEqual(['a', 'b']);
  });
});

describe('summarizeWalkthrough', () => {
  it('keeps the latest decision per node and lists owners with their earliest due date', () => {
    const tree = small();
    const evaluation = evaluateTree(tree);
    const at = (m: number) => `2026-11-28T10:0${m}:00Z`;
    const summary = summarizeWalkthrough(tree, evaluation, 'root', [
      { id: '1', node: 'y', goal: 'root', decision: 'plan', owner: 'ops', due: '2027-01-31', at: at(1) },
      { id: '2', node: 'y', goal: 'root', decision: 'mitigate', owner: 'ops', due: '2026-12-15', at: at(2) },
      { id: '3', node: 'x', goal: 'root', decision: 'accept', note: 'low value', at: at(3) },
      { id: '4', node: 'x', goal: 'other', decision: 'transfer', at: at(4) },
    ]);
    expect(summary.decisions.map((d) => [d.node, d.decision])).toEqual([
      ['y', 'mitigate'],
      ['x', 'accept'],
    ]);
    expect(summary.counts).toEqual({ mitigate: 1, plan: 0, accept: 1, transfer: 0 });
    expect(summary.openAttacks).toBe(4);
    expect(summary.undecidedAttacks).toBe(0);
    expect(summary.owners).toEqual([{ owner: 'ops', nodes: ['y'], due: '2026-12-15' }]);
  });
});
