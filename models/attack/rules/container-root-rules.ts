import type { AttackRule } from './rule';
import { RUNS_AS_ROOT } from './shared-preconditions';

/** Reaching root inside the container, the prerequisite of most escapes (attack-trees.md §4.2 R20,
 * R21). The generator treats "root in the container" as a sub-goal reached by either rule. */
export const CONTAINER_ROOT_RULES: AttackRule[] = [
  {
    id: 'R20',
    title: 'Setuid binary in the image escalates to root inside the container',
    description:
      'A container that runs as a non-root user but may gain privileges on exec (no `no-new-privileges`, ' +
      '`allowPrivilegeEscalation` not false) lets any setuid-root binary in the image, or a vulnerable one, ' +
      'turn the attacker into root inside the container. That root is the stepping stone for R02, R08, R14 and ' +
      'R18. no-new-privileges makes the kernel ignore setuid bits and file capabilities on exec.',
    stage: 'privilege-escalation',
    startsFrom: 'inside',
    yields: 'container-root',
    attack: { techniques: ['T1548.001'], microsoft: [] },
    cves: [],
    requires: {
      all: [
        { not: RUNS_AS_ROOT },
        { condition: 'privilege-escalation-allowed' },
        { assumption: 'setuid-binaries-present', is: true },
      ],
    },
    blockedBy: [
      { mitigation: 'no-new-privileges', note: 'setuid bits and file capabilities are ignored on exec' },
      { mitigation: 'minimal-base-image', note: 'distroless and scratch images ship no setuid binaries' },
    ],
    partiallyBlockedBy: [
      { mitigation: 'user-namespace', note: 'the root gained is root in the user namespace only' },
      { mitigation: 'drop-capabilities', note: 'the bounding set limits what the new root holds' },
    ],
    ineffective: [
      {
        mitigation: 'apparmor-profile',
        reason: 'the default profiles allow executing setuid binaries (§4.3)',
      },
      { mitigation: 'selinux-policy', reason: 'the default policy allows executing setuid binaries (§4.3)' },
      { mitigation: 'seccomp-default', reason: 'exec of a setuid binary needs no filtered call (§4.3)' },
      {
        mitigation: 'read-only-rootfs',
        reason: 'the setuid binaries are part of the image, which a read-only root leaves in place (§4.3)',
      },
    ],
    defaults: { cost: 0.5, time: 1, skill: 2, probability: 0.4 },
    sources: [
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #4',
      'attack-trees.md §4.2 R20',
    ],
    origin: 'reference',
  },
  {
    id: 'R21',
    title: 'Process already runs as root in the container',
    description:
      'With no `USER`, `user:` or `runAsUser`/`runAsNonRoot`, the process runs as uid 0, so an attacker who gets ' +
      "code execution is root inside the container at once. Without a user namespace that is the host's uid 0, " +
      'which makes R02, R08–R11, R14 and R18 possible and turns any escape into full host root.',
    stage: 'privilege-escalation',
    startsFrom: 'inside',
    yields: 'container-root',
    attack: { techniques: [], microsoft: [] },
    cves: [],
    requires: RUNS_AS_ROOT,
    blockedBy: [{ mitigation: 'non-root-user' }],
    partiallyBlockedBy: [
      { mitigation: 'user-namespace', note: 'root in the container is not root on the host' },
    ],
    ineffective: [
      {
        mitigation: 'no-new-privileges',
        reason: 'it stops gaining privileges on exec; a process that starts as root keeps them',
      },
    ],
    defaults: { cost: 0, time: 0, skill: 1, probability: 1 },
    sources: [
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #2',
      'mitre/cti M1026 on T1611',
      'attack-trees.md §4.2 R21',
    ],
    origin: 'reference',
  },
];
