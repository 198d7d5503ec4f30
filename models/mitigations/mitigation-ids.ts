/** Mitigation kinds (DESIGN §6). Ids are stable. */
export const MITIGATION_IDS = [
  'user-namespace',
  'apparmor-profile',
  'selinux-policy',
  'seccomp-profile',
  'seccomp-default',
  'drop-capabilities',
  'no-new-privileges',
  'read-only-rootfs',
  'non-root-user',
  'no-privileged',
  'no-host-namespaces',
  'no-runtime-socket',
  'no-sensitive-mounts',
  'tls',
  'mtls',
  'ipsec',
  'network-policy',
  'secrets-manager',
  'minimal-base-image',
  'immutable-image',
  'resource-limits',
  'no-service-account-token',
  'host-hardening',
  'restrict-host-access',
  'logging-and-audit',
  'security-testing-in-ci',
] as const;

export type MitigationId = (typeof MITIGATION_IDS)[number];

/** State of one mitigation on one element or flow (DESIGN §3). */
export type MitigationState = 'implemented' | 'planned' | 'not-applicable' | 'accepted-risk' | 'missing';
