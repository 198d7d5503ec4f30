import type { Mitigation } from './mitigation';
import { rampartFindingsCheck } from './rampart-ci-check';

const BUILT_INTO_THE_IMAGE = 'decided when the image is built (see the Dockerfile implementation)';

/** Controls on what the image contains and where it comes from (DESIGN §6; attack-trees.md §4.3 Min
 * and Pin columns). */
export const SUPPLY_CHAIN_MITIGATIONS: Mitigation[] = [
  {
    id: 'minimal-base-image',
    title: 'Build on a minimal base image (distroless or scratch)',
    rationale:
      'Minimise the attack surface: no shell, package manager, download tools, debuggers or setuid binaries means ' +
      'fewer vulnerabilities to patch and nothing for an attacker to live off; every tool must be brought in, ' +
      'which is slower and noisier.',
    principles: ['minimize-attack-surface'],
    protectsAgainst: ['R01', 'R04', 'R05', 'R06', 'R20', 'R22', 'R25', 'R26'],
    scope: 'image',
    implementation: {
      compose: { notApplicable: BUILT_INTO_THE_IMAGE },
      kubernetes: { notApplicable: BUILT_INTO_THE_IMAGE },
      dockerRun: { notApplicable: BUILT_INTO_THE_IMAGE },
      dockerfile:
        'FROM golang:1.22 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app ./cmd/app\n\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nUSER nonroot:nonroot\nENTRYPOINT ["/app"]',
    },
    verification: [
      {
        on: 'image',
        command: 'docker run --rm --entrypoint sh <image> -c true',
        expect: 'fails: `executable file not found` (no shell in the image)',
      },
      {
        on: 'image',
        command: "docker run --rm --entrypoint '' <image> find / -xdev -perm /6000 -type f",
        expect: 'fails for want of `find`, or prints nothing (no setuid/setgid binaries)',
      },
      rampartFindingsCheck(['full-os-base-image']),
    ],
    requirement:
      'The image of {target} MUST be built on a minimal base (distroless, scratch or an equivalent) that contains no ' +
      'shell, package manager or download tools.',
    evidence: {
      kind: 'absent-conditions',
      conditions: [{ condition: 'full-os-base-image' }],
      needs: 'dockerfile',
    },
    limitations: [
      'An interpreter the application needs (Python, Node.js) is a tool the attacker can use.',
      'It narrows what an attacker does after an escape route opens; it closes none of the configuration escapes.',
    ],
    sources: [
      'container-checks.md §2 (CIS 4.3)',
      'mitre/cti M1042 on T1611',
      'attack-trees.md §4.3 (Min column)',
    ],
  },
  {
    id: 'immutable-image',
    title: 'Pin images by digest and verify their signatures',
    rationale:
      'Least trust in the supply chain: a digest names exactly one image, so a moved tag or a compromised registry ' +
      'cannot swap what runs, and a signature check at deploy time proves who built it.',
    principles: ['least-access', 'defence-in-depth'],
    protectsAgainst: ['R18', 'R19', 'R26'],
    scope: 'image',
    implementation: {
      compose: { snippet: 'image: registry.example.com/shop/web@sha256:<digest>' },
      kubernetes: {
        snippet:
          'image: registry.example.com/shop/web@sha256:<digest>\n# plus an admission policy that verifies signatures (Sigstore policy-controller, Kyverno verifyImages)',
      },
      dockerRun: {
        snippet: 'DOCKER_CONTENT_TRUST=1 docker run registry.example.com/shop/web@sha256:<digest>',
      },
      dockerfile: 'FROM gcr.io/distroless/static-debian12@sha256:<digest>',
      ci: 'sign on build: `cosign sign --key cosign.key registry.example.com/shop/web@sha256:<digest>`',
    },
    verification: [
      {
        on: 'docker',
        command: "docker inspect --format '{{.Config.Image}}' <container>",
        expect: 'contains `@sha256:`',
      },
      {
        on: 'kubernetes',
        command: "kubectl get pod <pod> -o jsonpath='{.spec.containers[*].image}'",
        expect: 'every image reference contains `@sha256:`',
      },
      {
        on: 'ci',
        command: 'cosign verify --key cosign.pub registry.example.com/shop/web@sha256:<digest>',
        expect: 'exit status 0 and the verified signature payload',
      },
      rampartFindingsCheck(['mutable-image']),
    ],
    requirement:
      'The service {target} MUST reference its image by digest, and the deployment MUST verify the image signature ' +
      'before it runs.',
    evidence: { kind: 'absent-conditions', conditions: [{ condition: 'mutable-image' }] },
    limitations: [
      'A pinned image is only as good as what was pinned: it keeps known vulnerabilities until rebuilt.',
      'Signing certifies what was built, not what the build downloaded (R36).',
    ],
    sources: [
      'mitre/cti M1045, M1047 on T1525 and T1204.003',
      'container-checks.md §2 (CIS 4.5)',
      'attack-trees.md §4.3 (Pin column)',
    ],
  },
  {
    id: 'security-testing-in-ci',
    title: 'Test configurations and images for security in CI',
    rationale:
      'Defence in depth in the delivery process: every change to a Dockerfile, compose file or manifest is checked ' +
      'before it ships, so a privileged flag, a runtime socket or an unverified download never reaches production ' +
      'unnoticed, and known-vulnerable or known-malicious images are rejected.',
    principles: ['defence-in-depth', 'minimize-attack-surface'],
    protectsAgainst: ['R18', 'R19', 'R26', 'R36'],
    scope: 'process',
    implementation: {
      compose: { notApplicable: 'a pipeline step, not a runtime setting (see the CI implementation)' },
      kubernetes: { notApplicable: 'a pipeline step, not a runtime setting (see the CI implementation)' },
      dockerRun: { notApplicable: 'a pipeline step, not a runtime setting (see the CI implementation)' },
      ci: 'rampart analyze deploy/ --fail-on high\nhadolint Dockerfile\ntrivy image --exit-code 1 --severity HIGH,CRITICAL registry.example.com/shop/web@sha256:<digest>',
    },
    verification: [
      {
        on: 'ci',
        command: 'rampart analyze deploy/ --fail-on high; echo $?',
        expect:
          '`0` on the main branch; a change that adds `privileged: true` makes the pipeline fail with exit status 1',
      },
      {
        on: 'ci',
        command: 'trivy image --exit-code 1 --severity HIGH,CRITICAL <image>; echo $?',
        expect: '`0`',
      },
      rampartFindingsCheck([
        'dockerfile-workdir-proc-fd',
        'dockerfile-remote-add',
        'dockerfile-pipe-to-shell',
      ]),
    ],
    requirement:
      'Every change to {target} MUST pass configuration analysis, Dockerfile linting and image scanning in CI ' +
      'before it is deployed, and the pipeline MUST fail on findings of high severity or above.',
    evidence: {
      kind: 'none',
      reason:
        'the pipeline is not part of the container configuration; the workshop records whether it exists',
    },
    limitations: [
      'Scanners find known vulnerabilities and known-bad images, not a targeted implant.',
      'It checks what goes through the pipeline: changes made directly on a cluster or host bypass it.',
    ],
    sources: ['container-checks.md §3 (peer tools)', 'attack-trees.md §4.3 (Pin, Cfg columns)'],
  },
];
