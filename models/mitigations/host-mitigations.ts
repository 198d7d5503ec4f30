import type { Mitigation } from './mitigation';
import { rampartFindingsCheck } from './rampart-ci-check';

/** What a Docker host needs; the same for compose and `docker run`, which do not set it. */
const DOCKER_HOST = {
  snippet:
    '# on every Docker host: kernel ≥ 5.16.11 / 5.15.25 / 5.10.102 or a distribution backport,\n' +
    '# runc ≥ 1.1.12 (Docker ≥ 25.0.2), cgroup v2 (systemd.unified_cgroup_hierarchy=1)\n' +
    'sysctl -w kernel.unprivileged_userns_clone=0   # Debian/Ubuntu, where no rootless tool needs it',
  note:
    "a host setting, not a service field; disabling unprivileged user namespaces does not affect Docker's " +
    'userns-remap, which the daemon sets up as root',
};

/** Controls on the hosts and their management interfaces (DESIGN §6; attack-trees.md §4.3 Fix and
 * Cfg columns). */
export const HOST_MITIGATIONS: Mitigation[] = [
  {
    id: 'host-hardening',
    title: 'Minimal, patched hosts: kernel and runtime with the escape fixes, cgroup v2',
    rationale:
      'Minimise the attack surface under every container: the kernel is shared, and bugs such as Dirty Pipe are ' +
      'reachable whatever the container configuration says. A minimal host OS with a patched kernel and runtime, ' +
      'cgroup v2 and unprivileged user namespaces disabled where nothing needs them closes what configuration cannot.',
    principles: ['minimize-attack-surface', 'defence-in-depth'],
    protectsAgainst: ['R02', 'R03', 'R11', 'R14', 'R15', 'R16', 'R17', 'R18', 'R19'],
    scope: 'host',
    implementation: {
      compose: DOCKER_HOST,
      kubernetes: {
        snippet:
          '# node image with a patched kernel and runtime (Bottlerocket, Flatcar, COS, a current Ubuntu)\n# KubeletConfiguration\nseccompDefault: true',
        note: "keep node images on the vendor's patch cadence and reboot into new kernels",
      },
      dockerRun: DOCKER_HOST,
      host: 'patched kernel, runc ≥ 1.1.12 / Docker ≥ 25.0.2, cgroup v2, AppArmor or SELinux enforcing',
    },
    verification: [
      {
        on: 'host',
        command: 'uname -r',
        expect: "a kernel with the fixes (≥ 5.16.11, 5.15.25, 5.10.102, or the vendor's backport)",
      },
      { on: 'host', command: 'runc --version', expect: 'runc ≥ 1.1.12' },
      { on: 'host', command: 'stat -fc %T /sys/fs/cgroup', expect: '`cgroup2fs`' },
      {
        on: 'kubernetes',
        command:
          'kubectl get nodes -o jsonpath=\'{range .items[*]}{.status.nodeInfo.kernelVersion} {.status.nodeInfo.containerRuntimeVersion}{"\\n"}{end}\'',
        expect: 'patched kernel and runtime versions on every node',
      },
    ],
    requirement:
      'Every host that runs {target} MUST run a kernel and container runtime that carry the published container-escape ' +
      'fixes, use cgroup v2, and be patched and rebooted on a defined schedule.',
    evidence: {
      kind: 'assumptions',
      all: [
        { assumption: 'kernel-patched', is: true },
        { assumption: 'runtime-patched', is: true },
      ],
    },
    limitations: [
      "Version numbers mislead: distributions backport fixes, so check the vendor's advisories, not only `uname -r`.",
      'Patching closes known bugs only; the next kernel bug reachable from default syscalls opens the same path.',
      'A host firewall (UFW, firewalld) does not filter ports Docker publishes (R31).',
    ],
    sources: [
      'nestybox/sysbox docs/user-guide/security-cve.md',
      'https://www.systemshardening.com/articles/linux/dirty-pipe-container-escape/',
      'attack-trees.md §4.3 (Fix column), §4.4 note 2',
    ],
  },
  {
    id: 'restrict-host-access',
    title: 'Keep runtime and kubelet APIs off the network; authenticate every management interface',
    rationale:
      'Least access to the control plane: the Docker API and the kubelet are root on the host. They listen on a ' +
      'Unix socket or require client certificates and authorisation, and no container publishes their ports.',
    principles: ['least-access', 'minimize-attack-surface'],
    protectsAgainst: ['R04', 'R27'],
    scope: 'host',
    implementation: {
      compose: {
        snippet:
          '# publish no 2375, 2376 or 10250; bind admin ports to loopback\nports:\n  - "127.0.0.1:8080:8080"',
      },
      kubernetes: {
        snippet:
          '# KubeletConfiguration\nauthentication:\n  anonymous: { enabled: false }\n  webhook: { enabled: true }\nauthorization:\n  mode: Webhook',
      },
      dockerRun: {
        snippet: '# /etc/docker/daemon.json\n{ "hosts": ["unix:///var/run/docker.sock"] }',
        note: 'where remote access is required: `--tlsverify` with client certificates, and an authorization plugin',
      },
      host: 'dockerd listens on the Unix socket only; kubelet anonymous auth off, Webhook authorisation on',
    },
    verification: [
      {
        on: 'host',
        command: "ss -ltn '( sport = :2375 or sport = :2376 or sport = :10250 )'",
        expect: 'no Docker listener; the kubelet only where it requires authentication',
      },
      {
        on: 'host',
        command: 'curl -s --max-time 3 http://<host>:2375/version',
        expect: 'connection refused',
      },
      { on: 'kubernetes', command: 'curl -sk https://<node>:10250/pods', expect: '`Unauthorized`' },
      rampartFindingsCheck(['container-api-exposed']),
    ],
    requirement:
      'The hosts that run {target} MUST NOT expose the container runtime API or the kubelet without client ' +
      'authentication and authorisation, and no workload MAY publish their ports.',
    evidence: { kind: 'absent-conditions', conditions: [{ condition: 'container-api-exposed' }] },
    limitations: [
      'A runtime socket mounted into a container is the same API from the inside (R04); remove the mount.',
      'An authorization plugin narrows the API; any allowed call that creates containers is still an escape.',
      'Configs show only API ports that workloads publish; whether the daemon or kubelet itself listens on the ' +
        'network is a host fact to confirm in the workshop.',
    ],
    sources: [
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #1',
      'mitre/cti M1035',
      'microsoft/Threat-Matrix-for-Kubernetes MS-M9009, MS-M9021',
    ],
  },
  {
    id: 'logging-and-audit',
    title: 'Ship container logs off the host and audit the runtime and the API server',
    rationale:
      'Defence in depth by detection: no control list is complete, so runtime activity, API calls and container ' +
      'output are recorded where a compromised host cannot erase them, and alerts fire on escape patterns ' +
      '(writes to core_pattern or release_agent, new privileged containers). It shortens an attack, it does not ' +
      'block a step, so no rule lists it.',
    principles: ['defence-in-depth'],
    protectsAgainst: [],
    scope: 'host',
    implementation: {
      compose: {
        snippet:
          'logging:\n  driver: syslog\n  options:\n    syslog-address: "tcp+tls://logs.example.com:6514"',
      },
      kubernetes: {
        snippet:
          '# kube-apiserver flags\n--audit-policy-file=/etc/kubernetes/audit-policy.yaml\n--audit-log-path=/var/log/kubernetes/audit.log\n# plus a node agent (Falco, Tetragon) and a log shipper to remote storage',
      },
      dockerRun: { snippet: '--log-driver=syslog --log-opt syslog-address=tcp+tls://logs.example.com:6514' },
      host: 'auditd rules for the Docker daemon and its files, e.g. `-w /usr/bin/dockerd -k docker`',
    },
    verification: [
      {
        on: 'docker',
        command: "docker inspect --format '{{.HostConfig.LogConfig.Type}}' <container>",
        expect:
          'a remote driver (`syslog`, `fluentd`, `gelf`, `awslogs`, `splunk`…), or a node agent ships `json-file` logs',
      },
      {
        on: 'host',
        command: 'auditctl -l | grep docker',
        expect: 'watch rules for the Docker daemon and its files',
      },
      {
        on: 'kubernetes',
        command:
          "kubectl -n kube-system get pod -l component=kube-apiserver -o jsonpath='{.items[*].spec.containers[*].command}'",
        expect: 'contains `--audit-policy-file` and `--audit-log-path` or `--audit-webhook-config-file`',
      },
    ],
    requirement:
      'Logs and runtime events of {target} MUST be shipped to storage outside the host, and the container runtime and ' +
      'Kubernetes API MUST be audited.',
    evidence: {
      kind: 'none',
      reason:
        'log shipping and audit policy live outside the workload configuration; the workshop records them',
    },
    limitations: [
      'Detective only: it shortens an attack but does not cut any step, so it changes no tree metric.',
    ],
    sources: [
      'microsoft/Threat-Matrix-for-Kubernetes MS-M9020 (remote log storage)',
      'docker/docker-bench-security tests (CIS Docker 1.1.x audit rules)',
    ],
  },
];
