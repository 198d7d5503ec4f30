import { evaluateTree, type TreeEvaluation } from '../attack/evaluation';
import {
  generateAttackTrees,
  type GeneratedTrees,
  type GenerateTreesOptions,
} from '../attack/generate/generate-attack-trees';
import type { ImportFile } from '../import/import-file';
import { analyzeFiles, type AnalysisResult, type AnalyzeOptions } from './analyze';

/** The analysis with its attack-defence trees generated and evaluated. */
export interface ThreatAnalysis extends AnalysisResult {
  trees: GeneratedTrees;
  evaluation: TreeEvaluation;
}

export interface ThreatAnalysisOptions
  extends AnalyzeOptions, Pick<GenerateTreesOptions, 'assumptions' | 'overrides'> {}

/** Files → workloads → topology → conditions → attack trees → evaluation. */
export function analyzeThreats(files: ImportFile[], options: ThreatAnalysisOptions = {}): ThreatAnalysis {
  return withTrees(analyzeFiles(files, options), options);
}

export function withTrees(
  analysis: AnalysisResult,
  options: Pick<GenerateTreesOptions, 'assumptions' | 'overrides'> = {},
): ThreatAnalysis {
  const trees = generateAttackTrees(analysis, options);
  return { ...analysis, trees, evaluation: evaluateTree(trees.tree) };
}
