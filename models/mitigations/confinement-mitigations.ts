import type { Mitigation } from './mitigation';
import { rampartFindingsCheck } from './rampart-ci-check';

const IMAGE_ONLY = {
  platforms: ['image' as const],
  reason: 'a runtime setting: the compose file, manifest or `docker run` that starts the image decides it',
};

/** Mandatory access control and syscall filtering (DESIGN §6; attack-trees.md §4.3 MAC and Sec
 * columns, §4.4 notes 1, 2, 7, 8). */
export const CONFINEMENT_MITIGATIONS: Mitigation[] = [
  {
    id: 'apparmor-profile',
    title: 'Confine the container with an AppArmor profile',
    rationale:
      'Defence in depth: even a root process with a dangerous capability is denied mount(), writes to /proc/sys ' +
      'and /sys, and ptrace of foreign processes by the profile, which closes the release_agent and core_pattern ' +
      'escapes. The runtime default (`docker-default`, `RuntimeDefault`) is the floor; an application profile ' +
      '(bane, `rampart profile apparmor`) applies least privilege to files and executables as well.',
    principles: ['defence-in-depth', 'least-privilege'],
    protectsAgainst: ['R02', 'R03', 'R06', 'R07', 'R11', 'R22', 'R26', 'R34'],
    scope: 'container',
    implementation: {
      compose: {
        snippet:
          'security_opt:\n  - apparmor=docker-default   # or apparmor=docker-web for an application profile',
        note: 'never `apparmor=unconfined`, never `privileged: true`; the host must load the profile',
      },
      kubernetes: {
        snippet:
          'securityContext:\n  appArmorProfile:\n    type: RuntimeDefault   # or Localhost with localhostProfile: k8s-web',
        note: 'Kubernetes ≥ 1.30; older clusters use the annotation container.apparmor.security.beta.kubernetes.io/<c>',
      },
      dockerRun: { snippet: '--security-opt apparmor=docker-default' },
      host: 'AppArmor enabled and the profile loaded on every node (`apparmor_parser -r -W /etc/apparmor.d/containers/docker-web`)',
    },
    verification: [
      {
        on: 'docker',
        command: "docker inspect --format '{{.AppArmorProfile}}' <container>",
        expect: '`docker-default` or the application profile name; never empty or `unconfined`',
      },
      {
        on: 'docker',
        command: 'docker exec <container> cat /proc/1/attr/current',
        expect: '`docker-default (enforce)` or `<profile> (enforce)`',
      },
      {
        on: 'kubernetes',
        command:
          "kubectl get pod <pod> -o jsonpath='{.spec.securityContext.appArmorProfile.type} {.spec.containers[*].securityContext.appArmorProfile.type}'",
        expect: '`RuntimeDefault` or `Localhost`; never `Unconfined`',
      },
      { on: 'host', command: 'aa-status --enabled && echo enabled', expect: '`enabled`' },
      rampartFindingsCheck(['mac-disabled', 'privileged']),
    ],
    requirement:
      'The service {target} MUST run under an enforcing AppArmor profile (the runtime default or an application ' +
      'profile) and MUST NOT run unconfined or privileged.',
    evidence: {
      kind: 'absent-conditions',
      conditions: [{ condition: 'mac-disabled' }, { condition: 'privileged' }],
    },
    notApplicable: [IMAGE_ONLY],
    limitations: [
      'privileged switches AppArmor off (§4.4 note 7).',
      'docker-default grants every capability and all network access: it does not stop CAP_SYS_MODULE (R12), ' +
        'CAP_NET_RAW spoofing (R14) or the runtime socket (R04).',
      'It does not stop kernel bugs reachable without mount: CVE-2022-0185 (R15), Dirty Pipe (R16), nf_tables (R17).',
      'Only effective where the host runs AppArmor (assumption `host-mac-enabled`).',
    ],
    sources: [
      'moby/profiles apparmor/template.go, apparmor/testdata/default.golden',
      'genuinetools/bane sample.toml',
      'container-checks.md §4.2',
      'attack-trees.md §4.3, §4.4 note 7',
    ],
  },
  {
    id: 'selinux-policy',
    title: 'Confine the container with SELinux (container_t)',
    rationale:
      'Defence in depth: on SELinux hosts every container runs in the container_t domain with its own MCS ' +
      "category, so host files, devices and other containers' files carry labels it may not touch even as root. " +
      'That is what stops CVE-2019-5736 on RHEL-family hosts and much of a writable host mount.',
    principles: ['defence-in-depth', 'least-access'],
    protectsAgainst: ['R02', 'R03', 'R04', 'R06', 'R08', 'R09', 'R11', 'R18', 'R22', 'R26', 'R33', 'R34'],
    scope: 'container',
    implementation: {
      compose: {
        snippet:
          '# the daemon runs with "selinux-enabled": true; the service keeps the default label\nsecurity_opt: []   # never label=disable',
        note: 'use `:Z`/`:z` on bind mounts only for data the container owns',
      },
      kubernetes: {
        snippet:
          'securityContext:\n  seLinuxOptions:\n    type: container_t   # or leave unset on SELinux nodes; never spc_t',
      },
      dockerRun: {
        snippet: 'dockerd --selinux-enabled   # and no --security-opt label=disable on docker run',
      },
      host: '`SELINUX=enforcing` in /etc/selinux/config; `"selinux-enabled": true` in /etc/docker/daemon.json',
    },
    verification: [
      {
        on: 'docker',
        command: "docker inspect --format '{{.ProcessLabel}}' <container>",
        expect: '`system_u:system_r:container_t:s0:c…`; not empty, not `spc_t`',
      },
      { on: 'host', command: 'getenforce', expect: '`Enforcing`' },
      {
        on: 'kubernetes',
        command: "kubectl get pod <pod> -o jsonpath='{.spec.securityContext.seLinuxOptions.type}'",
        expect: 'empty or `container_t`; never `spc_t`',
      },
      rampartFindingsCheck(['mac-disabled', 'privileged']),
    ],
    requirement:
      'The service {target} MUST run in the container_t SELinux domain on hosts that enforce SELinux, and MUST NOT ' +
      'disable labelling or run privileged.',
    evidence: {
      kind: 'absent-conditions',
      conditions: [{ condition: 'mac-disabled' }, { condition: 'privileged' }],
    },
    notApplicable: [IMAGE_ONLY],
    limitations: [
      'privileged runs the container as spc_t, outside the policy (§4.4 note 7).',
      'Relabelling a bind mount with `:z`/`:Z` gives the container write access to those host files.',
      'It does not stop CAP_SYS_MODULE (R12), NET_RAW spoofing (R14) or kernel bugs such as Dirty Pipe (R16).',
      'Only effective where the host enforces SELinux (assumption `host-mac-enabled`).',
    ],
    sources: [
      'https://kubernetes.io/blog/2019/02/11/runc-and-cve-2019-5736/',
      'container-checks.md §0 (SELinux row), §2 (CIS 5.3)',
      'attack-trees.md §4.3',
    ],
  },
  {
    id: 'seccomp-profile',
    title: 'Filter syscalls with an application-specific seccomp profile',
    rationale:
      'Minimise the attack surface: the kernel is shared, and every syscall the application never makes is one ' +
      'path to a kernel bug that need not exist. A whitelist built from what the application actually calls ' +
      '(`rampart profile seccomp`) denies unshare, mount, fsconfig and the rest that escapes rely on.',
    principles: ['minimize-attack-surface', 'least-privilege', 'defence-in-depth'],
    protectsAgainst: ['R02', 'R03', 'R15', 'R17'],
    scope: 'container',
    implementation: {
      compose: {
        snippet: 'security_opt:\n  - seccomp=./seccomp/web.json',
        note: 'Compose resolves the path against the project directory and sends the profile to the daemon',
      },
      kubernetes: {
        snippet:
          'securityContext:\n  seccompProfile:\n    type: Localhost\n    localhostProfile: profiles/web.json',
        note: 'the file lives under <kubelet root>/seccomp on every node',
      },
      dockerRun: { snippet: '--security-opt seccomp=/etc/docker/seccomp/web.json' },
      ci: 'generate the profile with `rampart profile seccomp --strace trace.log --out seccomp/web.json` and keep it in version control',
    },
    verification: [
      {
        on: 'docker',
        command: "docker inspect --format '{{json .HostConfig.SecurityOpt}}' <container>",
        expect: 'a `seccomp=` entry holding the application profile, not `seccomp=unconfined`',
      },
      {
        on: 'docker',
        command: 'docker exec <container> grep Seccomp: /proc/1/status',
        expect: '`Seccomp: 2` (filtering)',
      },
      {
        on: 'kubernetes',
        command:
          "kubectl get pod <pod> -o jsonpath='{.spec.securityContext.seccompProfile.type} {.spec.securityContext.seccompProfile.localhostProfile}'",
        expect: '`Localhost profiles/web.json`',
      },
      rampartFindingsCheck(['seccomp-unconfined', 'generic-seccomp-profile', 'privileged']),
    ],
    requirement:
      'The service {target} MUST run under a seccomp profile that allows only the system calls the application ' +
      'uses, and MUST NOT run unconfined or privileged.',
    evidence: {
      kind: 'absent-conditions',
      conditions: [
        { condition: 'seccomp-unconfined' },
        { condition: 'generic-seccomp-profile' },
        { condition: 'privileged' },
      ],
    },
    notApplicable: [IMAGE_ONLY],
    limitations: [
      'Its worth depends on each allowed syscall: a profile that keeps pipe and splice does not stop Dirty Pipe ' +
        '(R16, §4.4 note 2); one that keeps unshare does not stop CVE-2022-0185 (R15).',
      'privileged skips seccomp entirely, custom profiles included (§4.4 note 7).',
      'A profile recorded from too little traffic breaks rare code paths; record under realistic load.',
    ],
    sources: ['container-checks.md §4.1', 'attack-trees.md §4.3.1'],
  },
  {
    id: 'seccomp-default',
    title: "Keep the runtime's default seccomp profile on",
    rationale:
      'Minimise the attack surface at no cost: the runtime default blocks about 44 rarely needed syscalls ' +
      '(mount, unshare, keyctl, module loading…) for containers without the matching capability. Docker applies it ' +
      'unless told otherwise; Kubernetes does not, so pods must ask for `RuntimeDefault`.',
    principles: ['minimize-attack-surface', 'defence-in-depth'],
    protectsAgainst: ['R03', 'R15', 'R17'],
    scope: 'container',
    implementation: {
      compose: {
        snippet:
          "security_opt: []   # Docker's default profile applies; never seccomp=unconfined, never privileged: true",
        note: 'Docker applies its default profile to every container that does not opt out',
      },
      kubernetes: {
        snippet: 'spec:\n  securityContext:\n    seccompProfile:\n      type: RuntimeDefault',
        note: 'or enable `seccompDefault: true` in the kubelet configuration for every pod on the node',
      },
      dockerRun: {
        snippet: 'docker run <image>   # without --security-opt seccomp=unconfined and without --privileged',
      },
    },
    verification: [
      {
        on: 'docker',
        command: "docker inspect --format '{{json .HostConfig.SecurityOpt}}' <container>",
        expect: 'no `seccomp=unconfined` / `seccomp:unconfined` entry (`null` is fine)',
      },
      {
        on: 'docker',
        command: 'docker exec <container> grep Seccomp: /proc/1/status',
        expect: '`Seccomp: 2` (filtering)',
      },
      {
        on: 'kubernetes',
        command: "kubectl get pod <pod> -o jsonpath='{.spec.securityContext.seccompProfile.type}'",
        expect: '`RuntimeDefault` or `Localhost` (or every container sets it)',
      },
      {
        on: 'kubernetes',
        command: 'kubectl exec <pod> -- grep Seccomp: /proc/1/status',
        expect: '`Seccomp: 2`',
      },
      rampartFindingsCheck(['seccomp-unconfined', 'privileged']),
    ],
    requirement:
      "The service {target} MUST run with at least the container runtime's default seccomp profile; on Kubernetes " +
      'it MUST set `seccompProfile.type: RuntimeDefault` or `Localhost`.',
    evidence: {
      kind: 'absent-conditions',
      conditions: [{ condition: 'seccomp-unconfined' }, { condition: 'privileged' }],
    },
    notApplicable: [IMAGE_ONLY],
    limitations: [
      'It is conditional on capabilities: once CAP_SYS_ADMIN is added it allows mount, unshare, setns, fsconfig and ' +
        'bpf, so it does not stop R02 or the SYS_ADMIN route of R15 (§4.4 note 1).',
      'It does not stop Dirty Pipe: pipe, splice and vmsplice are allowed (§4.4 note 2).',
      'Kubernetes pods are unconfined unless they ask for it or the kubelet sets SeccompDefault (§4.4 note 8).',
      'privileged switches it off (§4.4 note 7).',
    ],
    sources: [
      'moby/profiles seccomp/default.json',
      'docker/docs content/manuals/engine/security/seccomp.md',
      'kubernetes/website tutorials/security/seccomp.md',
      'attack-trees.md §4.1, §4.4 notes 1, 2, 7, 8',
    ],
  },
];
