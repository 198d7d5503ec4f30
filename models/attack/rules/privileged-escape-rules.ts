import {
  NNP_ONLY_STOPS_SETUID,
  PRIVILEGED_DISABLES_APPARMOR,
  PRIVILEGED_DISABLES_SELINUX,
  PRIVILEGED_OVERRIDES_CAP_DROP,
  PRIVILEGED_SKIPS_SECCOMP,
  ROOTFS_IS_NOT_THE_TARGET,
} from './common-reasons';
import type { AttackRule } from './rule';
import {
  addedCapability,
  CGROUP_V1,
  holdsCapability,
  MAC_OFF,
  PRIVILEGED,
  RUNS_AS_ROOT,
} from './shared-preconditions';

/** Escapes that rest on privileged mode or on a capability added to the container
 * (attack-trees.md §4.2 R01, R02, R05, R06, R12, R13; matrix §4.3). */
export const PRIVILEGED_ESCAPE_RULES: AttackRule[] = [
  {
    id: 'R01',
    title: 'Privileged container mounts the host disk',
    description:
      'A privileged container holds every capability and every host device, and Docker runs it without seccomp ' +
      'or AppArmor. From a shell inside it the attacker lists the host block devices (`fdisk -l`), mounts the ' +
      'root disk and writes a cron entry, an SSH key or a systemd unit that the host then runs as root. Privileged ' +
      'mode switches the confinement layers off, so only not granting it removes the step; a user namespace also ' +
      'does, because the runtime refuses privileged in a remapped namespace and capabilities held there do not ' +
      'reach host devices.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1611', 'T1053.003'], microsoft: ['MS-TA9018'] },
    cves: [],
    requires: PRIVILEGED,
    blockedBy: [
      { mitigation: 'no-privileged' },
      {
        mitigation: 'user-namespace',
        note: 'Docker refuses privileged with userns-remap unless the container opts out with --userns=host',
      },
    ],
    partiallyBlockedBy: [
      { mitigation: 'non-root-user', note: 'a non-root process holds no effective capabilities' },
      {
        mitigation: 'minimal-base-image',
        note: 'no fdisk or mount in the image; the attacker must bring them',
      },
    ],
    ineffective: [
      { mitigation: 'apparmor-profile', reason: PRIVILEGED_DISABLES_APPARMOR },
      { mitigation: 'selinux-policy', reason: PRIVILEGED_DISABLES_SELINUX },
      { mitigation: 'seccomp-default', reason: PRIVILEGED_SKIPS_SECCOMP },
      { mitigation: 'seccomp-profile', reason: PRIVILEGED_SKIPS_SECCOMP },
      { mitigation: 'drop-capabilities', reason: PRIVILEGED_OVERRIDES_CAP_DROP },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      {
        mitigation: 'read-only-rootfs',
        reason: 'the attacker writes to the host disk it mounted, not to its own root',
      },
    ],
    defaults: { cost: 0.1, time: 0.1, skill: 1, probability: 0.95 },
    sources: [
      'DataDog/KubeHound docs/reference/attacks/CE_PRIV_MOUNT.md',
      'DataDog/KubeHound docs/reference/attacks/EXPLOIT_HOST_WRITE.md',
      'BishopFox/badPods README.md ("Privileged only")',
      'attack-trees.md §4.2 R01, §4.3',
    ],
    origin: 'reference',
  },
  {
    id: 'R02',
    title: 'cgroup v1 release_agent runs a command as host root',
    description:
      'With CAP_SYS_ADMIN the attacker mounts a cgroup v1 hierarchy inside the container, sets `notify_on_release` ' +
      'on a child cgroup and points `release_agent` at a script in the container filesystem (found on the host ' +
      'through the overlay upperdir). When the last process leaves the cgroup, the kernel runs the script in the ' +
      'host namespaces as root. It needs root in the container, CAP_SYS_ADMIN (added or through privileged), no ' +
      "AppArmor/SELinux profile to deny the mount, and a cgroup v1 host. Docker's default seccomp profile does not " +
      'help: it allows mount once CAP_SYS_ADMIN is present.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1611'], microsoft: [] },
    cves: [],
    requires: { all: [RUNS_AS_ROOT, holdsCapability('SYS_ADMIN'), MAC_OFF, CGROUP_V1] },
    blockedBy: [
      {
        mitigation: 'apparmor-profile',
        unless: PRIVILEGED,
        combinedWith: ['no-privileged'],
        note: 'docker-default denies mount(), so no cgroup filesystem can be mounted',
      },
      {
        mitigation: 'selinux-policy',
        unless: PRIVILEGED,
        combinedWith: ['no-privileged'],
        note: 'the container policy denies the mount (§4.3 MAC column)',
      },
      {
        mitigation: 'user-namespace',
        note: 'release_agent is not writable from a user namespace (nestybox/sysbox)',
      },
      {
        mitigation: 'drop-capabilities',
        unless: PRIVILEGED,
        combinedWith: ['no-privileged'],
        note: 'without CAP_SYS_ADMIN there is no mount; cap_drop: [ALL] with cap_add: [SYS_ADMIN] still holds it',
      },
      {
        mitigation: 'no-privileged',
        unless: addedCapability('SYS_ADMIN'),
        combinedWith: ['drop-capabilities'],
        note: 'only when CAP_SYS_ADMIN is not added separately',
      },
      {
        mitigation: 'non-root-user',
        note: 'the mount and the release_agent write need root in the container',
      },
    ],
    partiallyBlockedBy: [
      {
        mitigation: 'seccomp-profile',
        unless: PRIVILEGED,
        note: 'blocks when the application profile denies mount (evaluate per syscall, §4.3.1)',
      },
      { mitigation: 'host-hardening', note: 'hosts on cgroup v2 have no release_agent' },
    ],
    ineffective: [
      {
        mitigation: 'seccomp-default',
        reason:
          'the default profile allows mount, unshare and setns once CAP_SYS_ADMIN is added (§4.4 note 1)',
      },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      {
        mitigation: 'read-only-rootfs',
        reason: 'the payload can live on any writable mount whose host path the attacker can work out (§4.3)',
      },
    ],
    defaults: { cost: 0.25, time: 0.5, skill: 2, probability: 0.9 },
    sources: [
      'https://blog.trailofbits.com/2019/07/19/understanding-docker-container-escapes/',
      'HackTricks docker-release_agent-cgroups-escape.md (Trail of Bits requirements)',
      'nestybox/sysbox docs/user-guide/security-cve.md',
      'attack-trees.md §4.2 R02, §4.4 note 1, §4.5',
    ],
    origin: 'reference',
  },
  {
    id: 'R05',
    title: 'Host PID namespace and privileged: nsenter into PID 1',
    description:
      'A privileged container that shares the host PID namespace sees the host init process. `nsenter -t 1 -m -u ' +
      '-n -i -p sh` joins its mount, UTS, network, IPC and PID namespaces and gives a root shell on the host in one ' +
      'command. Privileged supplies the capabilities nsenter needs and switches seccomp and AppArmor off; removing ' +
      'either the host PID namespace or privileged mode removes the step.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1611'], microsoft: ['MS-TA9018'] },
    cves: [],
    requires: { all: [{ condition: 'host-pid' }, PRIVILEGED] },
    blockedBy: [
      { mitigation: 'no-host-namespaces' },
      { mitigation: 'no-privileged' },
      { mitigation: 'user-namespace', note: 'user namespaces are incompatible with the host PID namespace' },
    ],
    partiallyBlockedBy: [
      { mitigation: 'non-root-user', note: 'a non-root process holds no effective capabilities' },
      { mitigation: 'minimal-base-image', note: 'no nsenter in the image; the attacker must bring it' },
    ],
    ineffective: [
      { mitigation: 'apparmor-profile', reason: PRIVILEGED_DISABLES_APPARMOR },
      { mitigation: 'selinux-policy', reason: PRIVILEGED_DISABLES_SELINUX },
      { mitigation: 'seccomp-default', reason: PRIVILEGED_SKIPS_SECCOMP },
      { mitigation: 'seccomp-profile', reason: PRIVILEGED_SKIPS_SECCOMP },
      { mitigation: 'drop-capabilities', reason: PRIVILEGED_OVERRIDES_CAP_DROP },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      { mitigation: 'read-only-rootfs', reason: ROOTFS_IS_NOT_THE_TARGET },
    ],
    defaults: { cost: 0.1, time: 0.1, skill: 1, probability: 0.95 },
    sources: [
      'DataDog/KubeHound docs/reference/attacks/CE_NSENTER.md',
      'DataDog/KubeHound pkg/kubehound/graph/edge/escape_nsenter.go',
      'BishopFox/badPods README.md',
      'attack-trees.md §4.2 R05, §4.3',
    ],
    origin: 'reference',
  },
  {
    id: 'R06',
    title: 'Host PID namespace and CAP_SYS_PTRACE: inject into a host process',
    description:
      'Sharing the host PID namespace puts host processes within reach; CAP_SYS_PTRACE lets the attacker attach a ' +
      'debugger to one that runs as root and inject shellcode, which then runs on the host outside every container ' +
      'namespace. An AppArmor profile stops it because docker-default and runtime/default only allow ptrace ' +
      'towards processes under the same profile; privileged mode both grants the capability and removes that ' +
      'profile.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1611', 'T1055.008'], microsoft: [] },
    cves: [],
    requires: { all: [{ condition: 'host-pid' }, holdsCapability('SYS_PTRACE'), MAC_OFF] },
    blockedBy: [
      { mitigation: 'no-host-namespaces' },
      { mitigation: 'user-namespace', note: 'user namespaces are incompatible with the host PID namespace' },
      {
        mitigation: 'drop-capabilities',
        unless: PRIVILEGED,
        combinedWith: ['no-privileged'],
        note: 'without CAP_SYS_PTRACE, host root processes cannot be traced',
      },
      {
        mitigation: 'no-privileged',
        unless: addedCapability('SYS_PTRACE'),
        combinedWith: ['drop-capabilities'],
        note: 'only when CAP_SYS_PTRACE is not added separately',
      },
      {
        mitigation: 'apparmor-profile',
        unless: PRIVILEGED,
        combinedWith: ['no-privileged'],
        note: 'ptrace is allowed only towards processes under the same profile',
      },
      {
        mitigation: 'selinux-policy',
        unless: PRIVILEGED,
        combinedWith: ['no-privileged'],
        note: 'container_t may not trace host domains (§4.3 MAC column)',
      },
    ],
    partiallyBlockedBy: [
      { mitigation: 'non-root-user', note: 'tracing root-owned host processes needs root' },
      { mitigation: 'minimal-base-image', note: 'no gdb or other debugger in the image' },
    ],
    ineffective: [
      {
        mitigation: 'seccomp-default',
        reason: 'ptrace is allowed once CAP_SYS_PTRACE is added, and on kernels ≥ 4.8 in general (§4.1)',
      },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      { mitigation: 'read-only-rootfs', reason: ROOTFS_IS_NOT_THE_TARGET },
    ],
    defaults: { cost: 1, time: 2, skill: 3, probability: 0.7 },
    sources: ['DataDog/KubeHound docs/reference/attacks/CE_SYS_PTRACE.md', 'attack-trees.md §4.2 R06, §4.3'],
    origin: 'reference',
  },
  {
    id: 'R12',
    title: 'CAP_SYS_MODULE loads a kernel module',
    description:
      'A process holding CAP_SYS_MODULE in the initial user namespace can load a kernel module (`insmod`); the ' +
      'module runs in the shared host kernel with full privilege, so a rootkit or a reverse shell started from it ' +
      'owns the host and every container on it. Neither docker-default AppArmor nor the default seccomp profile ' +
      'stands in the way once the capability is granted.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1611', 'T1547.006'], microsoft: [] },
    cves: [],
    requires: holdsCapability('SYS_MODULE'),
    blockedBy: [
      { mitigation: 'user-namespace', note: 'CAP_SYS_MODULE has no effect inside a user namespace' },
      {
        mitigation: 'drop-capabilities',
        unless: PRIVILEGED,
        combinedWith: ['no-privileged'],
      },
      {
        mitigation: 'no-privileged',
        unless: addedCapability('SYS_MODULE'),
        combinedWith: ['drop-capabilities'],
        note: 'only when CAP_SYS_MODULE is not added separately',
      },
    ],
    partiallyBlockedBy: [
      { mitigation: 'non-root-user', note: 'a non-root process holds no effective capabilities' },
    ],
    ineffective: [
      {
        mitigation: 'apparmor-profile',
        reason: 'docker-default grants `capability,` and does not restrict module loading (§4.3)',
      },
      {
        mitigation: 'selinux-policy',
        reason:
          'the reference counts the default container policies as no obstacle once CAP_SYS_MODULE is held (§4.3)',
      },
      {
        mitigation: 'seccomp-default',
        reason:
          'init_module, finit_module and delete_module are allowed once CAP_SYS_MODULE is added (§4.4 note 1)',
      },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      {
        mitigation: 'read-only-rootfs',
        reason: 'the module loads from any writable mount, or from memory through init_module',
      },
    ],
    defaults: { cost: 1, time: 2, skill: 3, probability: 0.8 },
    sources: ['DataDog/KubeHound docs/reference/attacks/CE_MODULE_LOAD.md', 'attack-trees.md §4.2 R12, §4.3'],
    origin: 'reference',
  },
  {
    id: 'R13',
    title: 'CAP_DAC_READ_SEARCH brute-forces host file handles ("shocker")',
    description:
      'open_by_handle_at opens a file from a file handle without resolving a path, so it is not confined by the ' +
      "container's mount namespace. With CAP_DAC_READ_SEARCH the attacker guesses inode handles on the host " +
      'filesystem behind any bind-mounted file (Docker always mounts /etc/hosts) and reads host files such as ' +
      '/etc/shadow. Docker removed ' +
      'the capability from its defaults in 2014 for this reason; the default seccomp profile allows the call again ' +
      'when the capability is added.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-file-access',
    attack: { techniques: ['T1611'], microsoft: [] },
    cves: [],
    requires: addedCapability('DAC_READ_SEARCH'),
    blockedBy: [{ mitigation: 'drop-capabilities' }],
    partiallyBlockedBy: [
      {
        mitigation: 'user-namespace',
        note: 'open_by_handle_at checks the capability in the initial user namespace (§4.3, analysis)',
      },
      { mitigation: 'non-root-user', note: 'a non-root process holds no effective capabilities' },
    ],
    ineffective: [
      {
        mitigation: 'seccomp-default',
        reason:
          'open_by_handle_at is allowed once CAP_DAC_READ_SEARCH is added (§4.4 note 1; docker/docs seccomp.md)',
      },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      { mitigation: 'read-only-rootfs', reason: ROOTFS_IS_NOT_THE_TARGET },
    ],
    defaults: { cost: 1, time: 1, skill: 3, probability: 0.7 },
    sources: ['docker/docs content/manuals/engine/security/seccomp.md', 'attack-trees.md §4.2 R13, §4.3'],
    origin: 'reference',
  },
];
