import { NNP_ONLY_STOPS_SETUID } from './common-reasons';
import type { AttackRule, IneffectiveMitigation } from './rule';
import { HOLDS_NET_RAW, PRIVILEGED, RUNS_AS_ROOT } from './shared-preconditions';

function endpointControlsDoNotHelp(reason: string): IneffectiveMitigation[] {
  return (
    [
      'apparmor-profile',
      'selinux-policy',
      'seccomp-default',
      'user-namespace',
      'no-new-privileges',
      'read-only-rootfs',
      'non-root-user',
    ] as const
  ).map((mitigation) => ({ mitigation, reason }));
}

/** Steps on the network: entry points, spoofing, sniffing and lateral movement (attack-trees.md
 * §4.2 R14, R24, R25, R27, R31; R35 is Rampart's analysis for the `host-network` condition). */
export const NETWORK_RULES: AttackRule[] = [
  {
    id: 'R14',
    title: 'CAP_NET_RAW: ARP poisoning and rogue IPv6 router advertisements on the bridge',
    description:
      "NET_RAW is in Docker's default capability set. A root process that keeps it sends forged ARP replies or " +
      'IPv6 router advertisements on the shared L2 bridge and puts itself between neighbouring containers and ' +
      'their peers: it can then sniff, alter or drop their traffic and spoof DNS. TLS protects the content of the ' +
      'traffic but not its availability; dropping NET_RAW removes the step.',
    stage: 'mitm',
    startsFrom: 'inside',
    yields: 'network-position',
    attack: { techniques: ['T1557.002', 'T1557', 'T1040'], microsoft: ['MS-TA9036'] },
    cves: ['CVE-2020-10749', 'CVE-2020-13401'],
    requires: { all: [HOLDS_NET_RAW, RUNS_AS_ROOT, { assumption: 'l2-bridge-network', is: true }] },
    blockedBy: [
      {
        mitigation: 'drop-capabilities',
        unless: PRIVILEGED,
        combinedWith: ['no-privileged'],
        note: 'NET_RAW is a Docker default and must be dropped explicitly (cap_drop: [ALL]) (§4.4 note 9)',
      },
    ],
    partiallyBlockedBy: [
      {
        mitigation: 'non-root-user',
        note: 'a non-root process holds no effective NET_RAW, unless a binary carries it as a file capability',
      },
      {
        mitigation: 'tls',
        note: 'protects content and integrity; spoofing still denies service (kubernetes#91507)',
      },
      {
        mitigation: 'mtls',
        note: 'protects content and integrity; spoofing still denies service (kubernetes#91507)',
      },
      {
        mitigation: 'ipsec',
        note: 'protects content and integrity; spoofing still denies service (kubernetes#91507)',
      },
      { mitigation: 'network-policy', note: 'policies filter IP traffic, not ARP or router advertisements' },
      {
        mitigation: 'host-hardening',
        note:
          'CNI plugins ≥ 0.8.6 and Docker ≥ 19.03.11 stop the rogue router advertisements (CVE-2020-10749, ' +
          'CVE-2020-13401); ARP poisoning remains',
      },
    ],
    ineffective: [
      {
        mitigation: 'apparmor-profile',
        reason: 'docker-default allows all network access, raw sockets included (§4.3)',
      },
      { mitigation: 'selinux-policy', reason: 'the default container policy allows raw sockets (§4.3)' },
      { mitigation: 'seccomp-default', reason: 'socket(AF_PACKET) and raw sockets are allowed calls (§4.3)' },
      {
        mitigation: 'user-namespace',
        reason:
          'the container root holds NET_RAW over its own network namespace, which sits on the shared bridge (§4.3)',
      },
      { mitigation: 'no-new-privileges', reason: NNP_ONLY_STOPS_SETUID },
      { mitigation: 'read-only-rootfs', reason: 'the step writes no files (§4.3)' },
    ],
    defaults: { cost: 0.5, time: 1, skill: 2, probability: 0.6 },
    sources: [
      'microsoft/Threat-Matrix-for-Kubernetes MS-TA9036 / MS-M9028',
      'moby/libnetwork PR 2558',
      'kubernetes/kubernetes issue 91507',
      'moby/moby oci/caps/defaults.go',
      'attack-trees.md §4.2 R14, §4.4 note 9, §4.5',
    ],
    origin: 'reference',
  },
  {
    id: 'R24',
    title: 'Plaintext service-to-service traffic: sniff credentials and tamper',
    description:
      'HTTP, Redis, PostgreSQL or MySQL without TLS, AMQP and similar protocols carry passwords, session tokens and ' +
      'data in clear. Anyone on the path — a neighbour that won an ARP-spoofing position (R14), a container in the ' +
      'host network namespace, a compromised node — reads and alters them. Only encrypting the flow (TLS, mTLS, ' +
      'IPsec) removes the step; isolating the network narrows who can get on the path.',
    stage: 'collection',
    startsFrom: 'network-position',
    yields: 'data',
    attack: { techniques: ['T1040', 'T1557'], microsoft: [] },
    cves: [],
    requires: { condition: 'plaintext-flow' },
    blockedBy: [{ mitigation: 'tls' }, { mitigation: 'mtls' }, { mitigation: 'ipsec' }],
    partiallyBlockedBy: [
      {
        mitigation: 'drop-capabilities',
        note: 'dropping NET_RAW in the neighbours removes the ARP-spoofing position',
      },
      { mitigation: 'network-policy', note: 'fewer workloads share a segment with the flow' },
    ],
    ineffective: endpointControlsDoNotHelp(
      'the traffic is read on the network, outside the confinement of either endpoint (§4.3)',
    ),
    defaults: { cost: 0.25, time: 4, skill: 2, probability: 0.8 },
    sources: [
      'BishopFox/badPods README.md ("hostNetwork only": "Sniff unencrypted traffic")',
      'kubernetes/kubernetes issue 91507',
      'attack-trees.md §4.2 R24, §4.5',
    ],
    origin: 'reference',
  },
  {
    id: 'R25',
    title: 'Flat network: reach and exploit a neighbouring service',
    description:
      'Containers on one compose network or Docker bridge, and Kubernetes pods that no NetworkPolicy selects, accept ' +
      'connections from every other workload. From any compromised container the attacker scans for them and ' +
      'exploits the weakest, including admin ports and databases never meant to face another service. ' +
      'Segmenting the network decides who may connect; mTLS with authorisation narrows it.',
    stage: 'lateral-movement',
    startsFrom: 'neighbour',
    yields: 'code-execution',
    attack: { techniques: ['T1210', 'T1046'], microsoft: ['MS-TA9034', 'MS-TA9031'] },
    cves: [],
    requires: { any: [{ condition: 'flat-network' }, { condition: 'no-network-policy' }] },
    blockedBy: [{ mitigation: 'network-policy' }],
    partiallyBlockedBy: [
      { mitigation: 'mtls', note: 'with authorisation only allowed peers get a session' },
      { mitigation: 'minimal-base-image', note: 'no scanning tools in the compromised container' },
    ],
    ineffective: [
      ...endpointControlsDoNotHelp('ordinary connections between containers need no privilege (§4.3)'),
      {
        mitigation: 'drop-capabilities',
        reason: 'ordinary connections between containers need no capability (§4.3)',
      },
      {
        mitigation: 'tls',
        reason: 'server-side TLS encrypts the session but does not decide who may open one',
      },
    ],
    defaults: { cost: 3, time: 24, skill: 3, probability: 0.4 },
    sources: [
      'microsoft/Threat-Matrix-for-Kubernetes MS-TA9034, MS-TA9031',
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #5',
      'tum-i4/attack-graph-generator topology_parser.py',
      'attack-trees.md §4.2 R25, §4.5',
    ],
    origin: 'reference',
  },
  {
    id: 'R27',
    title: 'Exposed container API: deploy or exec into containers from outside',
    description:
      'A Docker daemon listening on tcp://0.0.0.0:2375 without TLS client authentication, or a kubelet that accepts ' +
      'anonymous requests on 10250, lets anyone who reaches the port start a privileged container or exec into ' +
      'existing ones, and so take the host. Server-side TLS alone does not help; only client authentication and ' +
      'keeping the port off reachable networks do.',
    stage: 'initial-access',
    startsFrom: 'outside',
    yields: 'host-root',
    attack: { techniques: ['T1133', 'T1610', 'T1609', 'T1613'], microsoft: ['MS-TA9005'] },
    cves: [],
    requires: { condition: 'container-api-exposed' },
    blockedBy: [
      {
        mitigation: 'mtls',
        note: 'TLS client-certificate authentication (`dockerd --tlsverify`, kubelet x509 auth)',
      },
      { mitigation: 'network-policy', note: 'only management hosts reach the port' },
      { mitigation: 'restrict-host-access' },
    ],
    partiallyBlockedBy: [],
    ineffective: [
      {
        mitigation: 'tls',
        reason:
          'server-only TLS (2376 without --tlsverify) encrypts the session but lets anyone drive the daemon',
      },
    ],
    defaults: { cost: 0.1, time: 0.1, skill: 1, probability: 0.95 },
    sources: [
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #1',
      'mitre/cti M1035',
      'microsoft/Threat-Matrix-for-Kubernetes MS-TA9005',
      'center-for-threat-informed-defense/attack-flow corpus/Tesla Kubernetes Breach.afb',
      'attack-trees.md §4.2 R27',
    ],
    origin: 'reference',
  },
  {
    id: 'R31',
    title: 'Published port: the service is reachable from outside, past the host firewall',
    description:
      'A port published without a host address (`"8000:8000"`) listens on every interface, and Docker inserts its ' +
      'own iptables rules ahead of UFW or firewalld, so the host firewall does not filter it. NodePorts, ' +
      'LoadBalancers, hostPorts and Ingress do the same on Kubernetes. The service becomes an entry point: any ' +
      'remote-code-execution bug in it gives code execution in the container.',
    stage: 'initial-access',
    startsFrom: 'outside',
    yields: 'code-execution',
    attack: { techniques: ['T1133', 'T1190'], microsoft: ['MS-TA9004'] },
    cves: [],
    requires: { condition: 'published-port' },
    blockedBy: [],
    partiallyBlockedBy: [
      {
        mitigation: 'network-policy',
        note: 'bind to 127.0.0.1 or filter in the DOCKER-USER chain; NetworkPolicy ipBlock rules on Kubernetes',
      },
    ],
    ineffective: [
      {
        mitigation: 'host-hardening',
        reason: 'UFW and firewalld rules on a Docker host do not filter published ports (OWASP rule #5a)',
      },
    ],
    defaults: { cost: 5, time: 24, skill: 3, probability: 0.3 },
    sources: [
      'OWASP/CheatSheetSeries cheatsheets/Docker_Security_Cheat_Sheet.md rule #5a',
      'attack-trees.md §4.2 R31, §4.5',
    ],
    origin: 'reference',
  },
  {
    id: 'R35',
    title: 'Host network namespace: sniff node traffic and reach host-local services',
    description:
      "A container in the host network namespace uses the node's interfaces: with NET_RAW it captures all traffic " +
      "of the node, and without any capability it reaches services bound to the host's loopback or internal " +
      'addresses (runtime and kubelet ports, local databases) and listens on host ports. NetworkPolicy does not ' +
      "separate it from the node. Rampart's analysis for the `host-network` condition, which R24 uses as an " +
      'attacker position.',
    stage: 'mitm',
    startsFrom: 'inside',
    yields: 'network-position',
    attack: { techniques: ['T1040', 'T1046'], microsoft: [] },
    cves: [],
    requires: { condition: 'host-network' },
    blockedBy: [
      { mitigation: 'no-host-namespaces' },
      {
        mitigation: 'user-namespace',
        note: 'user namespaces are incompatible with the host network namespace',
      },
    ],
    partiallyBlockedBy: [
      {
        mitigation: 'drop-capabilities',
        note: 'sniffing needs NET_RAW; reaching host-local services does not',
      },
      { mitigation: 'non-root-user', note: 'raw sockets need root' },
    ],
    ineffective: [
      {
        mitigation: 'network-policy',
        reason: 'NetworkPolicy does not separate a pod in the host network namespace from its node',
      },
      { mitigation: 'seccomp-default', reason: 'connecting and listening are ordinary allowed calls' },
      { mitigation: 'read-only-rootfs', reason: 'the step writes no files' },
    ],
    defaults: { cost: 0.25, time: 1, skill: 2, probability: 0.7 },
    sources: [
      'BishopFox/badPods README.md ("hostNetwork only")',
      'container-checks.md §2 (CIS Docker 5.10)',
      'attack-trees.md §4.2 R24 (host network as attacker position)',
    ],
    origin: 'rampart-analysis',
  },
];
