import type { Mitigation } from './mitigation';
import { rampartFindingsCheck } from './rampart-ci-check';

/** Transport protection per flow and network segmentation (DESIGN §3, §6; attack-trees.md §4.3 TLS
 * and NP columns). */
export const NETWORK_MITIGATIONS: Mitigation[] = [
  {
    id: 'tls',
    title: 'Encrypt the flow with TLS and verify the server certificate',
    rationale:
      'Defence in depth for the network: containers share bridges and nodes with other tenants, so a flow must ' +
      'stay confidential and intact even when someone else holds a position on its path (ARP spoofing, host ' +
      'network, a compromised node).',
    principles: ['defence-in-depth'],
    protectsAgainst: ['R14', 'R24'],
    scope: 'flow',
    implementation: {
      compose: {
        snippet:
          'services:\n  db:\n    image: postgres:16\n    command: ["postgres", "-c", "ssl=on", "-c", "ssl_cert_file=/run/secrets/db.crt", "-c", "ssl_key_file=/run/secrets/db.key"]\n    secrets: [db.crt, db.key]\n  web:\n    environment:\n      DATABASE_URL: "postgres://app@db:5432/app?sslmode=verify-full&sslrootcert=/run/secrets/ca.crt"\n    secrets: [ca.crt]',
        note: 'the client must verify the certificate (`sslmode=verify-full`, not `require`)',
      },
      kubernetes: {
        snippet:
          'apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: { name: db-tls, namespace: shop }\nspec:\n  secretName: db-tls\n  dnsNames: [db.shop.svc.cluster.local]\n  issuerRef: { name: internal-ca, kind: ClusterIssuer }\n# mount secret db-tls into db; clients connect with sslmode=verify-full',
        note: 'for Ingress: a `tls:` section with the host and secretName',
      },
      dockerRun: {
        snippet:
          'docker run -v /etc/shop/tls:/tls:ro postgres:16 -c ssl=on -c ssl_cert_file=/tls/db.crt -c ssl_key_file=/tls/db.key',
      },
    },
    verification: [
      {
        on: 'docker',
        command:
          'openssl s_client -connect db:5432 -starttls postgres -CAfile ca.crt -verify_return_error </dev/null',
        expect: '`Verify return code: 0 (ok)`',
      },
      {
        on: 'kubernetes',
        command: "kubectl get ingress <name> -n <ns> -o jsonpath='{.spec.tls[*].hosts}'",
        expect: 'every host the Ingress serves',
      },
      rampartFindingsCheck(['plaintext-flow']),
    ],
    requirement:
      'The flow {target} MUST be protected by TLS 1.2 or later, and the client MUST verify the server certificate.',
    evidence: { kind: 'flow-protection', protections: ['tls', 'mtls'] },
    limitations: [
      'Without client authentication anyone who reaches the port may connect (R25, R27).',
      'An attacker on the path can still drop or delay traffic: spoofing remains a denial of service (R14, ' +
        'kubernetes#91507).',
      'A client that does not verify the certificate (`sslmode=require`, `verify=False`) is open to interception.',
    ],
    sources: ['kubernetes/kubernetes issue 91507', 'attack-trees.md §4.3 (TLS column)'],
  },
  {
    id: 'mtls',
    title: 'Authenticate both ends of the flow with mutual TLS',
    rationale:
      'Least access on the network: each service proves its identity with a certificate, so only the peers a ' +
      'policy names get a session, whatever network position an attacker holds.',
    principles: ['least-access', 'defence-in-depth'],
    protectsAgainst: ['R14', 'R24', 'R25', 'R27'],
    scope: 'flow',
    implementation: {
      compose: {
        snippet:
          '# nginx in front of the service\nserver {\n  listen 8443 ssl;\n  ssl_certificate     /run/secrets/api.crt;\n  ssl_certificate_key /run/secrets/api.key;\n  ssl_client_certificate /run/secrets/ca.crt;\n  ssl_verify_client on;\n}',
      },
      kubernetes: {
        snippet:
          'apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: { name: default, namespace: shop }\nspec:\n  mtls: { mode: STRICT }',
        note: 'with an AuthorizationPolicy naming the allowed client identities',
      },
      dockerRun: {
        snippet:
          'dockerd --tlsverify --tlscacert=ca.pem --tlscert=server-cert.pem --tlskey=server-key.pem -H=0.0.0.0:2376   # for the Docker API',
      },
    },
    verification: [
      {
        on: 'docker',
        command: 'openssl s_client -connect api:8443 -CAfile ca.crt </dev/null   # no client certificate',
        expect: 'the handshake fails (alert `certificate required` or `handshake failure`)',
      },
      {
        on: 'kubernetes',
        command: "kubectl get peerauthentication -n <ns> -o jsonpath='{.items[*].spec.mtls.mode}'",
        expect: '`STRICT`',
      },
      rampartFindingsCheck(['plaintext-flow']),
    ],
    requirement:
      'The flow {target} MUST be protected by mutual TLS: the server MUST require and verify a client certificate, ' +
      'and only authorised client identities MAY connect.',
    evidence: { kind: 'flow-protection', protections: ['mtls'] },
    limitations: [
      'Spoofing remains a denial of service (R14).',
      'A compromised allowed peer holds a valid certificate: mTLS narrows lateral movement, it does not stop it.',
    ],
    sources: ['mitre/cti M1035', 'attack-trees.md §4.3 (TLS column: "TLS client auth", "mTLS authz")'],
  },
  {
    id: 'ipsec',
    title: 'Encrypt the network between hosts with IPsec',
    rationale:
      'Defence in depth below the application: every packet between nodes is encrypted and authenticated by the ' +
      'network layer, including protocols the application cannot wrap in TLS.',
    principles: ['defence-in-depth'],
    protectsAgainst: ['R14', 'R24'],
    scope: 'flow',
    implementation: {
      compose: {
        snippet:
          'networks:\n  backend:\n    external: true   # docker network create --driver overlay --attachable --opt encrypted=true backend',
        note: 'encrypted overlay networks (IPsec ESP) need swarm mode; in a stack file: driver: overlay, driver_opts: { encrypted: "true" }',
      },
      kubernetes: {
        snippet: '# Cilium Helm values\nencryption:\n  enabled: true\n  type: ipsec',
      },
      dockerRun: {
        snippet:
          'docker network create --driver overlay --attachable --opt encrypted=true backend\ndocker run --network backend <image>',
      },
    },
    verification: [
      {
        on: 'docker',
        command: 'docker network inspect backend --format \'{{index .Options "encrypted"}}\'',
        expect: '`true`',
      },
      {
        on: 'kubernetes',
        command: "kubectl -n kube-system get configmap cilium-config -o jsonpath='{.data.enable-ipsec}'",
        expect: '`true`',
      },
      { on: 'host', command: 'ip xfrm state', expect: 'ESP states for the peers' },
    ],
    requirement: 'The flow {target} MUST cross the network only inside IPsec-protected (ESP) tunnels.',
    evidence: { kind: 'flow-protection', protections: ['ipsec'] },
    limitations: [
      'Traffic between containers on the same host does not leave the host and is not encrypted by an overlay.',
      'It authenticates hosts, not services: any container on an encrypted network may still connect (R25).',
    ],
    sources: [
      'moby/moby GHSA-6wrf-mxfj-pf5p (encrypted overlay = IPsec ESP)',
      'attack-trees.md §4.3 (TLS column)',
    ],
  },
  {
    id: 'network-policy',
    title: 'Segment the network: default deny, allow only the flows the design needs',
    rationale:
      'Least access: a service reaches exactly the peers it needs and nothing else, so one compromised container ' +
      'cannot scan and exploit its neighbours, the metadata service or the API server.',
    principles: ['least-access', 'minimize-attack-surface'],
    protectsAgainst: ['R14', 'R22', 'R24', 'R25', 'R27', 'R28', 'R29', 'R31'],
    scope: 'cluster',
    implementation: {
      compose: {
        snippet:
          'networks:\n  frontend: {}\n  backend: { internal: true }\nservices:\n  web: { networks: [frontend, backend] }\n  db:  { networks: [backend] }',
      },
      kubernetes: {
        snippet:
          'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: default-deny, namespace: shop }\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: web-to-db, namespace: shop }\nspec:\n  podSelector: { matchLabels: { app: db } }\n  policyTypes: [Ingress]\n  ingress:\n    - from: [{ podSelector: { matchLabels: { app: web } } }]\n      ports: [{ port: 5432, protocol: TCP }]',
        note: 'needs a CNI that enforces NetworkPolicy (Calico, Cilium…)',
      },
      dockerRun: {
        snippet: 'docker network create --internal backend\ndocker run --network backend <image>',
        note: 'and `"icc": false` in /etc/docker/daemon.json for the default bridge',
      },
    },
    verification: [
      {
        on: 'kubernetes',
        command:
          'kubectl get networkpolicy -n <ns> -o jsonpath=\'{range .items[*]}{.metadata.name}: {.spec.podSelector} {.spec.policyTypes}{"\\n"}{end}\'',
        expect: 'a line `default-deny: {} ["Ingress","Egress"]`, plus one allow policy per designed flow',
      },
      {
        on: 'kubernetes',
        command: 'kubectl exec <pod-not-allowed> -n <ns> -- nc -z -w 2 db 5432',
        expect: 'fails (timeout)',
      },
      { on: 'docker', command: "docker network inspect backend --format '{{.Internal}}'", expect: '`true`' },
      {
        on: 'docker',
        command: "docker exec <container-not-allowed> sh -c 'nc -z -w 2 db 5432'",
        expect: 'fails',
      },
      rampartFindingsCheck(['flat-network', 'no-network-policy']),
    ],
    requirement:
      'The service {target} MUST accept connections only from the peers named in the design and MUST reach only the ' +
      'destinations it needs (default deny for ingress and egress).',
    evidence: {
      kind: 'absent-conditions',
      conditions: [{ condition: 'flat-network' }, { condition: 'no-network-policy' }],
      needs: 'topology',
    },
    notApplicable: [
      { platforms: ['image'], reason: 'a deployment setting: the compose file or the cluster decides it' },
    ],
    limitations: [
      'NetworkPolicy works at L3/L4: it does not stop ARP or router-advertisement spoofing (R14).',
      'It does not govern pods in the host network namespace (R35).',
      'Kubernetes NetworkPolicy is only enforced by a CNI that implements it.',
    ],
    sources: [
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #5',
      'microsoft/Threat-Matrix-for-Kubernetes MS-M9014',
      'zegl/kube-score pod-networkpolicy',
      'attack-trees.md §4.1 (network isolation), §4.3 (NP column)',
    ],
  },
];
