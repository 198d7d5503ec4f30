import type { ConditionId } from '../../conditions/condition-ids';
import type { Finding } from '../../conditions/finding';
import type { Workload } from '../../import/workload';
import type { MitigationId } from '../../mitigations/mitigation-ids';

/** One setting the hardened configuration changes, and what it fixes. */
export interface HardeningChange {
  /** The setting as the output file names it: `cap_add`, `securityContext.privileged` … */
  setting: string;
  /** Which container, for a Kubernetes workload with several. */
  container?: string;
  /** What the change does, in a few words. */
  description: string;
  mitigation: MitigationId;
  /** The findings this change removes (with the others of the same workload). */
  fixes: Finding[];
  /** Findings the change works towards without removing them on its own (the rest needs a host
   * setting), or that it keeps from reappearing once another change lands. */
  related?: Finding[];
  /** Something the user must check before applying it. */
  check?: string;
}

/** A finding the hardened configuration leaves as it is, and why. */
export interface UnfixedFinding {
  finding: Finding;
  reason: string;
}

/** What hardening does to one workload. */
export interface WorkloadHardening {
  workload: Workload;
  /** The output file the changes are in (relative to the output folder). */
  file: string;
  changes: HardeningChange[];
  unfixed: UnfixedFinding[];
}

/** Collects a workload's changes; a finding can be fixed by more than one change. */
export class ChangeLog {
  readonly changes: HardeningChange[] = [];
  private readonly fixed = new Set<string>();

  add(change: HardeningChange): void {
    this.changes.push(change);
    for (const finding of change.fixes) this.fixed.add(finding.id);
  }

  isFixed(finding: Finding): boolean {
    return this.fixed.has(finding.id);
  }
}

/** Findings of one condition, optionally for one container. */
export function ofCondition(
  findings: readonly Finding[],
  condition: ConditionId,
  container?: string,
): Finding[] {
  return findings.filter(
    (f) =>
      f.condition === condition &&
      (container === undefined || f.container === undefined || f.container === container),
  );
}

/** Why no configuration change is generated for a condition (DESIGN §4 ids). */
export function unfixableReason(finding: Finding, platform: Workload['platform']): string {
  switch (finding.condition) {
    case 'no-user-namespace':
      return platform === 'kubernetes'
        ? 'needs user namespaces on the nodes: set hostUsers: false once the cluster supports it (host hardening)'
        : 'needs userns-remap in the Docker daemon configuration (host hardening)';
    case 'flat-network':
    case 'no-network-policy':
      return 'needs network segmentation: separate networks or a NetworkPolicy, not a container setting';
    case 'plaintext-flow':
      return 'needs TLS between the two services (application and certificate change)';
    case 'secret-in-environment':
      return 'move the value into a secret (compose secrets, a Kubernetes Secret) and rotate it';
    case 'mutable-image':
      return 'pin the image by digest (image@sha256:…) after checking which image you trust';
    case 'full-os-base-image':
    case 'dockerfile-remote-add':
    case 'dockerfile-pipe-to-shell':
    case 'dockerfile-workdir-proc-fd':
      return 'change the Dockerfile and rebuild the image';
    case 'published-port':
    case 'container-api-exposed':
      return 'decide which ports must be reachable from outside and bind the others to 127.0.0.1 (or remove them)';
    case 'generic-seccomp-profile':
      return 'generate an application-specific profile with `rampart profile seccomp` and reference it';
    case 'generic-mac-profile':
      return 'write an AppArmor policy and generate its profile with `rampart profile apparmor`';
    case 'host-devices':
      return 'remove the devices the workload does not need; a device it needs cannot be removed by a generated change';
    case 'host-path-mount':
      return 'check that the host folder is needed, and mount it read-only if it is';
    case 'unsafe-sysctls':
      return 'remove the sysctl, or allow it on the node deliberately';
    case 'runs-as-root':
      return 'set a non-root USER in the Dockerfile';
    default:
      return 'no configuration change is generated for this condition';
  }
}
