import { NNP_ONLY_STOPS_SETUID, ROOTFS_IS_NOT_THE_TARGET } from './common-reasons';
import type { AttackRule, Precondition } from './rule';
import { MAC_OFF, PRIVILEGED, RUNS_AS_ROOT, RUNTIME_UNPATCHED } from './shared-preconditions';

/** A writable host mount of one of these paths or a parent of them, sensitive or not. */
function writableHostMountCovering(paths: string[]): Precondition {
  const where = { hostPathCovers: paths, writable: true };
  return {
    any: [
      { condition: 'sensitive-host-mount', where },
      { condition: 'host-path-mount', where },
    ],
  };
}

/** Escapes through host resources mounted or mapped into the container: the runtime socket, host
 * paths, devices and an unmasked /proc (attack-trees.md §4.2 R04, R08, R10, R11; R33 and R34 are
 * Rampart's analysis for the `host-devices` and `proc-mount-unmasked` conditions, which §4.2.1
 * lists without a rule). */
export const MOUNT_ESCAPE_RULES: AttackRule[] = [
  {
    id: 'R04',
    title: 'Container runtime socket: start a privileged container on the host',
    description:
      "The Docker, containerd or CRI-O socket is the runtime's full API. Whoever can connect to it asks the daemon " +
      'to start a new container with `--privileged -v /:/host`, or to exec into any other container, and so holds ' +
      'the host. Mounting the socket read-only changes nothing: `:ro` applies to writes on the socket file, not to ' +
      'connect() and the API calls made over it. Only the file permissions of the socket (root or its group) stand ' +
      'in the way.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1611', 'T1609', 'T1610', 'T1059.013'], microsoft: [] },
    cves: [],
    requires: { condition: 'runtime-socket-mount' },
    blockedBy: [{ mitigation: 'no-runtime-socket' }],
    partiallyBlockedBy: [
      {
        mitigation: 'selinux-policy',
        unless: PRIVILEGED,
        note: 'on SELinux-labelled hosts container_t may not connect to the socket (§4.3, unconfirmed)',
      },
      { mitigation: 'user-namespace', note: 'a remapped root cannot open the root-owned socket' },
      { mitigation: 'non-root-user', note: "only when the user is not in the socket's group" },
      {
        mitigation: 'minimal-base-image',
        note: 'no docker CLI or curl in the image; the attacker must bring a client',
      },
      {
        mitigation: 'restrict-host-access',
        note: 'a Docker authorization plugin limits which API calls the socket accepts (§4.3 Cfg)',
      },
    ],
    ineffective: [
      {
        mitigation: 'read-only-rootfs',
        reason:
          'read-only (of the root filesystem or of the socket mount, `:ro`) stops writes to files, not API calls ' +
          'over the socket: a read-only socket still escapes (§4.4 note 6)',
      },
      {
        mitigation: 'apparmor-profile',
        reason: 'docker-default allows file and network access and does not mediate connecting to the socket',
      },
      {
        mitigation: 'seccomp-default',
        reason: 'socket() and connect() on a Unix socket are ordinary allowed calls',
      },
      {
        mitigation: 'drop-capabilities',
        reason:
          'connecting needs no capability: the socket file permissions decide, and the daemon acts as root',
      },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
    ],
    defaults: { cost: 0.1, time: 0.1, skill: 1, probability: 0.95 },
    sources: [
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #1',
      'DataDog/KubeHound docs/reference/attacks/EXPLOIT_CONTAINERD_SOCK.md',
      'tum-i4/attack-graph-generator System/components/reader.py',
      'attack-trees.md §4.2 R04, §4.4 note 6, §4.5',
    ],
    origin: 'reference',
  },
  {
    id: 'R08',
    title: 'Writable host mount: plant a cron job, SSH key or unit on the host',
    description:
      'A host directory mounted writable lets the attacker change files the host itself reads or runs: a file in ' +
      '/etc/cron.d, /root/.ssh/authorized_keys, a systemd unit, kubelet static pod manifests. The host then runs ' +
      "the attacker's code as root. Sensitive paths make this immediate; following KubeHound, Rampart treats any " +
      'writable host mount as exploitable (§4.4 note 11), because the host or another workload may read or execute ' +
      'what is written there.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1611', 'T1053.003', 'T1543'], microsoft: ['MS-TA9013'] },
    cves: [],
    requires: {
      any: [
        { condition: 'sensitive-host-mount', where: { writable: true } },
        { condition: 'host-path-mount', where: { writable: true } },
      ],
    },
    blockedBy: [
      { mitigation: 'no-sensitive-mounts', note: 'mounting read-only (`:ro`) turns the step into R09' },
    ],
    partiallyBlockedBy: [
      {
        mitigation: 'selinux-policy',
        unless: PRIVILEGED,
        note: 'host files keep labels container_t may not write, unless the mount relabels them (:z/:Z)',
      },
      {
        mitigation: 'user-namespace',
        note: 'host files owned by root are not writable by the remapped root',
      },
      { mitigation: 'non-root-user', note: 'root-owned host files are not writable by another uid' },
    ],
    ineffective: [
      {
        mitigation: 'apparmor-profile',
        reason: 'docker-default allows file writes everywhere but /proc and /sys (§4.3: AppArmor ✗)',
      },
      { mitigation: 'seccomp-default', reason: 'writing a file uses ordinary allowed calls' },
      { mitigation: 'drop-capabilities', reason: 'root writes root-owned files without any capability' },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      {
        mitigation: 'read-only-rootfs',
        reason: 'volumes and bind mounts stay writable when the root filesystem is read-only (§4.3)',
      },
    ],
    defaults: { cost: 0.25, time: 1, skill: 1, probability: 0.9 },
    sources: [
      'microsoft/Threat-Matrix-for-Kubernetes docs/techniques (MS-TA9013 Writable hostPath mount)',
      'DataDog/KubeHound docs/reference/attacks/EXPLOIT_HOST_WRITE.md',
      'DataDog/KubeHound pkg/kubehound/graph/edge/exploit_host_write.go',
      'attack-trees.md §4.2 R08, §4.4 note 11',
    ],
    origin: 'reference',
  },
  {
    id: 'R10',
    title: '/var/log host mount: symlink the host root into the kubelet log view',
    description:
      "The kubelet serves the node's /var/log over its API (`/logs/`) and follows symlinks in it as root. A root " +
      'process with the host /var/log (or a parent) mounted writable creates `ln -s / /host/var/log/root_link`; any ' +
      'token allowed to read node logs then reads every host file through the kubelet, service-account tokens of ' +
      'all pods on the node included.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-file-access',
    attack: { techniques: ['T1611'], microsoft: [] },
    cves: [],
    requires: {
      all: [
        { platform: 'kubernetes' },
        writableHostMountCovering(['/var/log']),
        RUNS_AS_ROOT,
        { assumption: 'token-reads-node-logs', is: true },
      ],
    },
    blockedBy: [
      { mitigation: 'no-sensitive-mounts' },
      { mitigation: 'non-root-user', note: 'the log directory is owned by root' },
    ],
    partiallyBlockedBy: [
      { mitigation: 'user-namespace', note: 'the remapped root cannot write the root-owned log directory' },
    ],
    ineffective: [
      {
        mitigation: 'apparmor-profile',
        reason: 'a symlink in a bind-mounted directory is ordinary file access (§4.3)',
      },
      {
        mitigation: 'selinux-policy',
        reason: '§4.3 finds no effect of the default container policy on this step',
      },
      { mitigation: 'seccomp-default', reason: 'symlink() is an ordinary allowed call' },
      { mitigation: 'drop-capabilities', reason: 'root owns the log directory; no capability is involved' },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      { mitigation: 'read-only-rootfs', reason: 'the host mount stays writable (§4.3)' },
    ],
    defaults: { cost: 1, time: 1, skill: 3, probability: 0.5 },
    sources: [
      'DataDog/KubeHound docs/reference/attacks/CE_VAR_LOG_SYMLINK.md',
      'DataDog/KubeHound pkg/kubehound/graph/edge/escape_var_log_symlink.go',
      'attack-trees.md §4.2 R10',
    ],
    origin: 'reference',
  },
  {
    id: 'R11',
    title: 'Host /proc/sys/kernel exposed: core_pattern runs a payload as host root',
    description:
      'kernel.core_pattern is one host-wide setting: when it starts with `|`, the kernel runs that program as root ' +
      'in the host namespaces whenever a process dumps core. A container root that can write the host ' +
      '/proc/sys/kernel (a writable host mount of /proc or a parent) points it at a script in its own filesystem ' +
      'and crashes a process. On CRI-O without the CVE-2022-0811 fix the same setting can be injected through pod ' +
      'sysctls, which the runtime applies as root.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1611'], microsoft: [] },
    cves: ['CVE-2022-0811'],
    requires: {
      any: [
        { all: [writableHostMountCovering(['/proc/sys/kernel']), RUNS_AS_ROOT] },
        { all: [{ platform: 'kubernetes' }, { condition: 'unsafe-sysctls' }, RUNTIME_UNPATCHED] },
      ],
    },
    blockedBy: [
      {
        mitigation: 'no-sensitive-mounts',
        unless: { all: [{ platform: 'kubernetes' }, { condition: 'unsafe-sysctls' }] },
        combinedWith: ['host-hardening'],
        note: 'covers the host-mount variant; the sysctl variant needs a patched CRI-O',
      },
    ],
    partiallyBlockedBy: [
      {
        mitigation: 'apparmor-profile',
        unless: PRIVILEGED,
        note: "docker-default denies writes under the container's own /proc/sys, not under a host /proc mounted elsewhere",
      },
      {
        mitigation: 'selinux-policy',
        unless: PRIVILEGED,
        note: 'the host sysctl files keep their proc labels',
      },
      { mitigation: 'user-namespace', note: 'only the global root may write kernel sysctls' },
      { mitigation: 'non-root-user', note: 'the mount variant needs root; the sysctl variant does not' },
      { mitigation: 'host-hardening', note: 'a patched CRI-O refuses injected sysctls (CVE-2022-0811)' },
    ],
    ineffective: [
      { mitigation: 'seccomp-default', reason: 'writing a /proc file is an ordinary write()' },
      {
        mitigation: 'drop-capabilities',
        reason:
          'kernel sysctl files are guarded by file permissions for uid 0, not by a capability (analysis)',
      },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      { mitigation: 'read-only-rootfs', reason: ROOTFS_IS_NOT_THE_TARGET },
    ],
    defaults: { cost: 0.5, time: 1, skill: 3, probability: 0.8 },
    sources: [
      'DataDog/KubeHound docs/reference/attacks/CE_UMH_CORE_PATTERN.md',
      'nestybox/sysbox docs/user-guide/security-cve.md (CVE-2022-0811)',
      'attack-trees.md §4.2 R11, §4.3',
    ],
    origin: 'reference',
  },
  {
    id: 'R33',
    title: 'Host device mapped in: read and write the host disk directly',
    description:
      'A host block device mapped into the container (`devices:`, device cgroup rules) is the raw host disk: a root ' +
      'process opens it and reads or rewrites host files with a filesystem tool such as debugfs, without mounting ' +
      'anything, so neither CAP_SYS_ADMIN nor an AppArmor mount rule is involved. Character devices such as ' +
      "/dev/mem or /dev/kmsg expose kernel memory or logs in the same way. Rampart's analysis for the " +
      '`host-devices` condition, which attack-trees.md §4.2.1 lists without a rule.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1611', 'T1006'], microsoft: [] },
    cves: [],
    requires: { all: [{ condition: 'host-devices' }, RUNS_AS_ROOT] },
    blockedBy: [{ mitigation: 'no-sensitive-mounts', note: 'map no host devices into the container' }],
    partiallyBlockedBy: [
      { mitigation: 'non-root-user', note: 'device nodes are owned by root (block devices by group disk)' },
      {
        mitigation: 'user-namespace',
        note: 'the remapped root cannot open device nodes owned by the host root',
      },
      {
        mitigation: 'selinux-policy',
        unless: PRIVILEGED,
        note: 'host device labels are not container_t files (analysis)',
      },
      {
        mitigation: 'drop-capabilities',
        note: 'removes CAP_SYS_RAWIO for /dev/mem-style devices; a mapped block device stays readable and writable',
      },
    ],
    ineffective: [
      {
        mitigation: 'apparmor-profile',
        reason: 'docker-default confines /proc, /sys and mount, not the device nodes the runtime maps in',
      },
      {
        mitigation: 'seccomp-default',
        reason: 'reading and writing a device node are ordinary allowed calls',
      },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      { mitigation: 'read-only-rootfs', reason: ROOTFS_IS_NOT_THE_TARGET },
    ],
    defaults: { cost: 0.5, time: 1, skill: 2, probability: 0.6 },
    sources: [
      'DESIGN.md §4 (host-devices)',
      'container-checks.md §2 (CIS Docker 5.18), §5 (devices, device_cgroup_rules)',
      'attack-trees.md §4.2.1 (conditions without a rule)',
    ],
    origin: 'rampart-analysis',
  },
  {
    id: 'R34',
    title: 'Unmasked /proc: write kernel.core_pattern from inside the container',
    description:
      'The runtime normally masks parts of /proc and mounts /proc/sys read-only. With `procMount: Unmasked` or ' +
      '`systempaths=unconfined` those protections are gone, and since kernel.core_pattern and ' +
      '/proc/sysrq-trigger are host-wide, a process running as the global root writes them from its own /proc: the ' +
      'core_pattern escape of R11 (or a host reboot through sysrq) without any host mount. docker-default AppArmor ' +
      "still denies those writes, and in a user namespace the container root is not the global root. Rampart's " +
      'analysis for the `proc-mount-unmasked` condition, which attack-trees.md §4.2.1 lists without a rule.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1611'], microsoft: [] },
    cves: [],
    requires: { all: [{ condition: 'proc-mount-unmasked' }, RUNS_AS_ROOT, MAC_OFF] },
    blockedBy: [
      {
        mitigation: 'apparmor-profile',
        unless: PRIVILEGED,
        combinedWith: ['no-privileged'],
        note: 'docker-default denies writes to /proc/sys/kernel/core_pattern and /proc/sysrq-trigger',
      },
      {
        mitigation: 'user-namespace',
        note: 'kernel sysctls are writable by the global root only; Kubernetes allows Unmasked only with hostUsers: false',
      },
      { mitigation: 'non-root-user', note: 'the sysctl files are writable by uid 0 only' },
    ],
    partiallyBlockedBy: [
      { mitigation: 'selinux-policy', unless: PRIVILEGED, note: 'sysctl files carry proc labels (analysis)' },
    ],
    ineffective: [
      { mitigation: 'seccomp-default', reason: 'writing a /proc file is an ordinary write()' },
      {
        mitigation: 'drop-capabilities',
        reason:
          'kernel sysctl files are guarded by file permissions for uid 0, not by a capability (analysis)',
      },
      { mitigation: 'read-only-rootfs', reason: 'procfs is not the root filesystem' },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
    ],
    defaults: { cost: 0.5, time: 1, skill: 3, probability: 0.8 },
    sources: [
      'DataDog/KubeHound docs/reference/attacks/CE_UMH_CORE_PATTERN.md',
      'moby/profiles apparmor/testdata/default.golden (deny @{PROC}/sys/kernel/… w, sysrq-trigger)',
      'container-checks.md §1.1 (procMount), §0 (/proc masking)',
      'attack-trees.md §4.2.1 (conditions without a rule)',
    ],
    origin: 'rampart-analysis',
  },
];
