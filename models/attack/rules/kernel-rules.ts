import { KERNEL_BUG_ANY_UID, NNP_ONLY_STOPS_SETUID, ROOTFS_IS_NOT_THE_TARGET } from './common-reasons';
import type { AttackRule } from './rule';
import {
  CGROUP_V1,
  holdsCapability,
  KERNEL_UNPATCHED,
  MAC_OFF,
  PRIVILEGED,
  SECCOMP_OFF,
  UNPRIVILEGED_USERNS,
} from './shared-preconditions';

const NO_MAC_EFFECT = '§4.3 finds no effect of the default AppArmor/SELinux profiles on this kernel bug';

/** Kernel bugs reachable from a container (attack-trees.md §4.2 R03, R15, R16, R17). Each rests on
 * the `kernel-patched` assumption; only patching closes R16 (§4.4 notes 2 and 3). */
export const KERNEL_RULES: AttackRule[] = [
  {
    id: 'R03',
    title: 'CVE-2022-0492: release_agent without CAP_SYS_ADMIN',
    description:
      'On an unpatched kernel the cgroup v1 release_agent file did not check that the writer held CAP_SYS_ADMIN ' +
      'in the initial user namespace. Without any added capability the attacker runs `unshare -UrmC` to obtain ' +
      'CAP_SYS_ADMIN in a fresh user namespace, mounts a cgroup v1 hierarchy and writes release_agent as in R02. ' +
      'It needs unshare to be allowed (seccomp unconfined, the Kubernetes default without a profile), unprivileged ' +
      'user namespaces on the host, no AppArmor/SELinux profile and a cgroup v1 host; Unit 42 found containers ' +
      'with AppArmor or SELinux protected.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1611', 'T1068'], microsoft: [] },
    cves: ['CVE-2022-0492'],
    requires: { all: [MAC_OFF, SECCOMP_OFF, UNPRIVILEGED_USERNS, CGROUP_V1, KERNEL_UNPATCHED] },
    blockedBy: [
      {
        mitigation: 'apparmor-profile',
        unless: PRIVILEGED,
        combinedWith: ['no-privileged'],
        note: 'Unit 42: "Containers running with AppArmor or SELinux are protected"',
      },
      {
        mitigation: 'selinux-policy',
        unless: PRIVILEGED,
        combinedWith: ['no-privileged'],
        note: 'Unit 42: "Containers running with AppArmor or SELinux are protected"',
      },
      {
        mitigation: 'seccomp-default',
        unless: PRIVILEGED,
        combinedWith: ['no-privileged'],
        note: 'the default profile blocks unshare without CAP_SYS_ADMIN',
      },
      { mitigation: 'user-namespace', note: 'nestybox/sysbox security-cve.md' },
      {
        mitigation: 'host-hardening',
        note: 'a patched kernel checks the capability in the initial user namespace',
      },
    ],
    partiallyBlockedBy: [
      {
        mitigation: 'drop-capabilities',
        note: 'removes the direct route with an added CAP_SYS_ADMIN (R02); the user-namespace route needs none',
      },
      {
        mitigation: 'seccomp-profile',
        unless: PRIVILEGED,
        note: 'blocks when the application profile denies unshare (evaluate per syscall, §4.3.1)',
      },
    ],
    ineffective: [
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      { mitigation: 'read-only-rootfs', reason: 'the payload can live on any writable mount (§4.3)' },
    ],
    defaults: { cost: 0.5, time: 1, skill: 3, probability: 0.7 },
    sources: [
      'https://unit42.paloaltonetworks.com/cve-2022-0492-cgroups/',
      'https://plurrrr.com/archive/2022/03/04.html',
      'nestybox/sysbox docs/user-guide/security-cve.md',
      'attack-trees.md §4.2 R03, §4.4 note 5',
    ],
    origin: 'reference',
  },
  {
    id: 'R15',
    title: 'CVE-2022-0185: fsconfig heap overflow from a user namespace',
    description:
      'A heap overflow in legacy_parse_param, reached through fsopen/fsconfig, turns CAP_SYS_ADMIN over a mount ' +
      'namespace into kernel code execution. The attacker gets that capability either because it was added to the ' +
      'container, or, with seccomp unconfined (the Kubernetes default without a profile) and unprivileged user ' +
      'namespaces on the host, by creating a user namespace with unshare. User namespaces therefore do not stop it: ' +
      "the exploit is itself a user-namespace escape. Docker's default seccomp profile does, as long as " +
      'CAP_SYS_ADMIN is not added, because it denies unshare and fsconfig without it.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1068', 'T1611'], microsoft: [] },
    cves: ['CVE-2022-0185'],
    requires: {
      all: [
        { any: [{ all: [SECCOMP_OFF, UNPRIVILEGED_USERNS] }, holdsCapability('SYS_ADMIN')] },
        KERNEL_UNPATCHED,
      ],
    },
    blockedBy: [
      {
        mitigation: 'seccomp-default',
        unless: holdsCapability('SYS_ADMIN'),
        combinedWith: ['drop-capabilities', 'no-privileged'],
        note: 'denies unshare, fsopen and fsconfig while CAP_SYS_ADMIN is not granted',
      },
      {
        mitigation: 'drop-capabilities',
        unless: { all: [SECCOMP_OFF, UNPRIVILEGED_USERNS] },
        combinedWith: ['seccomp-default', 'no-privileged'],
        note: 'removes an added CAP_SYS_ADMIN; with seccomp unconfined the user-namespace route stays open',
      },
      { mitigation: 'host-hardening', note: 'patched kernel (fix 722d94847de2, 2022-01-18)' },
    ],
    partiallyBlockedBy: [
      {
        mitigation: 'seccomp-profile',
        unless: PRIVILEGED,
        note: 'blocks when the application profile denies unshare, fsopen and fsconfig (§4.3.1)',
      },
    ],
    ineffective: [
      {
        mitigation: 'user-namespace',
        reason:
          'CVE-2022-0185 is itself a user-namespace escape: the capability it needs is the one a new user ' +
          'namespace grants (§4.4 note 3; nestybox/sysbox)',
      },
      {
        mitigation: 'apparmor-profile',
        reason:
          'the overflow happens while fsconfig parses a parameter, before any mount a profile could deny (§4.3)',
      },
      { mitigation: 'selinux-policy', reason: NO_MAC_EFFECT },
      { mitigation: 'non-root-user', reason: KERNEL_BUG_ANY_UID },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      { mitigation: 'read-only-rootfs', reason: ROOTFS_IS_NOT_THE_TARGET },
    ],
    defaults: { cost: 2, time: 4, skill: 4, probability: 0.6 },
    sources: [
      'nestybox/sysbox docs/user-guide/security-cve.md',
      'fybrik/fybrik issue 1480 ("Kubernetes by default doesn\'t apply any Seccomp or AppArmor/SELinux profile")',
      'utilitywarehouse/tf_kube_ignition PR 176',
      'attack-trees.md §4.2 R15, §4.4 notes 3 and 8',
    ],
    origin: 'reference',
  },
  {
    id: 'R16',
    title: 'Dirty Pipe (CVE-2022-0847): overwrite read-only files through the page cache',
    description:
      'An uninitialised pipe-buffer flag lets any process splice a file it can only read into a pipe and then ' +
      'overwrite the cached pages of that file. From a container this rewrites files shared with the host or ' +
      'other containers (image layers, the runtime binary reached through /proc), which leads to host root. It ' +
      'needs no capability and no special syscall: pipe and splice are in every seccomp allow list, and it works ' +
      'for any uid in any user namespace. Only a patched kernel (5.16.11, 5.15.25, 5.10.102 or a backport) closes it.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1068', 'T1611'], microsoft: [] },
    cves: ['CVE-2022-0847'],
    requires: KERNEL_UNPATCHED,
    blockedBy: [
      { mitigation: 'host-hardening', note: 'patched kernel: 5.16.11, 5.15.25, 5.10.102 or later' },
    ],
    partiallyBlockedBy: [],
    ineffective: [
      {
        mitigation: 'seccomp-default',
        reason:
          'pipe, splice and vmsplice are in the default allow list (§4.4 note 2; moby/profiles seccomp/default.json)',
      },
      {
        mitigation: 'seccomp-profile',
        reason: 'applications routinely need pipe and splice; §4.4 note 2 counts only patching as a fix',
      },
      {
        mitigation: 'user-namespace',
        reason: 'the bug needs no privilege at all (§4.4 note 2; nestybox/sysbox)',
      },
      {
        mitigation: 'drop-capabilities',
        reason: 'Dirty Pipe "requires no capabilities whatsoever" (systemshardening.com)',
      },
      {
        mitigation: 'read-only-rootfs',
        reason:
          'Dirty Pipe overwrites files the attacker can only read: read-only is exactly what it defeats',
      },
      { mitigation: 'non-root-user', reason: KERNEL_BUG_ANY_UID },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      {
        mitigation: 'apparmor-profile',
        reason: 'reading a file is all it needs, which every profile allows (§4.3)',
      },
      {
        mitigation: 'selinux-policy',
        reason: 'reading a file is all it needs, which every policy allows (§4.3)',
      },
    ],
    defaults: { cost: 0.5, time: 1, skill: 2, probability: 0.8 },
    sources: [
      'nestybox/sysbox docs/user-guide/security-cve.md',
      'https://www.systemshardening.com/articles/linux/dirty-pipe-container-escape/',
      'moby/profiles seccomp/default.json',
      'attack-trees.md §4.2 R16, §4.4 note 2',
    ],
    origin: 'reference',
  },
  {
    id: 'R17',
    title: 'nf_tables kernel bugs through CAP_NET_ADMIN',
    description:
      'CVE-2022-1015 and CVE-2024-1086 are memory-safety bugs in nf_tables, reached through netlink by a process ' +
      'holding CAP_NET_ADMIN over a network namespace, and both have public local-root exploits. The container ' +
      'gets that capability when NET_ADMIN is added, or, with seccomp unconfined and unprivileged user namespaces ' +
      "on the host, by creating a user and network namespace of its own. Docker's default seccomp profile closes " +
      'the second route because it denies unshare without CAP_SYS_ADMIN.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1068'], microsoft: [] },
    cves: ['CVE-2022-1015', 'CVE-2024-1086'],
    requires: {
      all: [
        { any: [holdsCapability('NET_ADMIN'), { all: [SECCOMP_OFF, UNPRIVILEGED_USERNS] }] },
        KERNEL_UNPATCHED,
      ],
    },
    blockedBy: [
      {
        mitigation: 'seccomp-default',
        unless: holdsCapability('NET_ADMIN'),
        combinedWith: ['drop-capabilities', 'no-privileged'],
        note: 'denies unshare, so no namespace with CAP_NET_ADMIN can be created (§4.3: if no NET_ADMIN)',
      },
      {
        mitigation: 'drop-capabilities',
        unless: { all: [SECCOMP_OFF, UNPRIVILEGED_USERNS] },
        combinedWith: ['seccomp-default', 'no-privileged'],
        note: 'removes an added CAP_NET_ADMIN; with seccomp unconfined the user-namespace route stays open',
      },
      { mitigation: 'host-hardening', note: 'patched kernel' },
    ],
    partiallyBlockedBy: [
      {
        mitigation: 'non-root-user',
        note: 'an added CAP_NET_ADMIN is not effective for a non-root process; the user-namespace route works for any uid',
      },
      {
        mitigation: 'seccomp-profile',
        unless: PRIVILEGED,
        note: 'blocks when the application profile denies unshare (§4.3.1)',
      },
    ],
    ineffective: [
      {
        mitigation: 'user-namespace',
        reason: 'a user namespace is how the unprivileged variant obtains CAP_NET_ADMIN (§4.3)',
      },
      { mitigation: 'apparmor-profile', reason: NO_MAC_EFFECT },
      { mitigation: 'selinux-policy', reason: NO_MAC_EFFECT },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      { mitigation: 'read-only-rootfs', reason: ROOTFS_IS_NOT_THE_TARGET },
    ],
    defaults: { cost: 2, time: 4, skill: 4, probability: 0.6 },
    sources: [
      'https://www.systemshardening.com/articles/network/netfilter-container-escape-cve-2022-1015/',
      'attack-trees.md §4.2 R17, §4.3',
    ],
    origin: 'reference',
  },
];
