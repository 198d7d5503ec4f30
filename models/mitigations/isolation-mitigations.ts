import type { Mitigation } from './mitigation';
import { rampartFindingsCheck } from './rampart-ci-check';

const IMAGE_ONLY = {
  platforms: ['image' as const],
  reason: 'a runtime setting: the compose file, manifest or `docker run` that starts the image decides it',
};

/** Controls that keep host resources out of the container: user and host namespaces, the runtime
 * socket, host paths and devices (DESIGN §6; attack-trees.md §4.3 UNS and Cfg columns). */
export const ISOLATION_MITIGATIONS: Mitigation[] = [
  {
    id: 'user-namespace',
    title: 'Run the container in a user namespace',
    rationale:
      'Defence in depth for the case where everything else fails: root in the container maps to an unprivileged ' +
      "uid on the host, so capabilities act only on the container's own namespaces and host-owned files, devices " +
      'and sysctls stay out of reach after an escape.',
    principles: ['defence-in-depth', 'least-privilege'],
    protectsAgainst: [
      'R01',
      'R02',
      'R03',
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
      'R18',
      'R19',
      'R20',
      'R21',
      'R26',
      'R32',
      'R33',
      'R34',
      'R35',
    ],
    scope: 'container',
    implementation: {
      compose: {
        snippet:
          '# /etc/docker/daemon.json: { "userns-remap": "default" }\n# and no `userns_mode: host` on the service',
        note: 'Docker remaps per daemon; a service opts out with userns_mode: host',
      },
      kubernetes: {
        snippet: 'spec:\n  hostUsers: false',
        note: 'needs Linux ≥ 6.3, containerd ≥ 2.0 or CRI-O ≥ 1.25, runc ≥ 1.2',
      },
      dockerRun: { snippet: 'dockerd --userns-remap=default   # and no --userns=host on docker run' },
      host: '`"userns-remap": "default"` in /etc/docker/daemon.json',
    },
    verification: [
      {
        on: 'docker',
        command: "docker info --format '{{json .SecurityOptions}}'",
        expect: 'contains `name=userns`',
      },
      {
        on: 'docker',
        command: "docker inspect --format '{{.HostConfig.UsernsMode}}' <container>",
        expect: 'empty (remapped by the daemon), not `host`',
      },
      {
        on: 'docker',
        command: 'docker exec <container> cat /proc/self/uid_map',
        expect: 'not `0 0 4294967295`: uid 0 maps to a high host uid',
      },
      {
        on: 'kubernetes',
        command: "kubectl get pod <pod> -o jsonpath='{.spec.hostUsers}'",
        expect: '`false`',
      },
      rampartFindingsCheck(['no-user-namespace']),
    ],
    requirement:
      'The service {target} MUST run in a user namespace so that root in the container is not root on the host ' +
      '(Docker `userns-remap` without opt-out, Kubernetes `hostUsers: false`).',
    evidence: { kind: 'absent-conditions', conditions: [{ condition: 'no-user-namespace' }] },
    notApplicable: [IMAGE_ONLY],
    limitations: [
      'It does not stop CVE-2022-0185 (R15): that exploit is itself a user-namespace escape (§4.4 note 3).',
      'It does not stop Dirty Pipe (R16) or the nf_tables bugs (R17) (§4.4 note 2).',
      'It is incompatible with privileged and with the host PID and network namespaces (§4.4 note 10).',
      'It does not stop ARP spoofing (R14): the container root holds NET_RAW over its own network namespace.',
    ],
    sources: [
      'https://docs.docker.com/engine/security/userns-remap',
      'kubernetes/website content/en/docs/concepts/workloads/pods/user-namespaces.md',
      'kubernetes/enhancements keps/sig-node/127-user-namespaces/README.md',
      'nestybox/sysbox docs/user-guide/security-cve.md',
      'attack-trees.md §4.1, §4.4 notes 3 and 10',
    ],
  },
  {
    id: 'no-host-namespaces',
    title: 'Do not share the host PID, IPC or network namespace',
    rationale:
      'Least access: the container sees only its own processes, IPC objects and network stack, so host processes, ' +
      'shared memory, node traffic and loopback-only services stay out of reach.',
    principles: ['least-access', 'minimize-attack-surface'],
    protectsAgainst: ['R05', 'R06', 'R07', 'R32', 'R35'],
    scope: 'container',
    implementation: {
      compose: { snippet: '# none of: pid: host, ipc: host, network_mode: host' },
      kubernetes: { snippet: 'spec:\n  hostPID: false\n  hostIPC: false\n  hostNetwork: false' },
      dockerRun: { snippet: 'docker run <image>   # without --pid=host, --ipc=host, --network=host' },
    },
    verification: [
      {
        on: 'docker',
        command:
          "docker inspect --format '{{.HostConfig.PidMode}} {{.HostConfig.IpcMode}} {{.HostConfig.NetworkMode}}' <container>",
        expect: 'none of the three is `host`',
      },
      {
        on: 'kubernetes',
        command: "kubectl get pod <pod> -o jsonpath='{.spec.hostPID} {.spec.hostIPC} {.spec.hostNetwork}'",
        expect: 'empty or `false` for all three',
      },
      rampartFindingsCheck(['host-pid', 'host-ipc', 'host-network']),
    ],
    requirement: 'The service {target} MUST NOT share the host PID, IPC or network namespace.',
    evidence: {
      kind: 'absent-conditions',
      conditions: [{ condition: 'host-pid' }, { condition: 'host-ipc' }, { condition: 'host-network' }],
    },
    notApplicable: [IMAGE_ONLY],
    limitations: [
      'Containers on one bridge still reach each other (R25) and can spoof each other with NET_RAW (R14).',
    ],
    sources: [
      'container-checks.md §1.1 (hostNamespaces), §2 (CIS 5.10, 5.16, 5.17)',
      'BishopFox/badPods README.md',
    ],
  },
  {
    id: 'no-runtime-socket',
    title: 'Do not mount the container runtime socket',
    rationale:
      'Least privilege: the Docker, containerd or CRI-O socket is root on the host by another name. A service that ' +
      'needs part of the API gets a narrow proxy or a dedicated agent, never the socket.',
    principles: ['least-privilege', 'least-access'],
    protectsAgainst: ['R04'],
    scope: 'container',
    implementation: {
      compose: {
        snippet: '# no volume of /var/run/docker.sock (not even :ro), no use_api_socket: true',
        note: 'where the API is needed, a filtering proxy that allows only the required endpoints',
      },
      kubernetes: {
        snippet:
          '# no hostPath volume of /var/run/docker.sock, /run/containerd/containerd.sock or /var/run/crio/crio.sock',
      },
      dockerRun: { snippet: 'docker run <image>   # without -v /var/run/docker.sock:/var/run/docker.sock' },
    },
    verification: [
      {
        on: 'docker',
        command: "docker inspect --format '{{range .Mounts}}{{.Source}} {{end}}' <container>",
        expect: 'no `docker.sock`, `containerd.sock`, `crio.sock` or `cri-dockerd.sock`',
      },
      {
        on: 'kubernetes',
        command: "kubectl get pod <pod> -o jsonpath='{.spec.volumes[*].hostPath.path}'",
        expect: 'no runtime socket path',
      },
      rampartFindingsCheck(['runtime-socket-mount']),
    ],
    requirement: 'The service {target} MUST NOT mount a container runtime socket, read-only or not.',
    evidence: { kind: 'absent-conditions', conditions: [{ condition: 'runtime-socket-mount' }] },
    notApplicable: [IMAGE_ONLY],
    limitations: [
      'Mounting the socket read-only is not this mitigation: `:ro` does not restrict the API (§4.4 note 6).',
      'A socket proxy narrows the API but any endpoint that creates containers is still an escape.',
    ],
    sources: [
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #1',
      'DataDog/KubeHound docs/reference/attacks/EXPLOIT_CONTAINERD_SOCK.md',
      'attack-trees.md §4.4 note 6',
    ],
  },
  {
    id: 'no-sensitive-mounts',
    title: 'Mount no sensitive host paths or devices; keep other host mounts read-only',
    rationale:
      "Least access: the host's /, /etc, /proc, /sys, /dev, /var/lib/docker, /var/lib/kubelet, /var/log and home " +
      'directories hold credentials and files the host executes. A container gets named volumes or specific ' +
      'read-only files instead, and no host devices.',
    principles: ['least-access', 'minimize-attack-surface'],
    protectsAgainst: ['R08', 'R09', 'R10', 'R11', 'R33'],
    scope: 'container',
    implementation: {
      compose: {
        snippet:
          'volumes:\n  - app-data:/var/lib/app          # a named volume, not a host path\n  - ./config/app.yml:/etc/app/app.yml:ro\n# no devices:',
      },
      kubernetes: {
        snippet:
          'volumes:\n  - name: data\n    persistentVolumeClaim: { claimName: app-data }\n# no hostPath; where unavoidable: volumeMounts[].readOnly: true',
        note: 'Pod Security Standards `restricted` forbid hostPath volumes',
      },
      dockerRun: { snippet: '-v app-data:/var/lib/app -v /srv/app/config:/etc/app:ro   # no --device' },
    },
    verification: [
      {
        on: 'docker',
        command:
          'docker inspect --format \'{{range .Mounts}}{{if eq .Type "bind"}}{{.Source}}:{{.RW}} {{end}}{{end}}\' <container>',
        expect: 'no sensitive source path; every other bind ends in `:false`',
      },
      {
        on: 'docker',
        command: "docker inspect --format '{{json .HostConfig.Devices}}' <container>",
        expect: '`[]` or `null`',
      },
      {
        on: 'kubernetes',
        command: "kubectl get pod <pod> -o jsonpath='{.spec.volumes[*].hostPath.path}'",
        expect: 'empty',
      },
      rampartFindingsCheck(['sensitive-host-mount', 'host-devices']),
    ],
    requirement:
      'The service {target} MUST NOT mount sensitive host paths or host devices, and MUST mount any other host path ' +
      'read-only.',
    evidence: {
      kind: 'absent-conditions',
      conditions: [
        { condition: 'sensitive-host-mount' },
        { condition: 'host-devices' },
        { condition: 'host-path-mount', where: { writable: true } },
      ],
    },
    notApplicable: [IMAGE_ONLY],
    limitations: [
      'A read-only sensitive mount still leaks secrets (R09); only removing it helps.',
      'Named volumes shared between services are a path between them.',
    ],
    sources: [
      'DataDog/KubeHound docs/reference/attacks/EXPLOIT_HOST_WRITE.md',
      'container-checks.md §2 (CIS 5.6, 5.18), §5 (volumes, devices)',
      'attack-trees.md §4.4 note 11',
    ],
  },
];
