import type { ThreatAnalysis } from '../../analysis/analyze-threats';
import type { AnalysisResult } from '../../analysis/analyze';
import type { Finding } from '../../conditions/finding';
import type { MitigationId, MitigationState } from '../../mitigations/mitigation-ids';

/** Threat Dragon threat statuses (its `service/threats/status.js`) that Rampart produces. */
export type ThreatStatus = 'Open' | 'Mitigated' | 'Accepted' | 'NotApplicable';

/** The state of one mitigation on one element or flow, when known. */
export type MitigationStateLookup = (target: string, mitigation: MitigationId) => MitigationState | undefined;

/**
 * Mitigation states as the evaluated attack trees hold them: a defence that fully blocks a step
 * (`defence:<mitigation>@<element>`) is active when the mitigation is implemented — from the
 * configuration, a host assumption (`--assume`) or a user override. Without trees nothing is known.
 */
export function treeMitigationStates(result: AnalysisResult | ThreatAnalysis): MitigationStateLookup {
  if (!('trees' in result)) return () => undefined;
  const nodes = result.trees.tree.nodes;
  return (target, mitigation) => {
    const node = nodes.get(`defence:${mitigation}@${target}`);
    if (node?.kind !== 'defence') return undefined;
    return node.active ? 'implemented' : 'missing';
  };
}

/**
 * A finding's status in Threat Dragon, from the states of the mitigations that address it on its
 * element: `Mitigated` when one of them is implemented, `Accepted` when one is an accepted risk,
 * `NotApplicable` when none applies, `Open` otherwise (missing, planned or unknown).
 */
export function threatStatus(finding: Finding, target: string, states: MitigationStateLookup): ThreatStatus {
  const known = finding.mitigations.map((m) => states(target, m));
  if (known.includes('implemented')) return 'Mitigated';
  if (known.includes('accepted-risk')) return 'Accepted';
  if (known.length > 0 && known.every((s) => s === 'not-applicable')) return 'NotApplicable';
  return 'Open';
}
