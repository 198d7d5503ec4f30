import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { BenchResult } from './bench-result';

/**
 * The explorer's figures measured in Chromium, where the explorer runs: unfolding and laying out
 * a 300-node goal (target < 200 ms), and a what-if toggle on the 500-service benchmark system —
 * incremental re-evaluation plus the new view of the open goal, i.e. everything before the
 * repaint (target: within one 16 ms frame). The models are bundled for the browser and timed in
 * a blank page, so the figures are the browser's JavaScript engine, not Node's.
 */
const ENTRY = `
import { analyzeFiles } from '../../models/analysis/analyze';
import { buildGoalView, initialCollapsed, layOutGoalView, reachableFrom } from '../../models/attack/explore';
import { evaluateTree, whatIf, whatIfInView } from '../../models/attack/evaluation';
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
  const defence = [...reachableFrom(graph, goal)].find((id) => {
    const node = tree.nodes.get(id);
    return node.kind === 'defence' && !node.active;
  });
  let size = 0;
  const toggleMs = medianMs(
    () => {
      const result = whatIf(tree, evaluation, [{ kind: 'defence', id: defence, active: true }]);
      const view = buildGoalView(result.tree, graph, goal, result.evaluation, { collapsed, maxAlternatives });
      size = layOutGoalView(result.tree, view).view.nodes.length;
    },
    15,
    3,
  );
  const change = [{ kind: 'defence', id: defence, active: true }];
  const whatIfMs = medianMs(() => whatIf(tree, evaluation, change), 15, 3);
  const inViewMs = medianMs(() => whatIfInView(tree, evaluation, change, [goal]), 15, 3);
  return [
    { name: 'explorer in Chromium: unfold + lay out a ' + pick.size + '-node goal', value: layoutMs, unit: 'ms', target: '< 200', note: '7-service system, median of 15' },
    { name: 'explorer in Chromium: what-if toggle → new view (' + size + ' nodes drawn)', value: toggleMs, unit: 'ms', target: '< 16', note: '500-service system, host-root goal, median of 15' },
    { name: 'explorer in Chromium: of which whatIf (all goals)', value: whatIfMs, unit: 'ms', note: 'median of 15' },
    { name: 'explorer in Chromium: whatIfInView (open goal only)', value: inViewMs, unit: 'ms', note: 'median of 15' },
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
  const browser = await chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
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
