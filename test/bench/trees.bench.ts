import { collectFiles } from '../../cli/collect-files';
import { analyzeFiles } from '../../models/analysis/analyze';
import { evaluateTree, whatIf, whatIfInView, type TreeEvaluation } from '../../models/attack/evaluation';
import { generateAttackTrees } from '../../models/attack/generate/generate-attack-trees';
import type { BenchResult } from './bench-result';
import { medianMs, withAttackLists } from './bench-result';
import { generateCompose } from './generate-configs';

/**
 * Attack trees of generated systems: generation and full exact evaluation of every goal of a
 * 1,000-service compose project, and an incremental what-if (one mitigation toggled on one
 * service) on a 500-service project, the workshop's interactive case.
 */
export async function runTreesBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];

  // The built-in example: what the desktop app evaluates when the tree explorer opens and after
  // each mitigation edit, here with every goal's attack list read as well (the explorer reads the
  // goal in view). CPU time (process.cpuUsage), less noisy than wall time on a shared machine.
  const shop = generateAttackTrees(analyzeFiles(collectFiles(['templates/examples/shop']).files)).tree;
  let shopEvaluation = evaluateTree(shop);
  const shopMs = medianCpuMs(() => (shopEvaluation = withAttackLists(evaluateTree(shop))), 7, 2);
  results.push({
    name: "shop example: evaluate all goals exactly, with every goal's attack list (CPU time)",
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
    const listMs = medianCpuMs(() => withAttackLists(evaluateTree(system)), services === 100 ? 3 : 1, 0) - ms;
    results.push(
      {
        name: `compose ${services} services: evaluate all goals exactly (CPU time)`,
        value: ms,
        unit: 'ms',
        note: `${system.nodes.size} nodes; metrics exact for ${exactCount(evaluated)}/${evaluated.goals.length} goals; attack lists made when read`,
      },
      {
        name: `compose ${services} services: list every goal's attacks after that (CPU time)`,
        value: listMs,
        unit: 'ms',
        note: listNote(withAttackLists(evaluated)),
      },
    );
  }

  const big = analyzeFiles([{ path: 'bench/compose.yaml', text: generateCompose(1000) }]);
  let generated = generateAttackTrees(big);
  const generateMs = medianMs(() => (generated = generateAttackTrees(big)), 3, 1);
  let evaluation = evaluateTree(generated.tree);
  const evaluateMs = medianMs(() => (evaluation = evaluateTree(generated.tree)), 3, 1);
  const listStart = performance.now();
  withAttackLists(evaluation);
  const listMs = performance.now() - listStart;
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
      note: `metrics exact for ${exactCount(evaluation)}/${evaluation.goals.length} goals; attack lists made when read`,
    },
    {
      name: "compose 1,000 services: list every goal's attacks after that",
      value: listMs,
      unit: 'ms',
      note: listNote(evaluation),
    },
  );

  const mid = analyzeFiles([{ path: 'bench/compose.yaml', text: generateCompose(500) }]);
  const midTree = generateAttackTrees(mid).tree;
  const baseline = evaluateTree(midTree);
  const defencesOf = (mitigation: string, count: number) => {
    const all = [...midTree.nodes.values()].filter(
      (n) => n.kind === 'defence' && n.mitigation === mitigation,
    );
    return Array.from({ length: count }, (_, k) => all[Math.floor((k * all.length) / count)]!);
  };
  // Each toggle switches the drop-capabilities defence of one service to its other state, so every
  // toggle changes something; 21 services spread over the system.
  const defences = defencesOf('drop-capabilities', 21);
  const flip = (d: (typeof defences)[number]) =>
    ({ kind: 'defence', id: d.id, active: !(d.kind === 'defence' && d.active) }) as const;

  // The toggles re-evaluate only the goals a workshop view shows (root on the host and the goals
  // about the service whose defence is toggled) plus the status of every goal. The first toggle of
  // a defence builds the diagrams above it; toggling it again finds them built (the manager is
  // shared with the baseline), so both are reported. The compiler is warmed up on other defences
  // first, and every result is checked to be exact, so no figure comes from a diagram that hit its
  // node limit and fell back to a bound.
  const hostRoot = baseline.goals.filter((g) => g.id.startsWith('goal:host-root:')).map((g) => g.id);
  const goalsOf = (defence: string): string[] => {
    const service = defence.slice(defence.indexOf('@') + 1).replace(/:partial$/, '');
    return baseline.goals.filter((g) => g.id.endsWith(`:${service}`)).map((g) => g.id);
  };
  const inView = (d: (typeof defences)[number]) => {
    const result = whatIfInView(midTree, baseline, [flip(d)], [...hostRoot, ...goalsOf(d.id)]);
    const inexact = result.goals.filter((g) => !g.exact).length;
    if (inexact > 0) throw new Error(`what-if in view: ${inexact} goals inexact after toggling ${d.id}`);
    return result;
  };
  for (const d of defencesOf('no-new-privileges', 20)) inView(d);
  const first = timeEach(defences, (d) => inView(d).recomputed);
  const again = timeEach(defences, (d) => inView(d).recomputed);
  const listed = timeEach(defences, (d) => inView(d).delta.reduce((n, g) => n + g.remaining.length, 0));
  const spread = (times: number[]) =>
    `median of ${times.length} toggles, 90th percentile ${percentile(times, 0.9).toFixed(1)} ms, slowest ${Math.max(...times).toFixed(1)} ms`;
  results.push(
    {
      name: "compose 500 services: what-if toggle in view (root on the host + that service's goals; every goal's status), first toggle of each defence",
      value: median(first.times),
      unit: 'ms',
      target: '< 16',
      note: `${spread(first.times)}; ${median(first.values)} nodes recomputed; every goal in view exact`,
    },
    {
      name: 'compose 500 services: the same toggles again',
      value: median(again.times),
      unit: 'ms',
      target: '< 16',
      note: spread(again.times),
    },
    {
      name: 'compose 500 services: the same, with the attack lists of the goals in view',
      value: median(listed.times),
      unit: 'ms',
      note: spread(listed.times),
    },
  );

  // The whole system: every node above the change, 835 goals' status and metrics. The goals
  // above the hub ("root on the host") read their metrics off the hub's diagram without copying
  // it (`combined-metrics.ts`); the note says how many goals were exact.
  let exactAfter = Infinity;
  const full = timeEach(defences, (d) => {
    const result = whatIf(midTree, baseline, [flip(d)]);
    exactAfter = Math.min(exactAfter, result.evaluation.goals.filter((g) => g.exact).length);
    return result.recomputed;
  });
  results.push({
    name: 'compose 500 services: what-if toggle, status and metrics of every node and goal (drop-capabilities on one service)',
    value: median(full.times),
    unit: 'ms',
    target: '< 16',
    note: `${midTree.nodes.size} nodes, ${baseline.goals.length} goals, ${spread(full.times)}; ${median(full.values)} nodes recomputed; metrics exact for at least ${exactAfter}/${baseline.goals.length} goals; attack lists made when read`,
  });
  return results;
}

/** Wall time of `fn` on each item, and what it returned. */
function timeEach<T>(items: readonly T[], fn: (item: T) => number): { times: number[]; values: number[] } {
  const times: number[] = [];
  const values: number[] = [];
  for (const item of items) {
    const start = performance.now();
    values.push(fn(item));
    times.push(performance.now() - start);
  }
  return { times, values };
}

function listNote(evaluation: TreeEvaluation): string {
  const { goals, limits } = evaluation;
  const uncounted = goals.filter((g) => Number.isNaN(g.attackCount)).length;
  return `lists for ${goals.length - uncounted}/${goals.length} goals (at most the ${limits.maxAttacksPerGoal} cheapest each, complete for ${goals.filter((g) => g.attacksExact).length}); ${uncounted} past the diagram limit`;
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

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await runTreesBench())
    console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}${r.note ? ` (${r.note})` : ''}`);
}
