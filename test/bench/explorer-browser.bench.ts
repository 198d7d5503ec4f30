import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM_OPTIONS } from '../chromium-options';
import type { BenchResult } from './bench-result';

/**
 * The explorer's figures measured in Chromium, where the explorer runs: unfolding and laying out
 * a 300-node goal (target < 200 ms), and a what-if toggle on the 500-service benchmark system —
 * incremental re-evaluation plus the new view of the open goal, i.e. everything before the
 * repaint (target: within one 16 ms frame), and the same toggles over the whole system. The models are bundled for the browser and timed in
 * a blank page, so the figures are the browser's JavaScript engine, not Node's.
 */
const ENTRY = `
import { analyzeFiles } from '../../models/analysis/analyze';
import { buildGoalView, initialCollapsed, layOutGoalView, reachableFrom, summarizeWhatIf } from '../../models/attack/explore';
import { diffGoal, evaluateTree, whatIf, whatIfInView } from '../../models/attack/evaluation';
import { generateAttackTrees } from '../../models/attack/generate/generate-attack-trees';
import { treeGraph } from '../../models/attack/tree/tree-graph';
import { medianMs } from './bench-result';
import { generateCompose } from './generate-configs';

globalThis.__explorerBench = () => {
  const small = generateAttackTrees(analyzeFiles([{ path: 'bench/compose.yaml', text: generateCompose(7) }]));
  const smallEvaluation = evaluateTree(small.tree);
  const smallGraph = treeGraph(small.tree);
  let pick = { goal: small.goals[0].id, size: 0, distance: Infinity };
  for (const goal of small.goals) {
    const size = buildGoalView(small.tree, smallGraph, goal.id).nodes.length;
    if (Math.abs(size - 300) < pick.distance) pick = { goal: goal.id, size, distance: Math.abs(size - 300) };
  }
  const layoutMs = medianMs(
    () => layOutGoalView(small.tree, buildGoalView(small.tree, smallGraph, pick.goal, smallEvaluation)),
    15,
    3,
  );

  const { tree, goals } = generateAttackTrees(analyzeFiles([{ path: 'bench/compose.yaml', text: generateCompose(500) }]));
  const evaluation = evaluateTree(tree);
  const graph = treeGraph(tree);
  const goal = goals.find((g) => g.kind === 'host-root').id;
  const maxAlternatives = 12;
  const collapsed = initialCollapsed(tree, graph, goal, { maxAlternatives });
  // The defences a user can click in the goal's first view (a workshop toggles what it sees),
  // then others under the goal, fifteen in all, each switched to its other state.
  const shown = buildGoalView(tree, graph, goal, evaluation, { collapsed, maxAlternatives }).nodes.map((n) => n.node);
  const under = [...reachableFrom(graph, goal)];
  const defences = [...new Set([...shown, ...under])].filter((id) => tree.nodes.get(id).kind === 'defence');
  const flip = (id) => [{ kind: 'defence', id, active: !tree.nodes.get(id).active }];
  const toggles = defences.slice(0, 15).map(flip);
  // Warm-up on defences that are not measured: the first toggle of a defence builds the diagrams
  // above it, which a second toggle finds built, so each measured toggle is the first of its kind.
  const warmUp = defences.slice(15, 25).map(flip);
  const median = (times) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
  const worst = (times) => Math.max(...times);
  const repaint = [];
  const lists = [];
  let size = 0;
  for (const [k, change] of [...warmUp, ...toggles].entries()) {
    // What the explorer does on a toggle before the repaint: the open goal and its nodes, and the
    // status of every goal; then the new view of the goal, unfolded and laid out.
    let start = performance.now();
    const result = whatIfInView(tree, evaluation, change, [goal]);
    const view = buildGoalView(result.tree, graph, goal, result, { collapsed, maxAlternatives });
    size = layOutGoalView(result.tree, view).view.nodes.length;
    const repaintMs = performance.now() - start;
    if (!result.goals[0].exact) throw new Error('what-if in view: the goal is inexact after ' + change[0].id);
    // Right after the repaint: the goal's attack list and the "cuts N of M" summary.
    start = performance.now();
    summarizeWhatIf(result.tree, result.delta[0] ?? diffGoal(evaluation.goals.find((g) => g.id === goal), result.goals[0]));
    if (k < warmUp.length) continue;
    repaint.push(repaintMs);
    lists.push(performance.now() - start);
  }
  // The whole system for comparison, after the toggles above: every goal's status and metrics,
  // on the same fifteen defences (a first whole-system toggle of each), after three whole-system
  // toggles of other defences warm the compiler up on that path as the warm-up above does for the
  // view; then, on three more defences, the same with every goal's attack list read.
  for (const change of defences.slice(25, 28).map(flip)) whatIf(tree, evaluation, change);
  const full = [];
  let exactAfter = Infinity;
  for (const change of toggles) {
    const start = performance.now();
    const everything = whatIf(tree, evaluation, change);
    full.push(performance.now() - start);
    exactAfter = Math.min(exactAfter, everything.evaluation.goals.filter((g) => g.exact).length);
  }
  const fullWithLists = [];
  for (const change of defences.slice(28, 31).map(flip)) {
    const start = performance.now();
    const everything = whatIf(tree, evaluation, change);
    for (const g of everything.evaluation.goals) g.attacks;
    fullWithLists.push(performance.now() - start);
  }
  const toggleWorstMs = worst(repaint);
  const toggleMs = median(repaint);
  const listWorstMs = worst(lists);
  const listMs = median(lists);
  const whatIfMs = median(full);
  const whatIfWorstMs = worst(fullWithLists);
  const whatIfListsMs = median(fullWithLists);
  const fullNote = 'median of 15 first toggles, slowest ' + worst(full).toFixed(1) + ' ms; metrics exact for at least ' + exactAfter + '/' + evaluation.goals.length + ' goals';
  return [
    { name: 'explorer in Chromium: unfold + lay out a ' + pick.size + '-node goal', value: layoutMs, unit: 'ms', target: '< 200', note: '7-service system, median of 15' },
    { name: 'explorer in Chromium: what-if toggle → repainted view (' + size + ' nodes drawn)', value: toggleMs, unit: 'ms', target: '< 16', note: '500-service system, host-root goal: its nodes and metrics, every goal status, view + layout; median of 15 toggles, each the first of its defence; the goal exact after each' },
    { name: 'explorer in Chromium: what-if toggle → repainted view, slowest of the 15', value: toggleWorstMs, unit: 'ms', target: '< 16' },
    { name: 'explorer in Chromium: then the goal attack list + "cuts N of M" (next frame)', value: listMs, unit: 'ms', note: 'median of 15 toggles; slowest ' + listWorstMs.toFixed(1) + ' ms' },
    { name: 'explorer in Chromium: whatIf, metrics of all goals (lists on demand)', value: whatIfMs, unit: 'ms', target: '< 16', note: fullNote },
    { name: 'explorer in Chromium: whatIf, metrics and attack lists of all goals', value: whatIfListsMs, unit: 'ms', note: 'median of 3 first toggles; slowest ' + whatIfWorstMs.toFixed(0) + ' ms' },
  ];
};
`;

export async function runExplorerBrowserBench(): Promise<BenchResult[]> {
  const bundle = await build({
    stdin: { contents: ENTRY, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
    // Some shared modules read NODE_ENV-style flags; the browser build fixes them as Vite does.
    define: { 'process.env.NODE_ENV': '"production"', process: '{"env":{}}' },
  });
  const browser = await chromium.launch(CHROMIUM_OPTIONS);
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent('<!doctype html><title>explorer bench</title>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    if (errors.length > 0) throw new Error(`the bench bundle failed to load: ${errors.join('; ')}`);
    return (await page.evaluate('globalThis.__explorerBench()')) as BenchResult[];
  } finally {
    await browser.close();
  }
}
