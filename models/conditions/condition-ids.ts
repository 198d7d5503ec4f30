/** The condition vocabulary (DESIGN §4). Ids are stable: new ids may be added, these keep their meaning. */
export const CONDITION_IDS = [
  'privileged',
  'runtime-socket-mount',
  'host-pid',
  'host-ipc',
  'host-network',
  'sensitive-host-mount',
  'host-path-mount',
  'cap-sys-admin',
  'dangerous-capability',
  'default-capabilities-kept',
  'runs-as-root',
  'privilege-escalation-allowed',
  'writable-root-filesystem',
  'seccomp-unconfined',
  'generic-seccomp-profile',
  'mac-disabled',
  'generic-mac-profile',
  'no-user-namespace',
  'host-devices',
  'unsafe-sysctls',
  'proc-mount-unmasked',
  'secret-in-environment',
  'service-account-token-automount',
  'no-resource-limits',
  'mutable-image',
  'full-os-base-image',
  'published-port',
  'container-api-exposed',
  'dockerfile-remote-add',
  'dockerfile-pipe-to-shell',
  'dockerfile-workdir-proc-fd',
  'plaintext-flow',
  'flat-network',
  'no-network-policy',
] as const;

export type ConditionId = (typeof CONDITION_IDS)[number];

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

/** Higher is worse: critical 4 … info 0. */
export function severityRank(severity: Severity): number {
  return 4 - SEVERITY_ORDER.indexOf(severity);
}
