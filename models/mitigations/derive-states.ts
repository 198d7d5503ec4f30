import { ASSUMPTIONS, type AssumptionKey, type AssumptionValue } from '../attack/rules/assumptions';
import { findingMatches } from '../attack/rules/finding-filter';
import type { Finding } from '../conditions/finding';
import type { Platform } from '../import/workload';
import { compareSourceRefs, type SourceRef } from '../source/source-ref';
import { MITIGATIONS } from './catalogue';
import type { Mitigation } from './mitigation';
import { MITIGATION_IDS, type MitigationId, type MitigationState } from './mitigation-ids';

/**
 * Mitigation states from configuration evidence (DESIGN §3): for a workload, every mitigation kind
 * that applies to it is `implemented` when none of the findings that contradict it concern any of
 * its containers, `missing` otherwise; kinds that cannot apply (a service-account token outside
 * Kubernetes) are `not-applicable` with the reason. For a flow, the transport kinds follow its
 * protection. User overrides then win (`applyOverrides`), and the derived value is kept for display.
 */

export interface ContainerEvidence {
  name: string;
  /** The container or service definition: cited as evidence when nothing contradicts a mitigation. */
  at: SourceRef;
  findings: readonly Finding[];
  /** True when the Dockerfile that builds this container's image was analysed. */
  dockerfileAnalysed?: boolean;
}

export interface WorkloadTarget {
  kind: 'workload';
  id: string;
  platform: Platform;
  containers: readonly ContainerEvidence[];
  /** Findings that concern the whole workload: host namespaces, service-account token, and those of
   * its networks and flows (`flat-network`, `no-network-policy`) from the topology. */
  findings?: readonly Finding[];
  /** True when the topology's network findings are among `findings`; until then nothing shows
   * network segmentation either way. */
  topologyAnalysed?: boolean;
}

export interface FlowTarget {
  kind: 'flow';
  id: string;
  protection: 'none' | 'tls' | 'mtls' | 'ipsec';
  at?: SourceRef;
}

export type MitigationTarget = WorkloadTarget | FlowTarget;

export interface DeriveOptions {
  /** Host assumptions set in the workshop; the others take the catalogue default. */
  assumptions?: Partial<Record<AssumptionKey, AssumptionValue>>;
}

export interface DerivedMitigationState {
  mitigation: MitigationId;
  state: MitigationState;
  /** The conditions found, the assumptions used, or why the kind does not apply. */
  reason?: string;
  /** Config lines behind the state: the findings that show it missing, or the definitions checked. */
  evidence: SourceRef[];
  /** What the state rests on: configuration, host assumptions, or nothing (the workshop decides). */
  basis: 'config' | 'assumption' | 'none';
}

function uniqueSortedRefs(refs: Iterable<SourceRef>): SourceRef[] {
  const byKey = new Map<string, SourceRef>();
  for (const ref of refs)
    byKey.set(`${ref.file}\u0000${ref.line}\u0000${ref.column}\u0000${ref.path ?? ''}`, ref);
  return [...byKey.values()].sort(
    (a, b) =>
      compareSourceRefs(a, b) ||
      ((a.path ?? '') < (b.path ?? '') ? -1 : (a.path ?? '') > (b.path ?? '') ? 1 : 0),
  );
}

function assumptionValue(key: AssumptionKey, options: DeriveOptions): AssumptionValue {
  return options.assumptions?.[key] ?? ASSUMPTIONS[key].default;
}

/** An implicit `no-user-namespace` finding on Docker means "userns_mode not set"; a daemon that
 * remaps users (`daemon-userns-remap`) then runs the container in a user namespace after all. */
function isCancelledByDaemon(finding: Finding, target: WorkloadTarget, options: DeriveOptions): boolean {
  return (
    finding.condition === 'no-user-namespace' &&
    finding.implicit &&
    target.platform === 'docker' &&
    assumptionValue('daemon-userns-remap', options) === true
  );
}

