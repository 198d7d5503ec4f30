// Goals at the top of a generated tree take their metrics from their operands, without building
// their diagrams: the metrics must be those of the diagrams, before and after a what-if.
import { describe, expect, it } from 'vitest';
import { analyzeFiles } from '../../../../models/analysis/analyze';
import { NodeMemo, bddMinWeight, bddProbability } from '../../../../models/attack/evaluation/bdd';
import { evaluateTree, stateOf } from '../../../../models/attack/evaluation/evaluate-tree';
import { diagramOf, type EvaluationState } from '../../../../models/attack/evaluation/node-results';
import { whatIf } from '../../../../models/attack/evaluation/what-if';
import type { TreeEvaluation } from '../../../../models/attack/evaluation/evaluation-types';
import { generateAttackTrees } from '../../../../models/attack/generate/generate-attack-trees';
import type { DefenceNode } from '../../../../models/attack/tree/attack-tree';
import { generateCompose } from '../../../bench/generate-configs';

// 40 services: a "persistence in this workload OR root on the host" goal for each of a third of
// them, all sharing the hub's diagram.
const tree = generateAttackTrees(analyzeFiles([{ path: 'compose.yaml', text: generateCompose(40) }])).tree;

/** Every goal's published metrics against those read off its built diagram; how many goals had
 * their diagram deferred. */
function checkAgainstBuiltDiagrams(evaluation: TreeEvaluation): number {
  const state: EvaluationState = stateOf(evaluation)!;
  const { compiled } = state;
  let deferred = 0;
  compiled.goals.forEach((g, k) => {
    if (state.results.get(g)!.deferred) deferred++;
    const f = diagramOf(state, g);
    expect(f).toBeGreaterThanOrEqual(0);
    const { metrics } = evaluation.goals[k]!;
    expect(metrics.minCost).toBe(bddMinWeight(state.bdd, f, state.varCost, new NodeMemo()));
    expect(metrics.probability).toBeCloseTo(
      bddProbability(state.bdd, f, state.varProbability, new NodeMemo()),
      12,
    );
  });
  return deferred;
}

describe('goals whose diagrams are deferred', () => {
  it('report the metrics of their built diagrams', () => {
    expect(checkAgainstBuiltDiagrams(evaluateTree(tree))).toBeGreaterThanOrEqual(10);
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
      expect(checkAgainstBuiltDiagrams(result.evaluation)).toBeGreaterThanOrEqual(10);
    }
  });
});
