import type { Mitigation } from './mitigation';
import { rampartFindingsCheck } from './rampart-ci-check';

/** Controls on credentials handed to workloads (DESIGN §6; attack-trees.md §4.3 Sec-M and Cfg
 * columns). */
export const CREDENTIAL_MITIGATIONS: Mitigation[] = [
  {
    id: 'secrets-manager',
    title: 'Deliver secrets as files or from a secrets manager, never as environment values',
    rationale:
      'Least access to credentials: an environment variable is copied into `docker inspect` output, the image ' +
      'history, child processes, crash reports and logs. A secret mounted as a file, or fetched at runtime, is ' +
      'readable only by the process that needs it and can be rotated without rebuilding.',
    principles: ['least-access'],
    protectsAgainst: ['R23', 'R37'],
    scope: 'container',
    implementation: {
      compose: {
        snippet:
          'services:\n  web:\n    environment:\n      DB_PASSWORD_FILE: /run/secrets/db_password\n    secrets: [db_password]\nsecrets:\n  db_password:\n    file: ./secrets/db_password.txt',
      },
      kubernetes: {
        snippet:
          'volumes:\n  - name: db\n    secret: { secretName: db-credentials, defaultMode: 0400 }\ncontainers:\n  - name: web\n    volumeMounts: [{ name: db, mountPath: /run/secrets/db, readOnly: true }]',
        note: 'or the Secrets Store CSI driver / External Secrets; enable encryption at rest for Secrets in etcd',
      },
      dockerRun: {
        snippet:
          '--mount type=bind,src=/etc/shop/secrets/db_password,dst=/run/secrets/db_password,readonly -e DB_PASSWORD_FILE=/run/secrets/db_password',
      },
      dockerfile:
        'RUN --mount=type=secret,id=npm_token NPM_TOKEN=$(cat /run/secrets/npm_token) npm ci   # never ARG/ENV',
    },
    verification: [
      {
        on: 'docker',
        command:
          "docker inspect --format '{{range .Config.Env}}{{println .}}{{end}}' <container> | grep -Ei 'pass|secret|token|key'",
        expect: 'nothing, or only `*_FILE=/run/secrets/…` entries',
      },
      {
        on: 'kubernetes',
        command:
          'kubectl get pod <pod> -o jsonpath=\'{range .spec.containers[*].env[*]}{.name}={.value}{"\\n"}{end}\'',
        expect: 'no secret-looking name with a literal value',
      },
      {
        on: 'image',
        command: 'docker history --no-trunc <image> | grep -Ei "pass|secret|token"',
        expect: 'nothing',
      },
      rampartFindingsCheck(['secret-in-environment']),
    ],
    requirement:
      'The service {target} MUST receive secrets as files mounted read-only or from a secrets manager at runtime, and ' +
      'MUST NOT receive them through environment variables, build arguments or the image.',
    evidence: { kind: 'absent-conditions', conditions: [{ condition: 'secret-in-environment' }] },
    limitations: [
      'A mounted secret is still readable by code running in the container: it narrows who sees it, not the ' +
        'compromised process.',
      'Kubernetes `secretKeyRef` keeps the value out of the manifest but still puts it in the process environment.',
      'Kubernetes Secrets are only base64 in etcd unless encryption at rest is enabled.',
    ],
    sources: [
      'https://docs.docker.com/compose/how-tos/use-secrets.md',
      'https://docs.docker.com/reference/build-checks/secrets-used-in-arg-or-env',
      'microsoft/Threat-Matrix-for-Kubernetes MS-M9022, MS-M9026',
    ],
  },
  {
    id: 'no-service-account-token',
    title: 'Do not mount a Kubernetes service-account token the workload does not use',
    rationale:
      'Least privilege towards the cluster: a pod that never calls the API server should hold no credential for ' +
      'it, and one that does should run as a dedicated service account with only the permissions it uses.',
    principles: ['least-privilege', 'least-access'],
    protectsAgainst: ['R28'],
    scope: 'container',
    implementation: {
      compose: { notApplicable: 'Docker mounts no Kubernetes service-account token' },
      kubernetes: {
        snippet: 'spec:\n  serviceAccountName: web\n  automountServiceAccountToken: false',
        note: 'set it on the ServiceAccount too; pods that call the API get a dedicated account and a minimal Role',
      },
      dockerRun: { notApplicable: 'Docker mounts no Kubernetes service-account token' },
    },
    verification: [
      {
        on: 'kubernetes',
        command: "kubectl get pod <pod> -o jsonpath='{.spec.automountServiceAccountToken}'",
        expect: '`false`',
      },
      {
        on: 'kubernetes',
        command: 'kubectl exec <pod> -- ls /var/run/secrets/kubernetes.io/serviceaccount',
        expect: '`No such file or directory`',
      },
      {
        on: 'kubernetes',
        command: 'kubectl auth can-i --list --as=system:serviceaccount:<ns>:<sa>',
        expect: 'only the discovery and self-review permissions every account has',
      },
      rampartFindingsCheck(['service-account-token-automount']),
    ],
    requirement:
      'The workload {target} MUST NOT have a service-account token mounted unless it calls the Kubernetes API, and ' +
      'then only with a dedicated, least-privilege service account.',
    evidence: { kind: 'absent-conditions', conditions: [{ condition: 'service-account-token-automount' }] },
    notApplicable: [
      {
        platforms: ['docker', 'oci', 'image'],
        reason: 'no Kubernetes service-account token is mounted outside Kubernetes',
      },
    ],
    limitations: [
      'Tokens of other pods remain reachable through host mounts of /var/lib/kubelet (R09) or node log access (R10).',
    ],
    sources: [
      'microsoft/Threat-Matrix-for-Kubernetes MS-TA9016, MS-M9025',
      'DataDog/KubeHound docs/reference/attacks/TOKEN_STEAL.md',
      'container-checks.md §3.1 (AutomountServiceAccountToken), §3.3 (KSV036)',
    ],
  },
];