function deriveForWorkload(
  mitigation: Mitigation,
  target: WorkloadTarget,
  options: DeriveOptions,
): DerivedMitigationState {
  const id = mitigation.id;
  const notApplicable = mitigation.notApplicable?.find((entry) => entry.platforms.includes(target.platform));
  if (notApplicable)
    return {
      mitigation: id,
      state: 'not-applicable',
      reason: notApplicable.reason,
      evidence: [],
      basis: 'config',
    };

  const evidence = mitigation.evidence;
  if (evidence.kind === 'none')
    return { mitigation: id, state: 'missing', reason: evidence.reason, evidence: [], basis: 'none' };
  if (evidence.kind === 'assumptions') {
    const contrary = evidence.all.filter((a) => assumptionValue(a.assumption, options) !== a.is);
    if (contrary.length === 0) {
      const said = evidence.all.map((a) => `${a.assumption} = ${String(a.is)}`).join(', ');
      return {
        mitigation: id,
        state: 'implemented',
        reason: `assumed: ${said}`,
        evidence: [],
        basis: 'assumption',
      };
    }
    const said = contrary
      .map((a) => `${a.assumption} = ${String(assumptionValue(a.assumption, options))}`)
      .join(', ');
    return {
      mitigation: id,
      state: 'missing',
      reason: `assumed: ${said}`,
      evidence: [],
      basis: 'assumption',
    };
  }
  if (evidence.kind === 'flow-protection') {
    return {
      mitigation: id,
      state: 'not-applicable',
      reason: 'a property of data flows',
      evidence: [],
      basis: 'config',
    };
  }

  const all = [...(target.findings ?? []), ...target.containers.flatMap((container) => container.findings)];
  const contradicting = all.filter(
    (finding) =>
      !isCancelledByDaemon(finding, target, options) &&
      evidence.conditions.some((c) => c.condition === finding.condition && findingMatches(finding, c.where)),
  );
  if (contradicting.length > 0) {
    const conditions = [...new Set(contradicting.map((finding) => finding.condition))].sort().join(', ');
    return {
      mitigation: id,
      state: 'missing',
      reason: `found: ${conditions}`,
      evidence: uniqueSortedRefs(contradicting.flatMap((finding) => [finding.source, ...finding.evidence])),
      basis: 'config',
    };
  }
  if (
    (id === 'apparmor-profile' || id === 'selinux-policy') &&
    assumptionValue('host-mac-enabled', options) === false
  ) {
    return {
      mitigation: id,
      state: 'missing',
      reason: 'assumed: host-mac-enabled = false (the host enforces no AppArmor/SELinux)',
      evidence: [],
      basis: 'assumption',
    };
  }
  if (evidence.needs === 'dockerfile') {
    const unseen = target.containers.filter((container) => !container.dockerfileAnalysed).map((c) => c.name);
    if (unseen.length > 0) {
      return {
        mitigation: id,
        state: 'missing',
        reason: `no Dockerfile analysed for ${unseen.join(', ')}: nothing shows it`,
        evidence: [],
        basis: 'none',
      };
    }
  }
  if (evidence.needs === 'topology' && !target.topologyAnalysed) {
    return {
      mitigation: id,
      state: 'missing',
      reason: 'the network topology was not analysed: nothing shows it',
      evidence: [],
      basis: 'none',
    };
  }
  return {
    mitigation: id,
    state: 'implemented',
    reason: `no ${evidence.conditions.map((c) => c.condition).join(', ')} in the configuration`,
    evidence: uniqueSortedRefs(target.containers.map((container) => container.at)),
    basis: 'config',
  };
}

function deriveForFlow(mitigation: Mitigation, target: FlowTarget): DerivedMitigationState {
  const evidence = mitigation.evidence;
  const refs = target.at ? [target.at] : [];
  if (evidence.kind !== 'flow-protection') {
    return {
      mitigation: mitigation.id,
      state: 'not-applicable',
      reason: 'not a property of data flows',
      evidence: [],
      basis: 'config',
    };
  }
  const implemented = target.protection !== 'none' && evidence.protections.includes(target.protection);
  const carried = target.protection === 'none' ? 'carries plaintext' : `is protected by ${target.protection}`;
  return {
    mitigation: mitigation.id,
    state: implemented ? 'implemented' : 'missing',
    reason: `the flow ${carried}`,
    evidence: refs,
    basis: 'config',
  };
}

/** The derived state of every mitigation kind that applies to the target, in DESIGN §6 order:
 * flow-scoped kinds for a flow, all others for a workload. */
export function deriveMitigationStates(
  target: MitigationTarget,
  options: DeriveOptions = {},
): DerivedMitigationState[] {
  const states: DerivedMitigationState[] = [];
  for (const id of MITIGATION_IDS) {
    const mitigation = MITIGATIONS[id];
    const forFlows = mitigation.scope === 'flow';
    if (target.kind === 'flow') {
      if (forFlows) states.push(deriveForFlow(mitigation, target));
    } else if (!forFlows) {
      states.push(deriveForWorkload(mitigation, target, options));
    }
  }
  return states;
}

/** A state set by hand in a workshop or in the model file. */
export interface MitigationOverride {
  mitigation: MitigationId;
  state: MitigationState;
  reason?: string;
  author?: string;
}

export interface ResolvedMitigationState {
  mitigation: MitigationId;
  state: MitigationState;
  reason?: string;
  evidence: SourceRef[];
  basis: DerivedMitigationState['basis'] | 'user';
  /** True when a user override decided the state. */
  overridden: boolean;
  author?: string;
  /** What the configuration said, kept for display next to an override; absent when the user
   * asserted a kind nothing was derived for. */
  derived?: DerivedMitigationState;
}

/**
 * Applies user overrides to derived states: an override wins (the last one for a kind, if several)
 * and is marked `overridden`, with the derived state kept beside it. An override for a kind nothing
 * was derived for is added. The result is in DESIGN §6 order.
 */
export function applyOverrides(
  derived: readonly DerivedMitigationState[],
  overrides: readonly MitigationOverride[],
): ResolvedMitigationState[] {
  const lastOverride = new Map<MitigationId, MitigationOverride>();
  for (const override of overrides) lastOverride.set(override.mitigation, override);
  const derivedById = new Map(derived.map((state) => [state.mitigation, state]));
  const resolved: ResolvedMitigationState[] = [];
  for (const id of MITIGATION_IDS) {
    const fromConfig = derivedById.get(id);
    const override = lastOverride.get(id);
    if (override) {
      resolved.push({
        mitigation: id,
        state: override.state,
        ...(override.reason !== undefined ? { reason: override.reason } : {}),
        evidence: fromConfig?.evidence ?? [],
        basis: 'user',
        overridden: true,
        ...(override.author !== undefined ? { author: override.author } : {}),
        ...(fromConfig ? { derived: fromConfig } : {}),
      });
    } else if (fromConfig) {
      resolved.push({ ...fromConfig, overridden: false });
    }
  }
  return resolved;
}
