import type { MitigationId } from '../../mitigations/mitigation-ids';
import type { SourceRef } from '../../source/source-ref';
import { ASSUMPTIONS, type AssumptionKey, type AssumptionValue } from '../rules/assumptions';
import type { AttackRule } from '../rules/rule';
import type { AttackTree, DefenceEffect, Gate, NodeId, PartialEffect, TreeNode } from '../tree/attack-tree';

/** What a partial mitigation does to a step it narrows: the attacker gets past it half the time,
 * and working around it costs half a day and a few hours. A workshop edits these per defence. */
const PARTIAL_MITIGATION: PartialEffect = { probabilityFactor: 0.5, addedCost: 0.5, addedTime: 4 };
import type { Requirement } from './requirement-formula';

/** Collects generated nodes. Ids are readable paths (`exec:compose:shop/web`), so the same model
 * always gives the same tree and a node keeps its id across regenerations (notes and decisions
 * attach to ids). A node added twice is the same shared node: that is what makes the tree a DAG. */
export class TreeAssembler {
  private readonly nodes = new Map<NodeId, TreeNode>();

  constructor(private readonly assumptions: Record<AssumptionKey, AssumptionValue>) {}

  has(id: NodeId): boolean {
    return this.nodes.has(id);
  }

  remove(id: NodeId): void {
    this.nodes.delete(id);
  }

  /** A goal or sub-goal; an empty OR is impossible, so callers only add gates with children. */
  gate(id: NodeId, kind: 'goal' | 'subgoal', gate: Gate, label: string, children: NodeId[]): NodeId {
    const unique = [...new Set(children)];
    this.nodes.set(id, { id, kind, gate, label, origin: 'generated', children: unique });
    return id;
  }

  /** A basic step made from a catalogue rule. */
  step(id: NodeId, rule: AttackRule, label: string, evidence: SourceRef[], elementId: string): NodeId {
    if (!this.nodes.has(id)) {
      this.nodes.set(id, {
        id,
        kind: 'step',
        label,
        origin: 'generated',
        attributes: { ...rule.defaults },
        ruleId: rule.id,
        attack: [...rule.attack.techniques, ...rule.attack.microsoft],
        cves: rule.cves,
        evidence: dedupeRefs(evidence),
        elementId,
      });
    }
    return id;
  }

  /** The leaves and gates a host-assumption formula needs; undefined when nothing is assumed. */
  requirement(requirement: Requirement, idFor: () => string): NodeId | undefined {
    switch (requirement.kind) {
      case 'true':
      case 'false':
        return undefined;
      case 'assumption':
        return this.assumption(requirement.key, requirement.is);
      default: {
        const children = requirement.items
          .map((item, i) => this.requirement(item, () => `${idFor()}.${i}`))
          .filter((c): c is NodeId => c !== undefined);
        if (children.length === 1) return children[0];
        const label =
          requirement.kind === 'and' ? 'host facts that must all hold' : 'host facts, one of which must hold';
        return this.gate(idFor(), 'subgoal', requirement.kind === 'and' ? 'AND' : 'OR', label, children);
      }
    }
  }

  /** A host fact as an explicit leaf: known true (free for the attacker), known false (its
   * branches are impossible) or unknown (assumed, with the catalogue's probability). */
  assumption(key: AssumptionKey, is: AssumptionValue): NodeId {
    const id = `assume:${key}=${String(is)}`;
    if (!this.nodes.has(id)) {
      const info = ASSUMPTIONS[key];
      const current = this.assumptions[key];
      const holds = current === 'unknown' ? 'unknown' : current === is;
      this.nodes.set(id, {
        id,
        kind: 'assumption',
        label: `${info.title} (${key} = ${String(is)})`,
        origin: 'generated',
        key,
        value: String(is),
        holds,
        probability: is === info.enablingValue ? info.unknownProbability : 1 - info.unknownProbability,
      });
    }
    return id;
  }

  /** Attaches a mitigation of one element to a step; one defence node per mitigation, element
   * and effect counters every step it cuts there. */
  defend(
    step: NodeId,
    mitigation: MitigationId,
    effect: DefenceEffect,
    target: string,
    active: boolean,
    label: string,
  ): void {
    const id = `defence:${mitigation}@${target}${effect === 'partial' ? ':partial' : ''}`;
    const existing = this.nodes.get(id);
    if (existing?.kind === 'defence') {
      if (!existing.counters.includes(step))
        this.nodes.set(id, { ...existing, counters: [...existing.counters, step] });
      return;
    }
    this.nodes.set(id, {
      id,
      kind: 'defence',
      label,
      origin: 'generated',
      counters: [step],
      mitigation,
      effect,
      ...(effect === 'partial' ? { partial: PARTIAL_MITIGATION } : {}),
      active,
      children: [],
    });
  }

  tree(): AttackTree {
    // Sorted insertion: map order is part of the output, and ids decide it, not generation order.
    const sorted = [...this.nodes.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return { nodes: new Map(sorted.map((n) => [n.id, n])) };
  }
}

function dedupeRefs(refs: SourceRef[]): SourceRef[] {
  const seen = new Map<string, SourceRef>();
  for (const r of refs) seen.set(`${r.file}:${r.line}:${r.column}:${r.path ?? ''}`, r);
  return [...seen.values()];
}
