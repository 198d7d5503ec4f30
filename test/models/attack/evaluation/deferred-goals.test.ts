// Goals at the top of a generated tree, and the sub-goals only they read, take their metrics from
// their operands, without building their diagrams: the metrics must be those of the diagrams,
// before and after a what-if.
import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../../../models/analysis/analyze';
import { NodeMemo, bddMinWeight, bddProbability } from '../../../../models/attack/evaluation/bdd';
import { evaluateTree, stateOf } from '../../../../models/attack/evaluation/evaluate-tree';
import {
  diagramOf,
  isStacked,
  type EvaluationState,
} from '../../../../models/attack/evaluation/node-results';
import { whatIf } from '../../../../models/attack/evaluation/what-if';
import type { TreeEvaluation } from '../../../../models/attack/evaluation/evaluation-types';
import { generateAttackTrees } from '../../../../models/attack/generate/generate-attack-trees';
import type { DefenceNode } from '../../../../models/attack/tree/attack-tree';
import { generateCompose } from '../../../bench/generate-configs';

// 40 services: a "persistence in this workload OR root on the host" goal for each of a third of
// them, all sharing the hub's diagram, and a "tamper with this flow" goal per flow, its step AND
// "in position on the flow" (the hub OR the flow's network boundaries).
const tree = generateAttackTrees(analyzeFiles([{ path: 'compose.yaml', text: generateCompose(40) }])).tree;

/** The published metrics of every node whose diagram was deferred, against those read off its
 * built diagram; how many were deferred, as a combination of two diagrams or stacked on another
 * deferred node. */
function checkAgainstBuiltDiagrams(evaluation: TreeEvaluation): { combined: number; stacked: number } {
  const state: EvaluationState = stateOf(evaluation)!;
  const { compiled } = state;
  const counts = { combined: 0, stacked: 0 };
  // Counted before any is built: building a stacked node's diagram builds the one below it.
  const deferred = compiled.ids.flatMap((id, i) => {
    const d = state.results.get(i)!.deferred;
    if (d) counts[isStacked(d) ? 'stacked' : 'combined']++;
    return d ? [[id, i] as const] : [];
  });
  for (const [id, i] of deferred) {
    const f = diagramOf(state, i);
    expect(f).toBeGreaterThanOrEqual(0);
    const { metrics } = evaluation.nodes.get(id)!;
    expect(metrics.minCost).toBe(bddMinWeight(state.bdd, f, state.varCost, new NodeMemo()));
    expect(metrics.probability).toBeCloseTo(
      bddProbability(state.bdd, f, state.varProbability, new NodeMemo()),
      12,
    );
  }
  return counts;
}

describe('goals whose diagrams are deferred', () => {
  it('report the metrics of their built diagrams', () => {
    const { combined, stacked } = checkAgainstBuiltDiagrams(evaluateTree(tree));
    // The persistence goals and the flow positions; the flow goals stacked on the positions.
    expect(combined).toBeGreaterThanOrEqual(50);
    expect(stacked).toBeGreaterThanOrEqual(40);
  });

  it('still do after what-ifs under the shared hub, each from the same baseline', () => {
    const baseline = evaluateTree(tree);
    const defences = [...tree.nodes.values()].filter(
      (n): n is DefenceNode => n.kind === 'defence' && n.mitigation === 'drop-capabilities',
    );
    expect(defences.length).toBeGreaterThanOrEqual(5);
    for (const d of defences.slice(0, 5)) {
      const result = whatIf(tree, baseline, [{ kind: 'defence', id: d.id, active: !d.active }]);
      expect(result.recomputed).toBeGreaterThan(10);
      const { combined, stacked } = checkAgainstBuiltDiagrams(result.evaluation);
      expect(combined).toBeGreaterThanOrEqual(50);
      expect(stacked).toBeGreaterThanOrEqual(40);
    }
  });
});
