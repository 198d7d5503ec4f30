import type { Diagnostic } from '../source/diagnostic';
import type { SourceRef } from '../source/source-ref';

/**
 * The system as a diagram sees it (DESIGN §3): elements, the trust boundaries they sit in, the data
 * flows between them, and who can reach whom on the network. Every array is sorted by id, and ids
 * are derived from the input only, so the same bundle always gives the same topology.
 */
export interface Topology {
  elements: TopologyElement[];
  boundaries: TrustBoundary[];
  flows: DataFlow[];
  reachability: Reachability;
  diagnostics: Diagnostic[];
}

export type ElementKind = 'service' | 'data-store' | 'internet' | 'external' | 'host' | 'cluster';

export interface TopologyElement {
  /** The workload id for workload elements; `internet`, `external:<host>`, `host:<project>`,
   * `cluster:<name>` for the others. */
  id: string;
  kind: ElementKind;
  name: string;
  /** The workload this element stands for (services and data stores). */
  workload?: string;
  /** What a data store is (`postgres`, `redis`…), recognized from its image. */
  technology?: string;
  /** A data store's default port and wire protocol. */
  port?: number;
  protocol?: string;
  /** Kubernetes namespace or compose project of a workload element. */
  namespace?: string;
  /** The innermost trust boundary that contains the element. */
  boundary: string;
  /** Every boundary that lists the element as a member: its innermost boundary and, for a compose
   * service on several networks, each of those networks. */
  memberOf: string[];
  /** The `host` or `cluster` element whose kernel runs this workload: the target of an escape. */
  runsOn?: string;
  at: SourceRef;
}

export type BoundaryKind = 'internet' | 'host' | 'network' | 'cluster' | 'namespace';

export interface TrustBoundary {
  /** `boundary:internet`, `boundary:host:<project>`, `boundary:network:<project>/<name>`,
   * `boundary:cluster:<name>`, `boundary:namespace:<name>`. */
  id: string;
  kind: BoundaryKind;
  name: string;
  parent?: string;
  /** Elements directly in this boundary (see `TopologyElement.memberOf`), sorted. */
  members: string[];
  /** Compose network declared `internal: true`: no route out of the host. */
  internal?: boolean;
  /** Compose network with an encrypted overlay driver option (IPsec between nodes). */
  encrypted?: boolean;
  /** Compose network declared `external: true`: created outside this project and shared by name. */
  external?: boolean;
  /** Kubernetes namespace labels, with the `kubernetes.io/metadata.name` label the API server adds. */
  labels?: Record<string, string>;
  at?: SourceRef;
}

/** Transport protection of a flow: `unknown` when the configuration does not tell. */
export type Protection = 'none' | 'tls' | 'mtls' | 'ipsec' | 'unknown';

/** Why a flow has the protection it has. */
export interface ProtectionEvidence {
  detail: string;
  at: SourceRef;
}

export type FlowOriginKind =
  | 'depends-on'
  | 'link'
  | 'env-url'
  | 'env-host-port'
  | 'env-host'
  | 'published-port'
  | 'node-port'
  | 'load-balancer'
  | 'ingress';

/** One piece of configuration a flow was inferred from. */
export interface FlowOrigin {
  kind: FlowOriginKind;
  /** The environment variable, dependency, Service or Ingress that says so. */
  detail: string;
  at: SourceRef;
}

export interface DataFlow {
  /** `flow:<from>-><to>:<protocol>:<port>`. */
  id: string;
  from: string;
  to: string;
  /** Application protocol (`http`, `postgresql`, `redis`…); `unknown` for a bare dependency. */
  protocol: string;
  /** The port the client dials, when known. */
  port?: number;
  protection: Protection;
  protectionEvidence?: ProtectionEvidence;
  crossesBoundary: boolean;
  /** Boundaries the flow leaves (from the source outwards) and then enters (inwards to the target). */
  boundariesCrossed: string[];
  /** Credentials travel on this flow: userinfo or a token in the URL, or a password/token variable
   * configured next to the address. */
  carriesCredentials: boolean;
  credentialEvidence?: ProtectionEvidence;
  /** Every piece of configuration that implies this flow, sorted. */
  inferredFrom: FlowOrigin[];
  /** The strongest evidence: the source of `protectionEvidence`, or the first origin. */
  at: SourceRef;
}

/**
 * Who can open a connection to whom, before any flow is configured: the basis of lateral movement.
 *
 * Reachability is kept per group so that "everyone on network N reaches everyone on N" costs one
 * member list, not all pairs: a target lists the groups whose every member reaches it, plus the
 * individual elements that reach it outside those groups. `indexReachability` expands it.
 */
export interface Reachability {
  groups: ReachGroup[];
  targets: TargetReachability[];
}

export type ReachGroupKind =
  /** A compose network: members reach each other freely (Docker's inter-container traffic). */
  | 'network'
  /** Compose services in the host network namespace: they reach every container on the host. */
  | 'host-network'
  /** Kubernetes pods whose egress no NetworkPolicy restricts. */
  | 'pods'
  /** Those pods of one namespace: the peers a `namespaceSelector` admits. */
  | 'namespace'
  /** Those pods of one namespace that a label selector matches: the peers a `podSelector` admits. */
  | 'selector';

export interface ReachGroup {
  /** `reach:network:<project>/<network>` (`reach:network:external/<name>` for an external network),
   * `reach:host-network:<project>`, `reach:pods:<cluster>`, `reach:namespace:<namespace>`,
   * `reach:selector:<namespace>/<selector in kubectl syntax>`. */
  id: string;
  kind: ReachGroupKind;
  /** The trust boundary the group corresponds to, when there is one. */
  boundary?: string;
  members: string[];
}

export interface TargetReachability {
  /** A workload element. */
  target: string;
  /** Elements that reach the target individually (beyond the members of `fromGroups`): Kubernetes
   * pods whose own egress policy allows the connection. */
  reachableFrom: string[];
  /** Groups whose every member reaches the target. */
  fromGroups: string[];
  /** True when a policy limits who reaches the target (a Kubernetes NetworkPolicy of type Ingress
   * selects it). Compose has no such control: services sharing a network always reach each other. */
  restricted: boolean;
  /** Ids of the NetworkPolicies that select the target for ingress. */
  policy?: string[];
}
