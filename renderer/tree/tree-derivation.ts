import type { GoalInfo } from '../../models/attack/generate/goals';
import type { TreeEvaluation } from '../../models/attack/evaluation';
import type { AttackTree } from '../../models/attack/tree/attack-tree';
import { treeGraph, type TreeGraph } from '../../models/attack/tree/tree-graph';
import { deriveModel } from '../../models/model/derive-model';
import type { ThreatModel } from '../../models/model/threat-model';

/** The model's attack-defence DAG with its exact evaluation: what the explorer shows before any
 * what-if. */
export interface TreeDerivation {
  tree: AttackTree;
  graph: TreeGraph;
  evaluation: TreeEvaluation;
  goals: readonly GoalInfo[];
}

/** The parts of a model the trees depend on; a change anywhere else (positions, decisions, notes,
 * the name) keeps the cached derivation. */
function partsOf(model: ThreatModel): readonly unknown[] {
  return [
    model.sources,
    model.mitigationStates,
    model.assumptions,
    model.treeNodes,
    model.flows,
    model.elements,
  ];
}

/**
 * Generating and evaluating every goal of a model costs hundreds of milliseconds, so the result
 * is kept for the last model parts it was made from and made again only when one of them is
 * replaced (the editor replaces, never mutates).
 */
export class TreeDerivationCache {
  private parts: readonly unknown[] | undefined;
  private value: TreeDerivation | undefined;

  constructor(private readonly derive: (model: ThreatModel) => TreeDerivation = deriveTrees) {}

  /** The cached derivation when it still fits the model, else undefined. */
  peek(model: ThreatModel): TreeDerivation | undefined {
    return this.parts && sameParts(this.parts, partsOf(model)) ? this.value : undefined;
  }

  get(model: ThreatModel): TreeDerivation {
    const cached = this.peek(model);
    if (cached) return cached;
    const value = this.derive(model);
    this.parts = partsOf(model);
    this.value = value;
    return value;
  }
}

function sameParts(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

export function deriveTrees(model: ThreatModel): TreeDerivation {
  const { analysis } = deriveModel(model);
  const tree = analysis.trees.tree;
  const evaluation = analysis.evaluation;
  return { tree, graph: treeGraph(tree), evaluation, goals: analysis.trees.goals };
}
