import type { MitigationId } from '../../mitigations/mitigation-ids';
import {
  DEFAULT_STEP_ATTRIBUTES,
  type AssumptionHolds,
  type AttackTree,
  type DefenceEffect,
  type Gate,
  type GateNode,
  type NodeId,
  type NodeOrigin,
  type PartialEffect,
  type StepAttributes,
  type StepNode,
  type TreeNode,
} from './attack-tree';

interface CommonOptions {
  label?: string;
  origin?: NodeOrigin;
  notes?: string;
}

export type GateOptions = CommonOptions & { kind?: GateNode['kind'] };

export type StepOptions = CommonOptions &
  Partial<Pick<StepNode, 'ruleId' | 'attack' | 'cves' | 'evidence' | 'elementId'>>;

export type AssumptionOptions = CommonOptions & { key?: string; value?: string; probability?: number };

export type DefenceOptions = CommonOptions & {
  mitigation?: MitigationId;
  effect?: DefenceEffect;
  partial?: Partial<PartialEffect>;
  active?: boolean;
  /** Counter-attacks that defeat the defence. */
  children?: readonly NodeId[];
};

/** A small declarative builder, for tests and examples:
 *
 * ```ts
 * tree().goal('root', 'AND', ['A', 'B']).or('A', ['x', 'y']).or('B', ['x', 'z'])
 *   .step('x', { cost: 10 }).step('y', { cost: 6 }).step('z', { cost: 6 }).build()
 * ```
 * Labels default to ids, origin to `generated`, attributes to `DEFAULT_STEP_ATTRIBUTES`. The
 * builder does not validate: use `validateTree` on the result. */
export class TreeBuilder {
  private readonly nodes = new Map<NodeId, TreeNode>();

  goal(id: NodeId, gate: Gate, children: readonly NodeId[], options: GateOptions = {}): this {
    return this.gateNode(id, gate, children, { kind: 'goal', ...options });
  }

  or(id: NodeId, children: readonly NodeId[], options: GateOptions = {}): this {
    return this.gateNode(id, 'OR', children, options);
  }

  and(id: NodeId, children: readonly NodeId[], options: GateOptions = {}): this {
    return this.gateNode(id, 'AND', children, options);
  }

  sand(id: NodeId, children: readonly NodeId[], options: GateOptions = {}): this {
    return this.gateNode(id, 'SAND', children, options);
  }

  step(id: NodeId, attributes: Partial<StepAttributes> = {}, options: StepOptions = {}): this {
    const { label, origin, notes, ...meta } = options;
    return this.add({
      id,
      kind: 'step',
      label: label ?? id,
      origin: origin ?? 'generated',
      ...(notes !== undefined && { notes }),
      attributes: { ...DEFAULT_STEP_ATTRIBUTES, ...attributes },
      attack: meta.attack ?? [],
      cves: meta.cves ?? [],
      evidence: meta.evidence ?? [],
      ...(meta.ruleId !== undefined && { ruleId: meta.ruleId }),
      ...(meta.elementId !== undefined && { elementId: meta.elementId }),
    });
  }

  /** Several steps at once: `steps({ x: { cost: 10 }, y: {} })`. */
  steps(attributes: Record<NodeId, Partial<StepAttributes>>): this {
    for (const [id, attrs] of Object.entries(attributes)) this.step(id, attrs);
    return this;
  }

  assumption(id: NodeId, holds: AssumptionHolds, options: AssumptionOptions = {}): this {
    return this.add({
      id,
      kind: 'assumption',
      label: options.label ?? id,
      origin: options.origin ?? 'generated',
      ...(options.notes !== undefined && { notes: options.notes }),
      key: options.key ?? id,
      value: options.value ?? '',
      holds,
      probability: options.probability ?? 0.5,
    });
  }

  defence(id: NodeId, counters: readonly NodeId[], options: DefenceOptions = {}): this {
    const effect = options.effect ?? (options.partial ? 'partial' : 'blocks');
    return this.add({
      id,
      kind: 'defence',
      label: options.label ?? id,
      origin: options.origin ?? 'generated',
      ...(options.notes !== undefined && { notes: options.notes }),
      counters,
      ...(options.mitigation !== undefined && { mitigation: options.mitigation }),
      effect,
      ...(effect === 'partial' && {
        partial: { probabilityFactor: 0.5, addedCost: 0, addedTime: 0, ...options.partial },
      }),
      active: options.active ?? true,
      children: options.children ?? [],
    });
  }

  /** Adds a node as it is (replacing one with the same id). */
  add(node: TreeNode): this {
    this.nodes.set(node.id, node);
    return this;
  }

  build(): AttackTree {
    return { nodes: new Map(this.nodes) };
  }

  private gateNode(id: NodeId, gate: Gate, children: readonly NodeId[], options: GateOptions): this {
    return this.add({
      id,
      kind: options.kind ?? 'subgoal',
      label: options.label ?? id,
      origin: options.origin ?? 'generated',
      ...(options.notes !== undefined && { notes: options.notes }),
      gate,
      children,
    });
  }
}

export function tree(): TreeBuilder {
  return new TreeBuilder();
}
