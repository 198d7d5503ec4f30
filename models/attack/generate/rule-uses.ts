import type { Container, Workload } from '../../import/workload';
import { MITIGATIONS } from '../../mitigations/catalogue';
import type { SourceRef } from '../../source/source-ref';
import type { DataFlow } from '../../topology/types';
import type { PreconditionContext } from '../rules/evaluate-precondition';
import { mitigationEffect } from '../rules/mitigation-effect';
import type { AttackRule } from '../rules/rule';
import type { NodeId } from '../tree/attack-tree';
import type { GeneratorContext } from './generator-context';
import { resolveRequirement, type ResolvedRequirement } from './requirement-formula';
import type { TreeAssembler } from './tree-assembler';

/** A rule whose precondition holds (or may hold, on unknown host facts) for one container. */
export interface RuleInstance {
  rule: AttackRule;
  workload: Workload;
  container: Container;
  ctx: PreconditionContext;
  resolved: ResolvedRequirement;
}

export function instantiate(
  gen: GeneratorContext,
  rule: AttackRule,
  workload: Workload,
  container: Container,
  root: boolean | 'finding',
): RuleInstance | undefined {
  const ctx = gen.preconditionContext(workload, container);
  const resolved = resolveRequirement(rule.requires, ctx, root);
  if (resolved.requirement.kind === 'false') return undefined;
  return { rule, workload, container, ctx, resolved };
}

/** Where the step happens, for labels: `worker` or `shop/worker` when a pod has several containers. */
export function placeName(instance: { workload: Workload; container: Container }): string {
  const { workload, container } = instance;
  return workload.containers.length > 1 || container.name !== workload.name
    ? `${workload.name}/${container.name}`
    : workload.name;
}

/**
 * Adds one use of a rule: the attacker's starting point (if the rule needs one), the host facts it
 * relies on, then the step itself, in that order under a sequential AND. The step carries the
 * evidence from the configuration and a defence node for each mitigation that cuts it here.
 */
export function addRuleUse(
  gen: GeneratorContext,
  tree: TreeAssembler,
  instance: RuleInstance,
  foothold: NodeId | undefined,
  suffix = '',
): NodeId {
  const { rule, workload, container, ctx, resolved } = instance;
  const where = `${workload.id}/${container.name}${suffix}`;
  const stepId = `step:${rule.id}:${where}`;
  const evidence: SourceRef[] = resolved.evidence.map((f) => f.source);
  tree.step(stepId, rule, `${rule.title} (${placeName(instance)})`, evidence, workload.id);
  for (const entry of [...rule.blockedBy, ...rule.partiallyBlockedBy]) {
    const m = entry.mitigation;
    if (MITIGATIONS[m].scope === 'flow') continue; // transport controls belong to flows, not containers
    const effect = mitigationEffect(rule, m, ctx);
    if (effect === 'none') continue;
    const active = gen.mitigationState(workload, m)?.state === 'implemented';
    tree.defend(
      stepId,
      m,
      effect === 'blocks' ? 'blocks' : 'partial',
      workload.id,
      active,
      `${MITIGATIONS[m].title} (${workload.name})`,
    );
  }
  const facts = tree.requirement(resolved.requirement, () => `facts:${rule.id}:${where}`);
  const children = [foothold, facts, stepId].filter((c): c is NodeId => c !== undefined);
  if (children.length === 1) return stepId;
  const gate = foothold ? 'SAND' : 'AND';
  return tree.gate(
    `use:${rule.id}:${where}`,
    'subgoal',
    gate,
    `${rule.title} (${placeName(instance)})`,
    children,
  );
}

/** Attaches the transport controls of a flow (TLS, mTLS, IPsec) to a step on that flow. */
export function defendFlowStep(
  gen: GeneratorContext,
  tree: TreeAssembler,
  step: NodeId,
  rule: AttackRule,
  flow: DataFlow,
  flowName: string,
): void {
  for (const entry of [...rule.blockedBy, ...rule.partiallyBlockedBy]) {
    const m = entry.mitigation;
    if (MITIGATIONS[m].scope !== 'flow') continue;
    const effect = rule.blockedBy.includes(entry) ? 'blocks' : 'partial';
    tree.defend(
      step,
      m,
      effect,
      flow.id,
      gen.flowMitigationActive(flow, m),
      `${MITIGATIONS[m].title} (${flowName})`,
    );
  }
}
