import type { IneffectiveMitigation } from './rule';
import type { AttackRule } from './rule';
import { PRIVILEGED } from './shared-preconditions';

/** The confinement controls of §4.3 (MAC, Sec, UNS, Cap, NNP, RO, NR), all marked ✗ for a step. */
function confinementDoesNotHelp(reason: string): IneffectiveMitigation[] {
  return (
    [
      'apparmor-profile',
      'selinux-policy',
      'seccomp-default',
      'user-namespace',
      'drop-capabilities',
      'no-new-privileges',
      'read-only-rootfs',
      'non-root-user',
    ] as const
  ).map((mitigation) => ({ mitigation, reason }));
}

/** Steps that collect credentials or data (attack-trees.md §4.2 R07, R09, R23, R28, R29; R32 is
 * Rampart's analysis for the `host-ipc` condition). */
export const CREDENTIAL_RULES: AttackRule[] = [
  {
    id: 'R07',
    title: 'Host PID namespace: read host command lines, signal host processes',
    description:
      "Sharing the host PID namespace shows every host process in the container's /proc. Command lines are " +
      'world-readable, and tokens or passwords passed as arguments leak from them; environments of processes of the ' +
      'same uid are readable too. With the default CAP_KILL a root process can also kill host processes and deny ' +
      'service.',
    stage: 'credential-access',
    startsFrom: 'inside',
    yields: 'credentials',
    attack: { techniques: ['T1552.001', 'T1499'], microsoft: [] },
    cves: [],
    requires: { condition: 'host-pid' },
    blockedBy: [
      { mitigation: 'no-host-namespaces' },
      { mitigation: 'user-namespace', note: 'user namespaces are incompatible with the host PID namespace' },
    ],
    partiallyBlockedBy: [
      { mitigation: 'non-root-user', note: 'environments and signals of other uids stay out of reach' },
      {
        mitigation: 'apparmor-profile',
        unless: PRIVILEGED,
        note: 'docker-default only lets the container signal processes under the same profile; /proc stays readable',
      },
      {
        mitigation: 'drop-capabilities',
        note: 'without CAP_KILL other uids cannot be signalled; command lines stay readable',
      },
    ],
    ineffective: [
      { mitigation: 'seccomp-default', reason: 'reading /proc and kill() are ordinary allowed calls' },
      { mitigation: 'read-only-rootfs', reason: 'the step only reads /proc' },
    ],
    defaults: { cost: 0.25, time: 0.5, skill: 1, probability: 0.6 },
    sources: ['BishopFox/badPods README.md ("hostPid only")', 'attack-trees.md §4.2 R07'],
    origin: 'reference',
  },
  {
    id: 'R09',
    title: 'Sensitive host mount, even read-only: read host secrets',
    description:
      'A host path such as /etc, /root, /home, /var/lib/kubelet or / mounted into the container, even read-only, ' +
      'exposes what the host keeps there: /etc/shadow, SSH keys, kubeconfigs, the service-account tokens of every ' +
      'pod on the node under /var/lib/kubelet/pods. `:ro` stops writes, not reads.',
    stage: 'credential-access',
    startsFrom: 'inside',
    yields: 'credentials',
    attack: { techniques: ['T1552.001', 'T1528'], microsoft: [] },
    cves: [],
    requires: { condition: 'sensitive-host-mount' },
    blockedBy: [{ mitigation: 'no-sensitive-mounts' }],
    partiallyBlockedBy: [
      {
        mitigation: 'non-root-user',
        note: 'root-only files such as /etc/shadow and SSH keys stay unreadable',
      },
      { mitigation: 'user-namespace', note: 'files readable only by the host root stay unreadable' },
      {
        mitigation: 'selinux-policy',
        unless: PRIVILEGED,
        note: 'host files keep labels container_t may not read',
      },
    ],
    ineffective: [
      { mitigation: 'read-only-rootfs', reason: '`:ro` and a read-only root stop writes, not reads' },
      { mitigation: 'apparmor-profile', reason: 'docker-default allows file reads outside /proc and /sys' },
      { mitigation: 'seccomp-default', reason: 'reading a file is an ordinary allowed call' },
    ],
    defaults: { cost: 0.25, time: 0.5, skill: 1, probability: 0.7 },
    sources: [
      'DataDog/KubeHound docs/reference/attacks/EXPLOIT_HOST_READ.md',
      'DataDog/KubeHound docs/reference/attacks/EXPLOIT_HOST_TRAVERSE.md',
      'DataDog/KubeHound docs/reference/attacks/TOKEN_STEAL.md',
      'BishopFox/badPods README.md ("hostPath only")',
      'attack-trees.md §4.2 R09',
    ],
    origin: 'reference',
  },
  {
    id: 'R23',
    title: 'Secrets in environment variables or build arguments',
    description:
      'A secret passed as an environment variable or build argument is readable in many places: `docker inspect` ' +
      'and `kubectl get pod -o yaml`, /proc/<pid>/environ of the process, crash dumps and logs that print the ' +
      'environment, and, for ENV/ARG, the image history. Code execution in the container, or read access to the ' +
      "runtime API, is enough; no confinement control hides a process's own environment.",
    stage: 'credential-access',
    startsFrom: 'inside',
    yields: 'credentials',
    attack: { techniques: ['T1552.001', 'T1552.007'], microsoft: ['MS-TA9027'] },
    cves: [],
    requires: { condition: 'secret-in-environment' },
    blockedBy: [
      {
        mitigation: 'secrets-manager',
        note: 'mount secrets as files (/run/secrets) or fetch them at runtime',
      },
    ],
    partiallyBlockedBy: [],
    ineffective: confinementDoesNotHelp(
      'the secret sits in the process environment, `docker inspect` output and the image history, which no ' +
        'confinement control hides from the process itself (§4.3)',
    ),
    defaults: { cost: 0.1, time: 0.1, skill: 1, probability: 0.9 },
    sources: [
      'https://docs.docker.com/compose/how-tos/use-secrets.md',
      'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env',
      'microsoft/Threat-Matrix-for-Kubernetes MS-TA9027',
      'attack-trees.md §4.2 R23, §4.5',
    ],
    origin: 'reference',
  },
  {
    id: 'R28',
    title: 'Auto-mounted service-account token: act on the Kubernetes API',
    description:
      "Kubernetes mounts the pod's service-account token at /var/run/secrets/kubernetes.io/serviceaccount unless " +
      "told not to. Code execution in the pod reads it and calls the API server with the service account's RBAC " +
      'rights: listing Secrets, or creating a privileged pod that leads to R01. What it yields depends on those ' +
      'rights, an assumption the workshop confirms.',
    stage: 'credential-access',
    startsFrom: 'inside',
    yields: 'credentials',
    attack: { techniques: ['T1528', 'T1552.007', 'T1610'], microsoft: ['MS-TA9016', 'MS-TA9025'] },
    cves: [],
    requires: {
      all: [
        { platform: 'kubernetes' },
        { condition: 'service-account-token-automount' },
        { assumption: 'rbac-grants-token', is: true },
      ],
    },
    blockedBy: [
      {
        mitigation: 'no-service-account-token',
        note: '`automountServiceAccountToken: false`, and least-privilege RBAC where a token is needed',
      },
    ],
    partiallyBlockedBy: [
      { mitigation: 'network-policy', note: 'egress rules can keep the pod from the API server' },
    ],
    ineffective: confinementDoesNotHelp(
      'the token is a file the container user is meant to read, and using it is an ordinary HTTPS request (§4.3)',
    ),
    defaults: { cost: 0.1, time: 0.1, skill: 2, probability: 0.8 },
    sources: [
      'microsoft/Threat-Matrix-for-Kubernetes MS-TA9016, MS-TA9025',
      'DataDog/KubeHound docs/reference/attacks/TOKEN_STEAL.md',
      'DataDog/KubeHound docs/reference/attacks/POD_CREATE.md',
      'attack-trees.md §4.2 R28',
    ],
    origin: 'reference',
  },
  {
    id: 'R29',
    title: "Cloud instance metadata: take the node's cloud credentials",
    description:
      "On a cloud VM the metadata service at 169.254.169.254 hands out the instance role's credentials to anyone " +
      'on the host who asks. A container reaches it unless egress to that address is blocked or IMDSv2 requires a ' +
      "token with a hop limit of 1, and the credentials then act on the cloud account with the node's rights.",
    stage: 'credential-access',
    startsFrom: 'inside',
    yields: 'credentials',
    attack: { techniques: ['T1552.005', 'T1078.004'], microsoft: ['MS-TA9028', 'MS-TA9033'] },
    cves: [],
    requires: { assumption: 'imds-reachable', is: true },
    blockedBy: [{ mitigation: 'network-policy', note: 'deny egress to 169.254.169.254/32' }],
    partiallyBlockedBy: [],
    ineffective: confinementDoesNotHelp('an HTTP request to the metadata address needs no privilege (§4.3)'),
    defaults: { cost: 0.1, time: 0.1, skill: 1, probability: 0.8 },
    sources: [
      'microsoft/Threat-Matrix-for-Kubernetes MS-TA9028, MS-TA9033 (MS-M9018)',
      'BishopFox/badPods README.md ("Cloud metadata")',
      'attack-trees.md §4.2 R29',
    ],
    origin: 'reference',
  },
  {
    id: 'R32',
    title: 'Host IPC namespace: read and write host shared memory',
    description:
      "Sharing the host IPC namespace gives the container the host's System V IPC objects and POSIX shared memory " +
      '(/dev/shm). Whatever host processes or other pods exchange there (shared-memory segments, semaphores, ' +
      "message queues) can be read and changed, subject to the objects' owner permissions. Rampart's analysis for " +
      'the `host-ipc` condition, which attack-trees.md §4.2.1 lists without a rule.',
    stage: 'collection',
    startsFrom: 'inside',
    yields: 'data',
    attack: { techniques: ['T1005'], microsoft: [] },
    cves: [],
    requires: { condition: 'host-ipc' },
    blockedBy: [{ mitigation: 'no-host-namespaces' }],
    partiallyBlockedBy: [
      { mitigation: 'non-root-user', note: 'IPC objects carry owner permissions' },
      {
        mitigation: 'user-namespace',
        note: 'Kubernetes refuses hostIPC with hostUsers: false; host-owned objects are foreign to a remapped root',
      },
    ],
    ineffective: [
      { mitigation: 'seccomp-default', reason: 'shmget, shmat and msgrcv are allowed calls' },
      { mitigation: 'read-only-rootfs', reason: '/dev/shm is a separate mount, not the root filesystem' },
    ],
    defaults: { cost: 0.5, time: 2, skill: 2, probability: 0.3 },
    sources: [
      'BishopFox/badPods README.md ("hostIPC only")',
      'attack-trees.md §4.2.1 (conditions without a rule)',
    ],
    origin: 'rampart-analysis',
  },
];
