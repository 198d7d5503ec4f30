import type { AttackRule } from './rule';
import { PRIVILEGED } from './shared-preconditions';

const LIMITS_PLANTED_CODE = 'limits what the planted code can do once it runs (§4.3)';

/** Steps that start from the image: tampering with the running filesystem, a malicious or moved
 * image, and unverified downloads at build time (attack-trees.md §4.2 R22, R26; R36 is Rampart's
 * analysis for the `dockerfile-remote-add` and `dockerfile-pipe-to-shell` conditions). */
export const IMAGE_RULES: AttackRule[] = [
  {
    id: 'R22',
    title: 'Writable root filesystem: drop tools or a miner, tamper with the application',
    description:
      'When the root filesystem is writable, an attacker with code execution downloads tools or a cryptominer ' +
      'into the container and changes application files or binaries, and the change lasts until the container is ' +
      'recreated. A read-only root with only the needed tmpfs mounts, and an image without a shell or download ' +
      'tools, leave nowhere convenient to put them.',
    stage: 'persistence',
    startsFrom: 'inside',
    yields: 'persistence',
    attack: { techniques: ['T1105', 'T1496.001'], microsoft: [] },
    cves: [],
    requires: { condition: 'writable-root-filesystem' },
    blockedBy: [
      { mitigation: 'read-only-rootfs', note: 'tmpfs and emptyDir mounts stay writable: mount them noexec' },
      { mitigation: 'minimal-base-image', note: 'no curl, wget or shell to fetch and run tools' },
    ],
    partiallyBlockedBy: [
      {
        mitigation: 'apparmor-profile',
        unless: PRIVILEGED,
        note: 'a custom profile can deny writes and exec',
      },
      { mitigation: 'selinux-policy', unless: PRIVILEGED, note: 'a custom policy can deny writes and exec' },
      { mitigation: 'non-root-user', note: 'only files the user owns are writable' },
      { mitigation: 'network-policy', note: 'egress rules stop the download' },
    ],
    ineffective: [
      {
        mitigation: 'seccomp-default',
        reason: 'writing and executing files are ordinary allowed calls (§4.3)',
      },
      {
        mitigation: 'user-namespace',
        reason: "the container's own files stay writable for the remapped root (§4.3)",
      },
      {
        mitigation: 'drop-capabilities',
        reason: "writing the container's own files needs no capability (§4.3)",
      },
      {
        mitigation: 'no-new-privileges',
        reason: 'it governs privileges on exec, not which files are writable (§4.3)',
      },
    ],
    defaults: { cost: 0.1, time: 0.1, skill: 1, probability: 0.9 },
    sources: [
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #8',
      'mitre/cti M1038, M1042 on T1611 and T1609',
      'rpetrich/deciduous examples/cryptominer-in-container.yaml',
      'attack-trees.md §4.2 R22',
    ],
    origin: 'reference',
  },
  {
    id: 'R26',
    title: 'Untrusted or mutable image runs malicious code',
    description:
      'An image referenced by tag (`latest`, no tag, or a version tag) is whatever the registry serves when it is ' +
      'pulled: a compromised registry account, a typosquatted name or a moved tag delivers code that runs with the ' +
      "container's privileges on start. Pinning by digest and verifying a signature fix the content that runs; " +
      'scanning and runtime confinement only narrow what it can do.',
    stage: 'initial-access',
    startsFrom: 'outside',
    yields: 'code-execution',
    attack: { techniques: ['T1204.003', 'T1525', 'T1195.002'], microsoft: ['MS-TA9002'] },
    cves: [],
    requires: { condition: 'mutable-image' },
    blockedBy: [
      {
        mitigation: 'immutable-image',
        note: 'digest pinning plus signature verification: a tag can no longer be moved',
      },
    ],
    partiallyBlockedBy: [
      {
        mitigation: 'security-testing-in-ci',
        note: 'scanning catches known-malicious and vulnerable images',
      },
      { mitigation: 'minimal-base-image', note: 'a smaller surface for planted code' },
      { mitigation: 'apparmor-profile', unless: PRIVILEGED, note: LIMITS_PLANTED_CODE },
      { mitigation: 'selinux-policy', unless: PRIVILEGED, note: LIMITS_PLANTED_CODE },
      { mitigation: 'user-namespace', note: LIMITS_PLANTED_CODE },
      { mitigation: 'drop-capabilities', note: LIMITS_PLANTED_CODE },
      { mitigation: 'no-new-privileges', note: LIMITS_PLANTED_CODE },
      { mitigation: 'read-only-rootfs', note: LIMITS_PLANTED_CODE },
      { mitigation: 'non-root-user', note: LIMITS_PLANTED_CODE },
    ],
    ineffective: [
      {
        mitigation: 'seccomp-default',
        reason: "the image's code runs with the syscalls any application gets (§4.3)",
      },
    ],
    defaults: { cost: 10, time: 72, skill: 3, probability: 0.1 },
    sources: [
      'microsoft/Threat-Matrix-for-Kubernetes MS-TA9002 Compromised Image In Registry',
      'mitre/cti M1045, M1047 on T1525 and T1204.003',
      'attack-trees.md §4.2 R26, §4.5',
    ],
    origin: 'reference',
  },
  {
    id: 'R36',
    title: 'Unverified download at build time bakes foreign code into the image',
    description:
      '`ADD <url>` without a checksum and `curl … | sh` during the build run whatever the remote server returns at ' +
      'build time, so a compromised or spoofed download site puts its code into the image, and every container ' +
      'started from it runs that code. Signing the resulting image does not help: the signature vouches for what ' +
      "was built, not for what the build fetched. Rampart's analysis for the Dockerfile conditions that " +
      'attack-trees.md §4.2.1 lists without a rule.',
    stage: 'initial-access',
    startsFrom: 'outside',
    yields: 'code-execution',
    attack: { techniques: ['T1195.002'], microsoft: [] },
    cves: [],
    requires: { any: [{ condition: 'dockerfile-remote-add' }, { condition: 'dockerfile-pipe-to-shell' }] },
    blockedBy: [
      {
        mitigation: 'security-testing-in-ci',
        note: 'the build fails on `ADD <url>` without --checksum and on piping a download into a shell',
      },
    ],
    partiallyBlockedBy: [],
    ineffective: [
      {
        mitigation: 'immutable-image',
        reason: 'pinning and signing the built image certify what was built, not what the build downloaded',
      },
    ],
    defaults: { cost: 10, time: 72, skill: 4, probability: 0.05 },
    sources: [
      'DESIGN.md §4 (dockerfile-remote-add, dockerfile-pipe-to-shell)',
      'container-checks.md §3.8 (Dockerfile smells)',
      'attack-trees.md §4.2.1 (conditions without a rule)',
    ],
    origin: 'rampart-analysis',
  },
];
