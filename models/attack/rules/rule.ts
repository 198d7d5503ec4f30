import type { ConditionId } from '../../conditions/condition-ids';
import type { MitigationId } from '../../mitigations/mitigation-ids';
import type { AssumptionKey, AssumptionValue } from './assumptions';
import type { FindingFilter } from './finding-filter';

/**
 * One attack step of the catalogue (attack-trees.md §4.2), as data the tree generator reads. The
 * rule says when the step is possible for one container (`requires`), what it gives the attacker
 * (`yields`), which mitigation kinds cut it fully or partly, and which ones people wrongly expect
 * to cut it (`ineffective`, printed in the specification with the reason).
 */
export interface AttackRule {
  /** `R01`…`R31` from the reference; higher numbers are Rampart's own analysis (`origin`). */
  id: RuleId;
  title: string;
  /** One paragraph: what the attacker does and why it works. */
  description: string;
  stage: AttackStage;
  /** Where the attacker must already be for the step to start. */
  startsFrom: Foothold;
  /** What the attacker holds once the step succeeds; the generator chains steps through it. */
  yields: AttackOutcome;
  attack: AttackMapping;
  cves: string[];
  /** When the step is possible for a container (see `Precondition`). A `runs-as-root` leaf stands
   * for "root in the container": the generator may also reach it through R20 (setuid escalation). */
  requires: Precondition;
  blockedBy: RuleMitigation[];
  partiallyBlockedBy: RuleMitigation[];
  ineffective: IneffectiveMitigation[];
  /** Default leaf attributes; see `AttackAttributes`. */
  defaults: AttackAttributes;
  /** `owner/repo path`, URLs, or sections of attack-trees.md. */
  sources: string[];
  /** `reference` = attack-trees.md §4.2; `rampart-analysis` = a step Rampart adds by its own reasoning. */
  origin: 'reference' | 'rampart-analysis';
}

export type RuleId = `R${string}`;

export type AttackStage =
  | 'initial-access'
  | 'execution'
  | 'privilege-escalation'
  | 'escape'
  | 'credential-access'
  | 'lateral-movement'
  | 'collection'
  | 'persistence'
  | 'impact'
  | 'mitm';

/**
 * - `inside`: code execution in the container the precondition is evaluated on;
 * - `neighbour`: code execution in another workload that can reach this one over the network;
 * - `network-position`: a position on the path of the flow (R14, host network, a compromised node);
 * - `outside`: nothing in the system yet (an exposed port, an image the attacker controls).
 */
export type Foothold = 'inside' | 'neighbour' | 'network-position' | 'outside';

export type AttackOutcome =
  | 'host-root'
  | 'host-file-access'
  | 'container-root'
  | 'code-execution'
  | 'credentials'
  | 'network-position'
  | 'data'
  | 'persistence'
  | 'resource-abuse';

export interface AttackMapping {
  /** ATT&CK Enterprise technique ids (`T1611`, `T1552.007`). */
  techniques: string[];
  /** Microsoft Threat Matrix for Kubernetes technique ids (`MS-TA9018`). */
  microsoft: string[];
}

/**
 * A condition over one container's findings and the host assumptions.
 *
 * - `condition`: some finding of that id concerns the container (its own, its workload's, or one of
 *   the networks and flows it takes part in), optionally narrowed by `where`;
 * - `assumption`: the assumption has value `is`, or is `unknown` (then the step stays possible and
 *   the generator adds the assumption as an uncertain leaf);
 * - `platform`: the workload runs on Docker (compose, `docker run`) or on Kubernetes.
 *
 * `not` negates definite facts only; the catalogue never puts an assumption under `not`, because an
 * unknown assumption would then be both possible and impossible.
 */
export type Precondition =
  | { all: Precondition[] }
  | { any: Precondition[] }
  | { not: Precondition }
  | { condition: ConditionId; where?: FindingFilter }
  | { assumption: AssumptionKey; is: AssumptionValue }
  | { platform: 'docker' | 'kubernetes' };

/** A mitigation kind that cuts the step, fully (`blockedBy`) or partly (`partiallyBlockedBy`). */
export interface RuleMitigation {
  mitigation: MitigationId;
  /** When this holds for the container, the mitigation on its own has no effect on the step
   * (AppArmor on a privileged container: privileged switches AppArmor off). */
  unless?: Precondition;
  /** When `unless` holds, this mitigation still has its effect together with these ones
   * (AppArmor together with removing `privileged`). */
  combinedWith?: MitigationId[];
  /** How far it works, or what it relies on; printed in the specification. */
  note?: string;
}

/** A mitigation kind that does not cut the step although people expect it to, and why. */
export interface IneffectiveMitigation {
  mitigation: MitigationId;
  reason: string;
}

/**
 * Default leaf attributes, on scales a workshop edits:
 * - `cost`: attacker effort in person-days once the preconditions hold (0 = a configuration fact
 *   that needs no work; 0.1 ≈ an hour with a public one-liner; 2+ = adapting a kernel exploit);
 * - `time`: elapsed hours until the step succeeds, waiting included (a cron run, an operator's
 *   next `docker exec`);
 * - `skill`: 1 = follows a public one-liner … 3 = adapts a public exploit … 5 = writes a new one;
 * - `probability`: chance the step succeeds when attempted with its preconditions met.
 *
 * The values are relative defaults, not measurements. Their order follows attack-trees.md §4 (steps
 * with a public one-liner such as R01, R04, R05 are cheapest; kernel CVEs need an exploit matched to
 * the kernel) and the severity anchors of container-checks.md §3/§6 (kubesec: privileged and
 * SYS_ADMIN −30, host namespaces and docker.sock −9, allowPrivilegeEscalation −7; Trivy
 * CRITICAL/HIGH/MEDIUM).
 */
export interface AttackAttributes {
  cost: number;
  time: number;
  skill: 1 | 2 | 3 | 4 | 5;
  probability: number;
}
