import type { AssumptionKey, AssumptionValue } from '../attack/rules/assumptions';
import type { FindingFilter } from '../attack/rules/finding-filter';
import type { RuleId } from '../attack/rules/rule';
import type { ConditionId } from '../conditions/condition-ids';
import type { Platform } from '../import/workload';
import type { MitigationId } from './mitigation-ids';

/**
 * One mitigation kind (DESIGN §6): what it is, why it matters, which attack steps it cuts, how to
 * put it in place on each platform, how to check that it is in place, the requirement the
 * specification states, and what configuration shows that it is implemented.
 */
export interface Mitigation {
  id: MitigationId;
  title: string;
  /** Why the control matters, in terms of the principles it serves. */
  rationale: string;
  principles: SecurityPrinciple[];
  /** Rule ids whose `blockedBy` or `partiallyBlockedBy` name this kind (a test keeps them in step
   * with the rule catalogue). */
  protectsAgainst: RuleId[];
  scope: MitigationScope;
  implementation: Implementation;
  verification: Verification[];
  /** Normative sentence for the specification; `{target}` is replaced by the element's name. */
  requirement: string;
  /** What in the configuration shows the mitigation to be implemented. */
  evidence: MitigationEvidence;
  /** Platforms on which the mitigation does not apply, and why. */
  notApplicable?: { platforms: Platform[]; reason: string }[];
  /** What it does not do (attack-trees.md §4.4 corrections and §4.3 ✗ cells). */
  limitations: string[];
  sources: string[];
}

/** NCC Group, "Understanding and Hardening Linux Containers" (Grattafiori, 2016), and the DockerCon
 * "Golden Tickets" talk build container hardening on these four ideas. */
export type SecurityPrinciple =
  'least-privilege' | 'least-access' | 'defence-in-depth' | 'minimize-attack-surface';

/** What the control is attached to: a container, a data flow, the host, the image, the cluster or
 * namespace, or the delivery process. */
export type MitigationScope = 'container' | 'flow' | 'host' | 'image' | 'cluster' | 'process';

/** An exact snippet for one platform, or why the platform has none. */
export type PlatformImplementation = { snippet: string; note?: string } | { notApplicable: string };

export interface Implementation {
  compose: PlatformImplementation;
  kubernetes: PlatformImplementation;
  dockerRun: PlatformImplementation;
  /** Where the control lives in the image build. */
  dockerfile?: string;
  /** Where it lives on the host (daemon.json, sysctl, kubelet configuration). */
  host?: string;
  /** Where it lives in the delivery pipeline. */
  ci?: string;
}

export interface Verification {
  on: 'docker' | 'kubernetes' | 'host' | 'image' | 'ci';
  command: string;
  /** What the output must be for the check to pass. */
  expect: string;
}

/** A condition whose findings, when present, show the mitigation missing. */
export interface EvidenceCondition {
  condition: ConditionId;
  where?: FindingFilter;
}

export type MitigationEvidence =
  /** Implemented when no finding of these conditions concerns the target (every container of a
   * workload). `needs`: the conditions come from the Dockerfile or from the topology (networks,
   * flows), so their absence only counts when that was analysed. */
  | { kind: 'absent-conditions'; conditions: EvidenceCondition[]; needs?: 'dockerfile' | 'topology' }
  /** Implemented when the flow's transport protection is one of these. */
  | { kind: 'flow-protection'; protections: ('tls' | 'mtls' | 'ipsec')[] }
  /** Implemented when the workshop's host assumptions say so. */
  | { kind: 'assumptions'; all: { assumption: AssumptionKey; is: AssumptionValue }[] }
  /** Nothing in container configs shows it; the workshop sets the state. */
  | { kind: 'none'; reason: string };
