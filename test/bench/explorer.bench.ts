import { analyzeFiles } from '../../models/analysis/analyze';
import { buildGoalView, initialCollapsed, layOutGoalView } from '../../models/attack/explore';
import { evaluateTree } from '../../models/attack/evaluation';
import { generateAttackTrees } from '../../models/attack/generate/generate-attack-trees';
import { treeGraph } from '../../models/attack/tree/tree-graph';
import { renderAttackTreeSvg } from '../../models/export/attack-tree-svg';
import type { BenchResult } from './bench-result';
import { medianMs } from './bench-result';
import { generateCompose } from './generate-configs';

/**
 * The tree explorer's model side on the 500-service benchmark system: unfolding a goal into the
 * view the explorer draws and laying it out (target: a 300-node tree under 200 ms), at the size a
 * goal opens with and fully expanded, plus the SVG export of the opened view.
 */
export async function runExplorerBench(): Promise<BenchResult[]> {
  // A 300-node tree, the issue's reference size: the goal of a small generated system whose
  // fully expanded view is closest to 300 nodes (goal views grow by ~45 nodes per service).
  const small = analyzeFiles([{ path: 'bench/compose.yaml', text: generateCompose(7) }]);
  const smallTrees = generateAttackTrees(small);
  const smallEvaluation = evaluateTree(smallTrees.tree);
  const smallGraph = treeGraph(smallTrees.tree);
  let pick = { goal: smallTrees.goals[0]!.id, size: 0, distance: Infinity };
  for (const goal of smallTrees.goals) {
    const size = buildGoalView(smallTrees.tree, smallGraph, goal.id).nodes.length;
    if (Math.abs(size - 300) < pick.distance) pick = { goal: goal.id, size, distance: Math.abs(size - 300) };
  }
  const layoutMs = medianMs(
    () =>
      layOutGoalView(smallTrees.tree, buildGoalView(smallTrees.tree, smallGraph, pick.goal, smallEvaluation)),
    15,
    3,
  );

  // The 500-service benchmark system: its host-root goal as the explorer opens it.
  const analysis = analyzeFiles([{ path: 'bench/compose.yaml', text: generateCompose(500) }]);
  const { tree, goals } = generateAttackTrees(analysis);
  const evaluation = evaluateTree(tree);
  const graph = treeGraph(tree);
  const hostRoot = goals.find((g) => g.kind === 'host-root')!.id;
  const fullSize = buildGoalView(tree, graph, hostRoot).nodes.length;
  const maxAlternatives = 12;
  const collapsed = initialCollapsed(tree, graph, hostRoot, { maxAlternatives });
  const opened = () =>
    layOutGoalView(tree, buildGoalView(tree, graph, hostRoot, evaluation, { collapsed, maxAlternatives }));
  const openedSize = opened().view.nodes.length;
  const openedMs = medianMs(opened, 15, 3);
  const laid = opened();
  let svgBytes = 0;
  const svgMs = medianMs(() => (svgBytes = renderAttackTreeSvg(laid).length), 15, 3);

  return [
    {
      name: `explorer: unfold + lay out a ${pick.size}-node goal, fully expanded`,
      value: layoutMs,
      unit: 'ms',
      target: '< 200',
      note: '7-service system, median of 15',
    },
    {
      name: 'explorer: open the host-root goal of the 500-service system',
      value: openedMs,
      unit: 'ms',
      note: `${openedSize} of ${fullSize} nodes drawn (cheapest ${maxAlternatives} ways per OR), median of 15`,
    },
    {
      name: 'explorer: export that view as SVG',
      value: svgMs,
      unit: 'ms',
      note: `${Math.round(svgBytes / 1024)} KiB`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await runExplorerBench())
    console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
