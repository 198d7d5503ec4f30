import { NNP_ONLY_STOPS_SETUID } from './common-reasons';
import type { AttackRule } from './rule';
import { PRIVILEGED, RUNS_AS_ROOT, RUNTIME_UNPATCHED } from './shared-preconditions';

/** Escapes through bugs in the container runtime itself (attack-trees.md §4.2 R18, R19). Each rests
 * on the `runtime-patched` assumption. */
export const RUNTIME_RULES: AttackRule[] = [
  {
    id: 'R18',
    title: 'runc CVE-2019-5736: overwrite the host runc binary through /proc/self/exe',
    description:
      'When an operator runs `docker exec`, runc joins the container, and for a moment the /proc/<pid>/exe link of ' +
      'that runc process, visible inside the container, points at the host runc binary. A process running as uid 0 ' +
      'in the container keeps a handle to it and overwrites the binary once runc exits, so the next runc invocation ' +
      "on the host runs the attacker's code as root. " +
      'It needs uid 0 inside the container and runc before 1.0-rc6 (Docker before 18.09.2); a non-root user or a ' +
      'user namespace stops it, as does SELinux enforcing on RHEL, CentOS and Fedora.',
    stage: 'escape',
    startsFrom: 'inside',
    yields: 'host-root',
    attack: { techniques: ['T1611'], microsoft: [] },
    cves: ['CVE-2019-5736'],
    requires: { all: [RUNS_AS_ROOT, RUNTIME_UNPATCHED] },
    blockedBy: [
      { mitigation: 'non-root-user', note: 'CVE-2019-5736 needs uid 0 inside the container (§4.4 note 4)' },
      { mitigation: 'user-namespace', note: '"Completely mitigated" with user namespaces (KEP-127)' },
      {
        mitigation: 'selinux-policy',
        unless: PRIVILEGED,
        combinedWith: ['no-privileged'],
        note: 'SELinux enforcing with the RHEL/CentOS/Fedora container policy',
      },
      { mitigation: 'host-hardening', note: 'runc ≥ 1.0-rc6, Docker ≥ 18.09.2' },
    ],
    partiallyBlockedBy: [
      {
        mitigation: 'immutable-image',
        note: 'keeps a malicious image out; code execution in a good image still suffices',
      },
      { mitigation: 'security-testing-in-ci', note: 'image scanning catches known-malicious images' },
    ],
    ineffective: [
      {
        mitigation: 'apparmor-profile',
        reason: 'the Kubernetes advisory names SELinux, not AppArmor, as a mitigation (§4.3)',
      },
      { mitigation: 'seccomp-default', reason: 'the overwrite uses ordinary open and write calls' },
      {
        mitigation: 'drop-capabilities',
        reason: 'uid 0 is what matters; no added capability is involved (§4.3)',
      },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      {
        mitigation: 'read-only-rootfs',
        reason:
          'the file overwritten is the host runc binary reached through /proc/self/exe, not the container root',
      },
    ],
    defaults: { cost: 1, time: 24, skill: 3, probability: 0.5 },
    sources: [
      'https://kubernetes.io/blog/2019/02/11/runc-and-cve-2019-5736/',
      'kubernetes/enhancements keps/sig-node/127-user-namespaces/README.md',
      'attack-trees.md §4.2 R18, §4.4 note 4',
    ],
    origin: 'reference',
  },
  {
    id: 'R19',
    title: 'runc CVE-2024-21626: leaked file descriptor puts the working directory on the host',
    description:
      'runc up to 1.1.11 leaked a file descriptor of the host cgroup filesystem into the container process. An ' +
      'image or Dockerfile that sets `WORKDIR /proc/self/fd/N` (or a `docker exec -w` to it) starts the process ' +
      'with its working directory in the host mount namespace, from where it reads and overwrites host files, ' +
      'binaries included. The trigger comes with the image, so an attacker-controlled or unpinned image suffices; ' +
      'runc 1.1.12 (Docker 25.0.2) fixed it.',
    stage: 'escape',
    startsFrom: 'outside',
    yields: 'host-root',
    attack: { techniques: ['T1611', 'T1204.003'], microsoft: [] },
    cves: ['CVE-2024-21626'],
    requires: {
      all: [
        RUNTIME_UNPATCHED,
        { any: [{ condition: 'dockerfile-workdir-proc-fd' }, { condition: 'mutable-image' }] },
      ],
    },
    blockedBy: [
      { mitigation: 'host-hardening', note: 'runc ≥ 1.1.12, Docker ≥ 25.0.2' },
      {
        mitigation: 'security-testing-in-ci',
        unless: { condition: 'mutable-image' },
        note: 'a lint that rejects `WORKDIR /proc/self/fd/…` closes the Dockerfile variant',
      },
    ],
    partiallyBlockedBy: [
      { mitigation: 'user-namespace', note: 'the runc advisories recommend user namespaces' },
      { mitigation: 'immutable-image', note: 'a pinned, signed image keeps a malicious image out' },
      { mitigation: 'security-testing-in-ci', note: 'image scanning catches known-malicious images' },
    ],
    ineffective: [
      {
        mitigation: 'seccomp-default',
        reason: 'the leaked descriptor is used through ordinary file calls (§4.3)',
      },
      { mitigation: 'drop-capabilities', reason: 'no capability is involved (§4.3)' },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      {
        mitigation: 'read-only-rootfs',
        reason: 'the working directory is on the host, outside the container root (§4.3)',
      },
      {
        mitigation: 'non-root-user',
        reason:
          '§4.3 marks running as non-root as no help: host files writable by that uid are exposed all the same',
      },
    ],
    defaults: { cost: 1, time: 24, skill: 3, probability: 0.6 },
    sources: [
      'advisory GHSA-xr7r-f8xq-vfvv',
      'cilium/tetragon PR 2187',
      'golang/vulndb issue 2491',
      'flatcar/Flatcar issue 1338',
      'attack-trees.md §4.2 R19, §4.3',
    ],
    origin: 'reference',
  },
];
