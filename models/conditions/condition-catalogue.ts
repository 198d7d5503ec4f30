import type { MitigationId } from '../mitigations/mitigation-ids';
import type { ConditionId, Severity } from './condition-ids';

export interface ConditionInfo {
  title: string;
  /** Default severity (DESIGN §4); a check may raise or lower it with context. */
  severity: Severity;
  /** ATT&CK techniques of the attack steps this condition enables (reference/attack-trees.md §4.2). */
  attack: string[];
  /** Mitigation kinds that remove the condition or cut what it enables. */
  mitigations: MitigationId[];
}

/** What each condition means for an attacker and what addresses it. */
export const CONDITIONS: Record<ConditionId, ConditionInfo> = {
  privileged: {
    title: 'Privileged container',
    severity: 'critical',
    attack: ['T1611'],
    mitigations: ['no-privileged'],
  },
  'runtime-socket-mount': {
    title: 'Container runtime socket mounted',
    severity: 'critical',
    attack: ['T1611', 'T1610', 'T1609'],
    mitigations: ['no-runtime-socket'],
  },
  'host-pid': {
    title: 'Host PID namespace shared',
    severity: 'high',
    attack: ['T1611', 'T1552.001'],
    mitigations: ['no-host-namespaces'],
  },
  'host-ipc': {
    title: 'Host IPC namespace shared',
    severity: 'medium',
    attack: ['T1611'],
    mitigations: ['no-host-namespaces'],
  },
  'host-network': {
    title: 'Host network namespace shared',
    severity: 'high',
    attack: ['T1040', 'T1557'],
    mitigations: ['no-host-namespaces'],
  },
  'sensitive-host-mount': {
    title: 'Sensitive host path mounted',
    severity: 'high',
    attack: ['T1611', 'T1552.001', 'T1053.003'],
    mitigations: ['no-sensitive-mounts'],
  },
  'host-path-mount': {
    title: 'Host path mounted',
    severity: 'low',
    attack: ['T1611'],
    mitigations: ['no-sensitive-mounts'],
  },
  'cap-sys-admin': {
    title: 'CAP_SYS_ADMIN added',
    severity: 'critical',
    attack: ['T1611', 'T1068'],
    mitigations: ['drop-capabilities'],
  },
  'dangerous-capability': {
    title: 'Dangerous capability added',
    severity: 'high',
    attack: ['T1611', 'T1068'],
    mitigations: ['drop-capabilities'],
  },
  'default-capabilities-kept': {
    title: 'Default capabilities not dropped',
    severity: 'medium',
    attack: ['T1557.002', 'T1040'],
    mitigations: ['drop-capabilities'],
  },
  'runs-as-root': {
    title: 'Runs as root',
    severity: 'medium',
    attack: ['T1611'],
    mitigations: ['non-root-user', 'user-namespace'],
  },
  'privilege-escalation-allowed': {
    title: 'Privilege escalation allowed',
    severity: 'medium',
    attack: ['T1548'],
    mitigations: ['no-new-privileges'],
  },
  'writable-root-filesystem': {
    title: 'Writable root filesystem',
    severity: 'medium',
    attack: ['T1105', 'T1496.001'],
    mitigations: ['read-only-rootfs'],
  },
  'seccomp-unconfined': {
    title: 'Seccomp disabled',
    severity: 'high',
    attack: ['T1068', 'T1611'],
    mitigations: ['seccomp-default', 'seccomp-profile'],
  },
  'generic-seccomp-profile': {
    title: 'Only the runtime default seccomp profile',
    severity: 'info',
    attack: [],
    mitigations: ['seccomp-profile'],
  },
  'mac-disabled': {
    title: 'AppArmor or SELinux confinement disabled',
    severity: 'high',
    attack: ['T1611'],
    mitigations: ['apparmor-profile', 'selinux-policy'],
  },
  'generic-mac-profile': {
    title: 'No application-specific AppArmor or SELinux profile',
    severity: 'info',
    attack: [],
    mitigations: ['apparmor-profile', 'selinux-policy'],
  },
  'no-user-namespace': {
    title: 'No user namespace',
    severity: 'medium',
    attack: ['T1611'],
    mitigations: ['user-namespace'],
  },
  'host-devices': {
    title: 'Host devices mapped',
    severity: 'high',
    attack: ['T1611'],
    mitigations: ['no-privileged'],
  },
  'unsafe-sysctls': {
    title: 'Unsafe sysctls set',
    severity: 'medium',
    attack: ['T1611'],
    mitigations: ['host-hardening'],
  },
  'proc-mount-unmasked': {
    title: '/proc unmasked',
    severity: 'high',
    attack: ['T1611'],
    mitigations: ['user-namespace'],
  },
  'secret-in-environment': {
    title: 'Secret in environment or build arguments',
    severity: 'high',
    attack: ['T1552.001', 'T1552.007'],
    mitigations: ['secrets-manager'],
  },
  'service-account-token-automount': {
    title: 'Service account token mounted',
    severity: 'medium',
    attack: ['T1528', 'T1552.007'],
    mitigations: ['no-service-account-token'],
  },
  'no-resource-limits': {
    title: 'No resource limits',
    severity: 'low',
    attack: ['T1496.001', 'T1499'],
    mitigations: ['resource-limits'],
  },
  'mutable-image': {
    title: 'Image not pinned by digest',
    severity: 'low',
    attack: ['T1204.003', 'T1525', 'T1195.002'],
    mitigations: ['immutable-image'],
  },
  'full-os-base-image': {
    title: 'Full operating-system base image',
    severity: 'low',
    attack: ['T1105'],
    mitigations: ['minimal-base-image'],
  },
  'published-port': {
    title: 'Port published',
    severity: 'info',
    attack: ['T1190', 'T1133'],
    mitigations: ['restrict-host-access', 'network-policy'],
  },
  'container-api-exposed': {
    title: 'Container API exposed',
    severity: 'critical',
    attack: ['T1133', 'T1610', 'T1609'],
    mitigations: ['restrict-host-access', 'mtls'],
  },
  'dockerfile-remote-add': {
    title: 'ADD from a URL',
    severity: 'low',
    attack: ['T1195.002'],
    mitigations: ['immutable-image', 'security-testing-in-ci'],
  },
  'dockerfile-pipe-to-shell': {
    title: 'Download piped into a shell',
    severity: 'medium',
    attack: ['T1195.002'],
    mitigations: ['security-testing-in-ci', 'immutable-image'],
  },
  'dockerfile-workdir-proc-fd': {
    title: 'WORKDIR under /proc/self/fd (CVE-2024-21626)',
    severity: 'high',
    attack: ['T1611', 'T1204.003'],
    mitigations: ['host-hardening', 'security-testing-in-ci'],
  },
  'plaintext-flow': {
    title: 'Plaintext data flow',
    severity: 'medium',
    attack: ['T1040', 'T1557'],
    mitigations: ['tls', 'mtls', 'ipsec'],
  },
  'flat-network': {
    title: 'Flat network',
    severity: 'medium',
    attack: ['T1210', 'T1046'],
    mitigations: ['network-policy'],
  },
  'no-network-policy': {
    title: 'No NetworkPolicy',
    severity: 'medium',
    attack: ['T1210', 'T1046'],
    mitigations: ['network-policy'],
  },
};
