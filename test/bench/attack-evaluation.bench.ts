// Benchmarks of the exact attack-tree evaluation and of incremental what-if.
// Run on its own: npx tsx test/bench/attack-evaluation.bench.ts
import { pathToFileURL } from 'node:url';
import { evaluateBottomUp } from '../../models/attack/evaluation/evaluate-bottom-up';
import { evaluateTree } from '../../models/attack/evaluation/evaluate-tree';
import { whatIf } from '../../models/attack/evaluation/what-if';
import type { AttackTree, DefenceNode, NodeId, TreeNode } from '../../models/attack/tree/attack-tree';
import { tree } from '../../models/attack/tree/tree-builder';
import { treeGraph } from '../../models/attack/tree/tree-graph';
import { generatedSystem, seededRandom } from '../models/attack/evaluation/random-trees';
import { medianMs, pairedMedians, withAttackLists, type BenchResult } from './bench-result';

export type { BenchResult };

/** Median and 95th percentile of `runs` timings of a stateful step (each run a new toggle). */
function medianAndP95(step: () => void, runs: number): { median: number; p95: number } {
  const samples: number[] = [];
  for (let k = 0; k < runs; k++) {
    const started = performance.now();
    step();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(runs / 2)]!, p95: samples[Math.floor(runs * 0.95)]! };
}

/** The part of a tree one goal depends on. */
function coneOf(t: AttackTree, goal: NodeId): AttackTree {
  const graph = treeGraph(t);
  const keep = new Set<NodeId>([goal]);
  const stack = [goal];
  while (stack.length > 0) {
    for (const next of graph.successors.get(stack.pop()!) ?? []) {
      if (keep.has(next)) continue;
      keep.add(next);
      stack.push(next);
    }
  }
  const nodes = new Map<NodeId, TreeNode>();
  for (const [id, node] of t.nodes) {
    if (!keep.has(id)) continue;
    nodes.set(
      id,
      node.kind === 'defence' ? { ...node, counters: node.counters.filter((c) => keep.has(c)) } : node,
    );
  }
  return { nodes };
}

const stepCount = (t: AttackTree) => [...t.nodes.values()].filter((n) => n.kind === 'step').length;

/** AND over `n` ORs where each OR shares a step with the next (the vertex covers of a path):
 * nothing is a module, the number of minimal attacks grows exponentially (Padovan numbers), so the
 * attack list is cut while metrics stay exact. */
function sharedChain(n: number): AttackTree {
  const b = tree().goal(
    'g',
    'AND',
    Array.from({ length: n }, (_, k) => `o${k}`),
  );
  const random = seededRandom(9);
  for (let k = 0; k < n; k++) b.or(`o${k}`, [`x${k}`, `x${k + 1}`]);
  for (let k = 0; k <= n; k++) b.step(`x${k}`, { cost: 1 + Math.floor(random() * 9), probability: 0.9 });
  return b.build();
}

export async function runAttackEvaluationBench(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];

  // 1. One goal of a generated host with twelve services: shared exec-in sub-goals, lateral
  //    movement, escapes, partial defences and host-fact assumptions.
  const host = generatedSystem(3, 12, 12);
  const goal = coneOf(host, 'goal:root-on-host0');
  const [oneGoal, bottomUp] = pairedMedians(
    () => withAttackLists(evaluateTree(goal)),
    () => evaluateBottomUp(goal, 'MinCost'),
    31,
  );
  const goalEvaluation = evaluateTree(goal).goals[0]!;
  results.push({
    name: 'exact evaluation of one goal (generated host)',
    value: round(oneGoal),
    unit: 'ms',
    target: '< 100 ms',
    note: `${stepCount(goal)} distinct steps, ${goal.nodes.size} nodes, ${goalEvaluation.attackCount} minimal attacks, exact=${goalEvaluation.exact && goalEvaluation.attacksExact}; ${ratio(oneGoal, bottomUp)} the inexact bottom-up MinCost (${round(bottomUp)} ms)`,
  });

  // 2. The worst shape for cut-set enumeration: 61 steps, no module.
  const chain = sharedChain(60);
  const chainTime = medianMs(() => withAttackLists(evaluateTree(chain)), 11);
  const chainGoal = evaluateTree(chain).goals[0]!;
  results.push({
    name: 'exact metrics of one goal without modules',
    value: round(chainTime),
    unit: 'ms',
    target: '< 100 ms',
    note: `${stepCount(chain)} distinct steps all shared; metrics exact=${chainGoal.exact}; ${chainGoal.attackCount.toExponential(3)} minimal attacks, the ${chainGoal.attacks.length} cheapest listed`,
  });

  // 3. A system of 500 services: full evaluation with every goal's attack list, then one defence
  //    toggled at a time.
  const system = generatedSystem(1, 500);
  const full = medianMs(() => withAttackLists(evaluateTree(system)), 3, 1);
  results.push({
    name: "full evaluation with every goal's attack list, 500 services",
    value: round(full),
    unit: 'ms',
    note: `${system.nodes.size} nodes, ${evaluateTree(system).goals.length} goals`,
  });

  const defences = [...system.nodes.values()].filter((n): n is DefenceNode => n.kind === 'defence');
  const random = seededRandom(4);
  let current = system;
  let evaluation = evaluateTree(system);
  const recomputed: number[] = [];
  const toggle = medianAndP95(() => {
    const d = defences[Math.floor(random() * defences.length)]!;
    const active = !(current.nodes.get(d.id) as DefenceNode).active;
    const result = whatIf(current, evaluation, [{ kind: 'defence', id: d.id, active }]);
    recomputed.push(result.recomputed);
    current = result.tree;
    evaluation = result.evaluation;
  }, 200);
  recomputed.sort((a, b) => a - b);
  results.push({
    name: 'what-if: one defence toggled, 500 services (median)',
    value: round(toggle.median),
    unit: 'ms',
    target: '< 16 ms (one frame)',
    note: `p95 ${round(toggle.p95)} ms; ${recomputed[recomputed.length >> 1]} nodes recomputed (median) of ${system.nodes.size}; ${ratio(toggle.median, full)} a full evaluation; metrics exact for ${evaluation.goals.filter((g) => g.exact).length}/${evaluation.goals.length} goals after the last toggle`,
  });
  return results;
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

function ratio(a: number, b: number): string {
  return a <= b ? `${round(b / a)}× faster than` : `${round(a / b)}× slower than`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await runAttackEvaluationBench();
  for (const r of results) {
    const target = r.target ? ` (target ${r.target})` : '';
    console.log(`${r.name}: ${r.value} ${r.unit}${target}`);
    if (r.note) console.log(`  ${r.note}`);
  }
}
