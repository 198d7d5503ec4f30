import type { MitigationId } from '../../mitigations/mitigation-ids';
import type { SourceRef } from '../../source/source-ref';

/** Attack-defence trees (ADTrees) after Kordy, Mauw, Radomirović & Schweitzer, "Attack–defense
 * trees", J. Logic & Computation 24(1), 2014, with the sequential conjunction (SAND) of Jhawar et
 * al., "Attack trees with sequential conjunction", IFIP SEC 2015. Generated trees share sub-goals,
 * so the structure is a DAG of nodes keyed by id; evaluation must be DAG-correct (see
 * `models/attack/evaluation/`). */

export type NodeId = string;

/** Refinement of an attack node: any child (OR), all children (AND), all children left to right
 * (SAND). */
export type Gate = 'OR' | 'AND' | 'SAND';

/** `user` nodes were added by hand in a workshop and survive regeneration of the tree. */
export type NodeOrigin = 'generated' | 'user';

interface NodeBase {
  id: NodeId;
  label: string;
  origin: NodeOrigin;
  notes?: string;
}

/** A goal (a root the evaluation reports on) or a sub-goal, refined by a gate over ordered
 * children. A goal may also feed other goals. */
export interface GateNode extends NodeBase {
  kind: 'goal' | 'subgoal';
  gate: Gate;
  children: readonly NodeId[];
}

/** Attributes of a basic attack step, in the units the whole tree uses: cost and time are
 * non-negative, skill is a level (0 = none), probability is the chance the step succeeds. */
export interface StepAttributes {
  cost: number;
  time: number;
  skill: number;
  probability: number;
}

/** A basic attack step (leaf), with the rule that generated it and its evidence. */
export interface StepNode extends NodeBase {
  kind: 'step';
  attributes: StepAttributes;
  ruleId?: string;
  /** ATT&CK technique ids (T1611, T1552.007 …). */
  attack: readonly string[];
  cves: readonly string[];
  /** Config lines that enable the step. */
  evidence: readonly SourceRef[];
  /** Diagram element (workload, flow, host) the step happens on. */
  elementId?: string;
}

/** Whether a host fact holds: known true, known false, or not known. */
export type AssumptionHolds = true | false | 'unknown';

/** A host fact that configs rarely state (kernel version, cgroup v1, userns sysctl…), as an
 * explicit leaf: a fact that holds is free for the attacker, a fact that does not hold makes its
 * branch impossible, an unknown fact is assumed with `probability` and listed as such. */
export interface AssumptionNode extends NodeBase {
  kind: 'assumption';
  key: string;
  value: string;
  holds: AssumptionHolds;
  /** Chance that the fact holds, used while it is unknown. */
  probability: number;
}

/** What a partial defence does to the attack node it counters. A partial control narrows a step
 * without closing it (a default seccomp profile, TLS against a spoofing position): passing it
 * multiplies the success probability by `probabilityFactor` and adds `addedCost` and `addedTime`
 * (the extra effort of working around it). Passing it is an independent event: the evaluation
 * treats "the attacker gets past partial defence d" as one more basic event with probability
 * `probabilityFactor`, so exact DAG evaluation stays exact. */
export interface PartialEffect {
  probabilityFactor: number;
  addedCost: number;
  addedTime: number;
}

export type DefenceEffect = 'blocks' | 'partial';

/** A countermeasure attached to the attack nodes it counters (one defence may counter several
 * nodes). `active` says whether it is implemented. Children are counter-attacks (ADTree
 * alternation): achieving any of them defeats the defence. */
export interface DefenceNode extends NodeBase {
  kind: 'defence';
  counters: readonly NodeId[];
  mitigation?: MitigationId;
  effect: DefenceEffect;
  /** Required when `effect` is `partial`; `DEFAULT_PARTIAL_EFFECT` is used when missing. */
  partial?: PartialEffect;
  active: boolean;
  children: readonly NodeId[];
}

export type AttackNode = GateNode | StepNode | AssumptionNode;
export type TreeNode = AttackNode | DefenceNode;
export type NodeKind = TreeNode['kind'];

/** An attack-defence DAG. Map order is the order nodes were added; outputs sort by id. */
export interface AttackTree {
  nodes: ReadonlyMap<NodeId, TreeNode>;
}

export const DEFAULT_STEP_ATTRIBUTES: StepAttributes = { cost: 1, time: 1, skill: 1, probability: 0.5 };

export const DEFAULT_PARTIAL_EFFECT: PartialEffect = { probabilityFactor: 0.5, addedCost: 0, addedTime: 0 };

export function isGateNode(node: TreeNode | undefined): node is GateNode {
  return node !== undefined && (node.kind === 'goal' || node.kind === 'subgoal');
}

export function isAttackNode(node: TreeNode | undefined): node is AttackNode {
  return node !== undefined && node.kind !== 'defence';
}

/** The partial effect of a defence, with the documented default when it was left out. */
export function partialEffectOf(defence: DefenceNode): PartialEffect {
  return defence.partial ?? DEFAULT_PARTIAL_EFFECT;
}

/** Goal ids, sorted. */
export function goalIds(tree: AttackTree): NodeId[] {
  const ids: NodeId[] = [];
  for (const node of tree.nodes.values()) if (node.kind === 'goal') ids.push(node.id);
  return ids.sort(compareIds);
}

/** Code-unit order, the same on every machine (no locale). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A tree with some nodes replaced or added (same ids keep their place in the map order). */
export function withNodes(tree: AttackTree, nodes: Iterable<TreeNode>): AttackTree {
  const next = new Map(tree.nodes);
  for (const node of nodes) next.set(node.id, node);
  return { nodes: next };
}
