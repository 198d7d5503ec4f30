import type { ConditionId } from '../../conditions/condition-ids';
import type { Finding } from '../../conditions/finding';
import { ASSUMPTIONS, type AssumptionKey, type AssumptionValue } from './assumptions';
import type { PreconditionContext } from './evaluate-precondition';

/**
 * A context over a ready list of findings (the container's own, its workload's, and those of its
 * networks and flows): assumptions the workshop set win, the others take the catalogue default.
 */
export function createPreconditionContext(
  findings: readonly Finding[],
  options: { platform: string; assumptions?: Partial<Record<AssumptionKey, AssumptionValue>> },
): PreconditionContext {
  const byCondition = new Map<ConditionId, Finding[]>();
  for (const finding of findings) {
    const list = byCondition.get(finding.condition) ?? [];
    list.push(finding);
    byCondition.set(finding.condition, list);
  }
  const set = options.assumptions ?? {};
  return {
    platform: options.platform,
    findings: (condition) => byCondition.get(condition) ?? [],
    assumption: (key) => set[key] ?? ASSUMPTIONS[key].default,
  };
}
