import type { AnalysisResult } from '../../analysis/analyze';
import type { AttackTree } from '../tree/attack-tree';
import { carryOverUserNodes } from '../tree/carry-over-user-nodes';
import { Footholds } from './footholds';
import { GeneratorContext, type GenerateOptions } from './generator-context';
import { GoalBuilder, type GoalInfo } from './goals';
import { TreeAssembler } from './tree-assembler';

export interface GeneratedTrees {
  /** One attack-defence DAG holding every goal: goals share their sub-goals. */
  tree: AttackTree;
  /** The goals, sorted by id. */
  goals: GoalInfo[];
}

export interface GenerateTreesOptions extends GenerateOptions {
  /** The previous tree, whose user-added nodes and notes are carried over. */
  previous?: AttackTree;
}

/**
 * Generates the attack-defence trees of a system (DESIGN §5) from its analysis: entry points
 * (exposed ports, mutable images, unverified builds), lateral movement over the network as the
 * topology allows it, and the goals — root on each host, secrets of each workload, data of each
 * store, interception of each plaintext flow, persistence, resource hijacking, cloud credentials —
 * each step made from the rule catalogue with its evidence, the host assumptions it rests on, and
 * a defence node for every mitigation that cuts it, active where the mitigation is implemented.
 * Deterministic: the same analysis and options give the same tree.
 */
export function generateAttackTrees(
  analysis: AnalysisResult,
  options: GenerateTreesOptions = {},
): GeneratedTrees {
  const gen = new GeneratorContext(analysis, options);
  const assembler = new TreeAssembler(gen.assumptions);
  const footholds = new Footholds(gen, assembler);
  footholds.build();
  const goals = new GoalBuilder(gen, assembler, footholds);
  goals.build();
  let tree = pruneUnreachable(assembler.tree(), goals.goals);
  if (options.previous) tree = carryOverUserNodes(options.previous, tree).tree;
  return { tree, goals: goals.goals };
}

/** Keeps the nodes some goal depends on, and the defences of those nodes. */
function pruneUnreachable(tree: AttackTree, goals: GoalInfo[]): AttackTree {
  const keep = new Set<string>();
  const stack = goals.map((g) => g.id);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (keep.has(id)) continue;
    keep.add(id);
    const node = tree.nodes.get(id);
    if (node && (node.kind === 'goal' || node.kind === 'subgoal')) stack.push(...node.children);
  }
  const nodes = [...tree.nodes.values()].filter(
    (n) => keep.has(n.id) || (n.kind === 'defence' && n.counters.some((c) => keep.has(c))),
  );
  return {
    nodes: new Map(
      nodes.map((n) => [
        n.id,
        n.kind === 'defence' ? { ...n, counters: n.counters.filter((c) => keep.has(c)) } : n,
      ]),
    ),
  };
}
