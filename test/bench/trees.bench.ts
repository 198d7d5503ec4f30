import { collectFiles } from '../../cli/collect-files';
import { analyzeFiles } from '../../models/analysis/analyze';
import { evaluateTree, whatIf, whatIfInView } from '../../models/attack/evaluation';
import { generateAttackTrees } from '../../models/attack/generate/generate-attack-trees';
import type { BenchResult } from './bench-result';
import { medianMs } from './bench-result';
import { generateCompose } from './generate-configs';

/**
 * Attack trees of generated systems: generation and full exact evaluation of every goal of a
 * 1,000-service compose project, and an incremental what-if (one mitigation toggled on one
 * service) on a 500-service project, the workshop's interactive case.
 */
export async function runTreesBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];

  // The built-in example: what the desktop app evaluates when the tree explorer opens and after
  // each mitigation edit. CPU time (process.cpuUsage), less noisy than wall time on a shared machine.
  const shop = generateAttackTrees(analyzeFiles(collectFiles(['templates/examples/shop']).files)).tree;
  let shopEvaluation = evaluateTree(shop);
  const shopMs = medianCpuMs(() => (shopEvaluation = evaluateTree(shop)), 7, 2);
  results.push({
    name: 'shop example: evaluate all goals exactly (CPU time)',
    value: shopMs,
    unit: 'ms',
    target: '< 500',
    note: `${shop.nodes.size} nodes; metrics exact for ${exactCount(shopEvaluation)}/${shopEvaluation.goals.length} goals`,
  });
  for (const services of [100, 500]) {
    const system = generateAttackTrees(
      analyzeFiles([{ path: 'bench/compose.yaml', text: generateCompose(services) }]),
    ).tree;
    let evaluated = evaluateTree(system);
    const ms = medianCpuMs(() => (evaluated = evaluateTree(system)), 3, 0);
    results.push({
      name: `compose ${services} services: evaluate all goals exactly (CPU time)`,
      value: ms,
      unit: 'ms',
      note: `${system.nodes.size} nodes; metrics exact for ${exactCount(evaluated)}/${evaluated.goals.length} goals`,
    });
  }

  const big = analyzeFiles([{ path: 'bench/compose.yaml', text: generateCompose(1000) }]);
  let generated = generateAttackTrees(big);
  const generateMs = medianMs(() => (generated = generateAttackTrees(big)), 3, 1);
  let evaluation = evaluateTree(generated.tree);
  const evaluateMs = medianMs(() => (evaluation = evaluateTree(generated.tree)), 3, 1);
  results.push(
    {
      name: 'compose 1,000 services: generate all trees',
      value: generateMs,
      unit: 'ms',
      note: `${generated.tree.nodes.size} nodes, ${generated.goals.length} goals`,
    },
    {
      name: 'compose 1,000 services: evaluate all goals exactly',
      value: evaluateMs,
      unit: 'ms',
      note: `metrics exact for ${exactCount(evaluation)}/${evaluation.goals.length} goals; complete attack lists for ${evaluation.goals.filter((g) => g.attacksExact).length} (the others list the ${evaluation.limits.maxAttacksPerGoal} cheapest)`,
    },
  );

  const mid = analyzeFiles([{ path: 'bench/compose.yaml', text: generateCompose(500) }]);
  const midTree = generateAttackTrees(mid).tree;
  const baseline = evaluateTree(midTree);
  // Each toggle switches the drop-capabilities defence of one service to its other state, so every
  // toggle changes something; 21 services spread over the system.
  const all = [...midTree.nodes.values()].filter(
    (n) => n.kind === 'defence' && n.mitigation === 'drop-capabilities',
  );
  const defences = Array.from({ length: 21 }, (_, k) => all[Math.floor((k * all.length) / 21)]!);
  const flip = (d: (typeof defences)[number]) =>
    ({ kind: 'defence', id: d.id, active: !(d.kind === 'defence' && d.active) }) as const;
  const full = timeEach(defences, (d) => whatIf(midTree, baseline, [flip(d)]).recomputed);
  results.push({
    name: 'compose 500 services: what-if toggle, status and metrics of every node and goal (drop-capabilities on one service)',
    value: median(full.times),
    unit: 'ms',
    target: '< 16',
    note: `${midTree.nodes.size} nodes, ${baseline.goals.length} goals, median of 21 toggles (slowest ${Math.max(...full.times).toFixed(0)} ms), ${median(full.values)} nodes recomputed; attack lists made when read`,
  });

  // The same toggles, re-evaluating only the goals a workshop view shows (root on the host and the
  // goals about the service whose defence is toggled) plus the status of every goal, and listing
  // the attacks of the goals in view.
  const hostRoot = baseline.goals.filter((g) => g.id.startsWith('goal:host-root:')).map((g) => g.id);
  const goalsOf = (defence: string): string[] => {
    const service = defence.slice(defence.indexOf('@') + 1).replace(/:partial$/, '');
    return baseline.goals.filter((g) => g.id.endsWith(`:${service}`)).map((g) => g.id);
  };
  const scoped = timeEach(defences, (d) => {
    const result = whatIfInView(midTree, baseline, [flip(d)], [...hostRoot, ...goalsOf(d.id)]);
    return result.recomputed;
  });
  const listed = timeEach(defences, (d) => {
    const result = whatIfInView(midTree, baseline, [flip(d)], [...hostRoot, ...goalsOf(d.id)]);
    return result.delta.reduce((n, g) => n + g.remaining.length, 0);
  });
  results.push(
    {
      name: "compose 500 services: what-if toggle in view (root on the host + that service's goals; every goal's status)",
      value: median(scoped.times),
      unit: 'ms',
      target: '< 16',
      note: `median of 21 toggles (slowest ${Math.max(...scoped.times).toFixed(1)} ms), ${median(scoped.values)} nodes recomputed`,
    },
    {
      name: 'compose 500 services: the same, with the attack lists of the goals in view',
      value: median(listed.times),
      unit: 'ms',
      note: `median of 21 toggles (slowest ${Math.max(...listed.times).toFixed(1)} ms)`,
    },
  );
  return results;
}

/** Wall time of `fn` on each item (after one warm-up pass), and what it returned. */
function timeEach<T>(items: readonly T[], fn: (item: T) => number): { times: number[]; values: number[] } {
  for (const item of items.slice(0, 3)) fn(item);
  const times: number[] = [];
  const values: number[] = [];
  for (const item of items) {
    const start = performance.now();
    values.push(fn(item));
    times.push(performance.now() - start);
  }
  return { times, values };
}

const exactCount = (evaluation: { goals: readonly { exact: boolean }[] }): number =>
  evaluation.goals.filter((g) => g.exact).length;

/** Median CPU time (user + system, ms) of `runs` calls after `warmup` calls. */
function medianCpuMs(fn: () => unknown, runs: number, warmup: number): number {
  for (let k = 0; k < warmup; k++) fn();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    const started = process.cpuUsage();
    fn();
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000);
  }
  return median(times);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await runTreesBench())
    console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
