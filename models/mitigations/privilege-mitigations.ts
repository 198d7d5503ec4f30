import type { Mitigation } from './mitigation';
import { rampartFindingsCheck } from './rampart-ci-check';

const IMAGE_ONLY = {
  platforms: ['image' as const],
  reason: 'a runtime setting: the compose file, manifest or `docker run` that starts the image decides it',
};

/** Controls on what the container process may do: capabilities, privilege gain, user, privileged
 * mode, writable root and resources (DESIGN §6; attack-trees.md §4.3 Cap, NNP, RO, NR and Cfg
 * columns). */
export const PRIVILEGE_MITIGATIONS: Mitigation[] = [
  {
    id: 'drop-capabilities',
    title: 'Drop all capabilities, add back only what the service needs',
    rationale:
      'Least privilege: root in a container still holds 14 capabilities by default, NET_RAW among them, and every ' +
      'added one (SYS_ADMIN, SYS_PTRACE, SYS_MODULE, NET_ADMIN, DAC_READ_SEARCH) opens a known escape. Dropping ALL ' +
      'and adding back one capability at a time makes each grant a reviewed decision; the default seccomp profile ' +
      'tightens with it, since it gates syscalls on the capability set.',
    principles: ['least-privilege', 'minimize-attack-surface'],
    protectsAgainst: [
      'R02',
      'R03',
      'R06',
      'R07',
      'R12',
      'R13',
      'R14',
      'R15',
      'R17',
      'R20',
      'R24',
      'R26',
      'R33',
      'R35',
    ],
    scope: 'container',
    implementation: {
      compose: {
        snippet:
          'cap_drop: [ALL]\ncap_add: [NET_BIND_SERVICE]   # only if the service binds a port below 1024',
      },
      kubernetes: {
        snippet:
          'securityContext:\n  capabilities:\n    drop: ["ALL"]\n    add: ["NET_BIND_SERVICE"]   # only if needed',
        note: 'Pod Security Standards compare the literal "ALL" (upper case)',
      },
      dockerRun: { snippet: '--cap-drop=ALL --cap-add=NET_BIND_SERVICE' },
    },
    verification: [
      {
        on: 'docker',
        command: "docker inspect --format '{{.HostConfig.CapDrop}} {{.HostConfig.CapAdd}}' <container>",
        expect: '`[ALL] []` or `[ALL] [NET_BIND_SERVICE]`',
      },
      {
        on: 'docker',
        command: 'docker exec <container> grep CapEff /proc/1/status',
        expect: '`CapEff: 0000000000000000` (or `0000000000000400` with NET_BIND_SERVICE)',
      },
      {
        on: 'kubernetes',
        command:
          "kubectl get pod <pod> -o jsonpath='{.spec.containers[*].securityContext.capabilities.drop} {.spec.containers[*].securityContext.capabilities.add}'",
        expect: '`["ALL"]` for every container; add empty or `["NET_BIND_SERVICE"]`',
      },
      rampartFindingsCheck([
        'default-capabilities-kept',
        'dangerous-capability',
        'cap-sys-admin',
        'privileged',
      ]),
    ],
    requirement:
      'The service {target} MUST drop all Linux capabilities and add back only those it demonstrably needs; it MUST ' +
      'NOT be granted SYS_ADMIN, SYS_MODULE, SYS_PTRACE, DAC_READ_SEARCH, NET_ADMIN or NET_RAW.',
    evidence: {
      kind: 'absent-conditions',
      conditions: [
        { condition: 'default-capabilities-kept' },
        { condition: 'dangerous-capability' },
        { condition: 'cap-sys-admin' },
        { condition: 'privileged' },
      ],
    },
    notApplicable: [IMAGE_ONLY],
    limitations: [
      '`cap_drop: [ALL]` with `cap_add: [SYS_ADMIN]` still grants SYS_ADMIN: Docker applies --cap-add after ' +
        '--cap-drop (§4.5).',
      'privileged grants every capability whatever cap_drop says.',
      'Kernel bugs that need no capability stay open: Dirty Pipe (R16), and CVE-2022-0185 (R15) through a new user ' +
        'namespace when seccomp is unconfined.',
    ],
    sources: [
      'moby/moby oci/caps/defaults.go',
      'container-checks.md §1.2 (capabilities_restricted)',
      'attack-trees.md §4.3, §4.5',
    ],
  },
  {
    id: 'no-new-privileges',
    title: 'Forbid gaining privileges on exec (no-new-privileges)',
    rationale:
      'Least privilege over time: the process can never end up with more privilege than it started with, so setuid ' +
      'binaries and file capabilities in the image cannot turn a foothold as a normal user into root.',
    principles: ['least-privilege', 'defence-in-depth'],
    protectsAgainst: ['R20', 'R26'],
    scope: 'container',
    implementation: {
      compose: { snippet: 'security_opt:\n  - no-new-privileges:true' },
      kubernetes: { snippet: 'securityContext:\n  allowPrivilegeEscalation: false' },
      dockerRun: { snippet: '--security-opt no-new-privileges:true' },
      host: 'or for every container: `"no-new-privileges": true` in /etc/docker/daemon.json',
    },
    verification: [
      {
        on: 'docker',
        command: "docker inspect --format '{{json .HostConfig.SecurityOpt}}' <container>",
        expect:
          'contains `no-new-privileges` or `no-new-privileges:true` (unless the daemon sets it for all)',
      },
      {
        on: 'docker',
        command: 'docker exec <container> grep NoNewPrivs /proc/1/status',
        expect: '`NoNewPrivs: 1`',
      },
      {
        on: 'kubernetes',
        command:
          "kubectl get pod <pod> -o jsonpath='{.spec.containers[*].securityContext.allowPrivilegeEscalation}'",
        expect: '`false` for every container',
      },
      rampartFindingsCheck(['privilege-escalation-allowed']),
    ],
    requirement:
      'The service {target} MUST run with no-new-privileges set (`allowPrivilegeEscalation: false`).',
    evidence: { kind: 'absent-conditions', conditions: [{ condition: 'privilege-escalation-allowed' }] },
    notApplicable: [IMAGE_ONLY],
    limitations: [
      'A process that starts as root keeps its privileges: it does not replace running as non-root.',
      'It does not stop kernel exploits, which gain privilege without exec (R15–R17).',
    ],
    sources: [
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #4',
      'attack-trees.md §4.3',
    ],
  },
  {
    id: 'read-only-rootfs',
    title: 'Mount the root filesystem read-only',
    rationale:
      "Minimise the attack surface for persistence: an attacker cannot drop tools or change the application's " +
      'files, and the container stays identical to its image. Writable paths become explicit tmpfs mounts that can ' +
      'be made noexec.',
    principles: ['minimize-attack-surface', 'defence-in-depth'],
    protectsAgainst: ['R22', 'R26'],
    scope: 'container',
    implementation: {
      compose: { snippet: 'read_only: true\ntmpfs:\n  - /tmp:rw,noexec,nosuid,size=64m' },
      kubernetes: {
        snippet:
          'securityContext:\n  readOnlyRootFilesystem: true\nvolumeMounts:\n  - { name: tmp, mountPath: /tmp }   # volumes: [{ name: tmp, emptyDir: {} }]',
      },
      dockerRun: { snippet: '--read-only --tmpfs /tmp:rw,noexec,nosuid,size=64m' },
    },
    verification: [
      {
        on: 'docker',
        command: "docker inspect --format '{{.HostConfig.ReadonlyRootfs}}' <container>",
        expect: '`true`',
      },
      {
        on: 'docker',
        command: 'docker exec <container> touch /rampart-probe',
        expect: 'fails with `Read-only file system`',
      },
      {
        on: 'kubernetes',
        command:
          "kubectl get pod <pod> -o jsonpath='{.spec.containers[*].securityContext.readOnlyRootFilesystem}'",
        expect: '`true` for every container',
      },
      rampartFindingsCheck(['writable-root-filesystem']),
    ],
    requirement:
      'The service {target} MUST run with a read-only root filesystem; writable paths MUST be explicit tmpfs or volume mounts.',
    evidence: { kind: 'absent-conditions', conditions: [{ condition: 'writable-root-filesystem' }] },
    notApplicable: [IMAGE_ONLY],
    limitations: [
      'Volumes, bind mounts and tmpfs stay writable: it does not stop writes to host mounts (R08).',
      'A read-only runtime socket, or a read-only root, still lets the attacker drive the runtime API (R04, §4.4 note 6).',
      'Dirty Pipe overwrites read-only files through the page cache (R16).',
    ],
    sources: [
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #8',
      'attack-trees.md §4.3, §4.4',
    ],
  },
  {
    id: 'non-root-user',
    title: 'Run the process as a non-root user',
    rationale:
      'Least privilege: without user namespaces, uid 0 in the container is uid 0 on the host, which owns the host ' +
      'files a mount exposes and is what CVE-2019-5736, the release_agent escape and the /var/log trick need. A ' +
      'fixed high uid turns many escapes into plain permission errors.',
    principles: ['least-privilege', 'defence-in-depth'],
    protectsAgainst: [
      'R01',
      'R02',
      'R04',
      'R05',
      'R06',
      'R07',
      'R08',
      'R09',
      'R10',
      'R11',
      'R12',
      'R13',
      'R14',
      'R17',
      'R18',
      'R21',
      'R22',
      'R26',
      'R32',
      'R33',
      'R34',
      'R35',
    ],
    scope: 'container',
    implementation: {
      compose: { snippet: 'user: "10001:10001"' },
      kubernetes: {
        snippet: 'securityContext:\n  runAsNonRoot: true\n  runAsUser: 10001\n  runAsGroup: 10001',
      },
      dockerRun: { snippet: '--user 10001:10001' },
      dockerfile: 'RUN adduser --system --uid 10001 app\nUSER 10001:10001',
    },
    verification: [
      {
        on: 'docker',
        command: "docker inspect --format '{{.Config.User}}' <container>",
        expect: 'set, and not `0`, `root` or `0:0`',
      },
      { on: 'docker', command: 'docker exec <container> id -u', expect: 'not `0`' },
      {
        on: 'kubernetes',
        command:
          "kubectl get pod <pod> -o jsonpath='{.spec.securityContext.runAsNonRoot} {.spec.securityContext.runAsUser}'",
        expect: '`true` and a non-zero uid (or set on every container)',
      },
      rampartFindingsCheck(['runs-as-root']),
    ],
    requirement:
      'The service {target} MUST run as a fixed non-root uid and gid (Kubernetes: `runAsNonRoot: true`).',
    evidence: { kind: 'absent-conditions', conditions: [{ condition: 'runs-as-root' }] },
    limitations: [
      'Setuid binaries bring root back unless no-new-privileges is set (R20).',
      'Kernel bugs are reachable from any uid: Dirty Pipe (R16), and CVE-2022-0185 (R15) through a new user namespace.',
      "A user in the runtime socket's group still drives the runtime (R04).",
    ],
    sources: [
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #2',
      'mitre/cti M1026 on T1611',
      'attack-trees.md §4.3, §4.4 note 4',
    ],
  },
  {
    id: 'no-privileged',
    title: 'Never run the container privileged',
    rationale:
      'Least privilege and defence in depth at once: privileged grants every capability and device and switches ' +
      'seccomp and AppArmor off, so it removes every other layer in one flag. Nearly every need for it is met by ' +
      'one capability or one device instead.',
    principles: ['least-privilege', 'defence-in-depth'],
    protectsAgainst: ['R01', 'R02', 'R03', 'R05', 'R06', 'R12', 'R14', 'R15', 'R17', 'R18', 'R34'],
    scope: 'container',
    implementation: {
      compose: { snippet: 'privileged: false   # or leave the key out' },
      kubernetes: {
        snippet: 'securityContext:\n  privileged: false',
        note: 'enforce with the namespace label pod-security.kubernetes.io/enforce: baseline (or restricted)',
      },
      dockerRun: { snippet: 'docker run <image>   # without --privileged' },
    },
    verification: [
      {
        on: 'docker',
        command: "docker inspect --format '{{.HostConfig.Privileged}}' <container>",
        expect: '`false`',
      },
      {
        on: 'kubernetes',
        command: "kubectl get pod <pod> -o jsonpath='{.spec.containers[*].securityContext.privileged}'",
        expect: 'empty or `false` for every container',
      },
      {
        on: 'kubernetes',
        command:
          "kubectl get namespace <ns> -o jsonpath='{.metadata.labels.pod-security\\.kubernetes\\.io/enforce}'",
        expect: '`baseline` or `restricted`',
      },
      rampartFindingsCheck(['privileged']),
    ],
    requirement: 'The service {target} MUST NOT run in privileged mode.',
    evidence: { kind: 'absent-conditions', conditions: [{ condition: 'privileged' }] },
    notApplicable: [IMAGE_ONLY],
    limitations: [
      'A capability added on its own keeps its escape: SYS_ADMIN still allows R02, SYS_MODULE R12.',
      'It does not touch mounts: a runtime socket or writable host mount escapes without privileged (R04, R08).',
    ],
    sources: ['container-checks.md §1.1, §2 (CIS 5.5)', 'attack-trees.md §4.1, §4.4 note 7'],
  },
  {
    id: 'resource-limits',
    title: 'Limit memory, CPU and process count',
    rationale:
      'Least access to shared resources: a compromised or buggy container can take no more than its share, so ' +
      'it cannot starve the node or the other workloads on it.',
    principles: ['least-access', 'defence-in-depth'],
    protectsAgainst: ['R30'],
    scope: 'container',
    implementation: {
      compose: { snippet: 'mem_limit: 512m\ncpus: 0.5\npids_limit: 200' },
      kubernetes: {
        snippet:
          'resources:\n  requests: { memory: 256Mi, cpu: 250m }\n  limits: { memory: 512Mi, cpu: 500m }',
        note: 'PIDs are limited per node with the kubelet `podPidsLimit`; a LimitRange sets namespace defaults',
      },
      dockerRun: { snippet: '--memory=512m --cpus=0.5 --pids-limit=200' },
    },
    verification: [
      {
        on: 'docker',
        command:
          "docker inspect --format '{{.HostConfig.Memory}} {{.HostConfig.NanoCpus}} {{.HostConfig.PidsLimit}}' <container>",
        expect: 'three non-zero values, e.g. `536870912 500000000 200`',
      },
      {
        on: 'kubernetes',
        command: "kubectl get pod <pod> -o jsonpath='{.spec.containers[*].resources.limits}'",
        expect: 'a memory and a cpu limit for every container',
      },
      rampartFindingsCheck(['no-resource-limits']),
    ],
    requirement: 'The service {target} MUST set memory, CPU and process-count limits.',
    evidence: { kind: 'absent-conditions', conditions: [{ condition: 'no-resource-limits' }] },
    notApplicable: [IMAGE_ONLY],
    limitations: [
      'Mining or abuse within the limit continues: limits cap the damage, detection must find it.',
    ],
    sources: [
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #7',
      'container-checks.md §2 (CIS 5.11, 5.12, 5.29)',
    ],
  },
];
