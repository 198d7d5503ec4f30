import type { Fact, SourceRef } from '../source/source-ref';

/**
 * The normalized shape every importer produces. One concept is spelled five ways across compose,
 * Kubernetes, `docker inspect`, OCI `config.json` and Dockerfiles (reference/container-checks.md
 * §0); importers translate each spelling into these fields so that conditions are written once.
 *
 * Values are *effective* values: Kubernetes pod-level settings are already inherited into each
 * container with the API's precedence, compose overrides are already merged. A field left
 * undefined means "not set in the config": the runtime default applies, and which default that is
 * depends on `Workload.platform` (Docker applies its seccomp profile, Kubernetes does not).
 * Every set value is a `Fact` that cites the file, line and path it was read from.
 */

/** Where a workload runs, which decides the defaults that apply to unset fields. */
export type Platform = 'docker' | 'kubernetes' | 'oci' | 'image';

export type WorkloadKind =
  | 'compose-service'
  | 'Pod'
  | 'Deployment'
  | 'StatefulSet'
  | 'DaemonSet'
  | 'ReplicaSet'
  | 'ReplicationController'
  | 'Job'
  | 'CronJob'
  | 'container'
  | 'dockerfile';

export type ContainerRole = 'main' | 'init' | 'ephemeral';

/** Seccomp, AppArmor and SELinux confinement as written: off, the runtime's default, or a named profile. */
export interface Confinement {
  mode: 'unconfined' | 'runtime-default' | 'custom';
  /** Profile name or path for `custom` (AppArmor profile, seccomp file, Localhost profile, SELinux type). */
  profile?: string;
}

/** The user a container's process runs as, as far as the config tells. */
export interface UserSpec {
  /** Numeric uid when known (`user: "1000"`, `runAsUser: 1000`, `USER 0`). */
  uid?: number;
  /** User name when given by name (`user: nginx`, `USER app`); `root` is uid 0. */
  name?: string;
  /** Kubernetes `runAsNonRoot: true`: the kubelet refuses to start a uid-0 process. */
  nonRootEnforced?: boolean;
  /** Numeric primary group id when known (Kubernetes `runAsGroup`). */
  gid?: number;
  /** Where the answer came from: the runtime config, or the image (Dockerfile `USER`). */
  origin: 'config' | 'image';
}

export type MountKind =
  | 'bind'
  | 'volume'
  | 'tmpfs'
  | 'secret'
  | 'config'
  | 'configMap'
  | 'emptyDir'
  | 'projected'
  | 'downwardAPI'
  | 'persistentVolumeClaim'
  | 'image'
  | 'other';

export interface Mount {
  kind: MountKind;
  /** Absolute or relative host path for `bind` (compose bind, hostPath, Binds, OCI bind). */
  hostPath?: string;
  /** Kubernetes hostPath `type` (Directory, Socket…). */
  hostPathType?: string;
  /** Named volume, secret, configMap or claim name. */
  name?: string;
  /** Path inside the container; undefined for a pod volume that no container mounts. */
  target?: string;
  readOnly: boolean;
  /** `shared`/`rshared` propagation lets mounts leak back to the host (CIS 5.20). */
  propagation?: string;
  at: SourceRef;
}

export interface PortBinding {
  /** Port inside the container. */
  containerPort?: number;
  /** Port on the host (compose published port, hostPort, PortBindings.HostPort). */
  hostPort?: number;
  /** Host interface the port is bound to; undefined or `0.0.0.0`/`::` = all interfaces. */
  hostIp?: string;
  protocol: 'tcp' | 'udp' | 'sctp';
  /** True when reachable from outside the host (published on a non-loopback interface). */
  published: boolean;
  at: SourceRef;
}

export type EnvSource =
  /** A literal value written in the config. */
  | 'literal'
  /** A value taken from interpolation such as `${DB_PASSWORD}`: not a literal secret. */
  | 'interpolated'
  /** Kubernetes `valueFrom.secretKeyRef` / `envFrom.secretRef`: the value lives in a Secret. */
  | 'secret-ref'
  /** Kubernetes configMapKeyRef / envFrom.configMapRef. */
  | 'config-map-ref'
  /** Kubernetes fieldRef / resourceFieldRef. */
  | 'field-ref'
  /** Name only, value passed through from the caller's environment (`- FOO` in compose). */
  | 'passthrough'
  /** Dockerfile `ARG` (a build argument, recorded in image history). */
  | 'build-arg';

export interface EnvVar {
  name: string;
  /** The value as written (literal or default), when there is one. */
  value?: string;
  from: EnvSource;
  /** For secret-ref / config-map-ref: the referenced object name. */
  ref?: string;
  at: SourceRef;
}

export interface Resources {
  memoryLimit?: Fact<string>;
  cpuLimit?: Fact<string>;
  pidsLimit?: Fact<number>;
  memoryRequest?: Fact<string>;
  cpuRequest?: Fact<string>;
}

export interface Container {
  name: string;
  role: ContainerRole;
  at: SourceRef;
  image?: Fact<string>;
  privileged?: Fact<boolean>;
  /** Added capabilities, upper case without `CAP_` (`SYS_ADMIN`, `ALL`). */
  capAdd: Fact<string>[];
  /** Dropped capabilities, upper case without `CAP_`. */
  capDrop: Fact<string>[];
  /** True when the config drops exactly `"ALL"` as Kubernetes PSS requires (case-sensitive). */
  capDropAllExact?: boolean;
  /** True = no new privileges (compose `no-new-privileges`, K8s `allowPrivilegeEscalation: false`);
   * false = explicitly allowed. */
  noNewPrivileges?: Fact<boolean>;
  readOnlyRootFilesystem?: Fact<boolean>;
  user?: Fact<UserSpec>;
  seccomp?: Fact<Confinement>;
  apparmor?: Fact<Confinement>;
  selinux?: Fact<Confinement>;
  /** `/proc` masking: `unmasked` from `procMount: Unmasked` or `systempaths=unconfined`. */
  procMount?: Fact<'default' | 'unmasked'>;
  mounts: Mount[];
  devices: Fact<string>[];
  ports: PortBinding[];
  env: EnvVar[];
  /** Files the environment is read from (compose `env_file`, K8s envFrom refs are in `env`). */
  envFiles: Fact<string>[];
  resources: Resources;
  healthcheck?: Fact<boolean>;
  /** Dockerfile linked to this container (compose `build`), repository-relative path. */
  dockerfile?: Fact<string>;
  /** The stage of that Dockerfile the image is built to (compose `build.target`); the final
   * stage when unset. */
  buildTarget?: Fact<string>;
}

/** Host namespaces and the user namespace, shared by all containers of a pod or service. */
export interface HostSharing {
  pid?: Fact<string>;
  ipc?: Fact<string>;
  network?: Fact<string>;
  uts?: Fact<string>;
  /** `host` = no user namespace (compose `userns_mode: host`, K8s `hostUsers` unset/true);
   * `private` = remapped (K8s `hostUsers: false`, OCI user namespace with mappings). */
  userns?: Fact<'host' | 'private'>;
}

export interface Sysctl {
  name: string;
  value: string;
  at: SourceRef;
}

/** A deployable unit: a compose service, a Kubernetes workload, a container from `docker
 * inspect`, an OCI bundle, or a Dockerfile (the image it builds). */
export interface Workload {
  /** Deterministic and unique in one analysis, e.g. `compose:shop/web`, `k8s:prod/Deployment/web`. */
  id: string;
  /** The name the user wrote: compose service name, `metadata.name`, container name. */
  name: string;
  kind: WorkloadKind;
  platform: Platform;
  /** Kubernetes namespace (`default` when unset), or the compose project name. */
  namespace?: string;
  at: SourceRef;
  labels: Record<string, string>;
  /** Pod template labels (Kubernetes), matched by Service and NetworkPolicy selectors. */
  podLabels: Record<string, string>;
  annotations: Record<string, string>;
  containers: Container[];
  host: HostSharing;
  sysctls: Sysctl[];
  /** Compose networks the service joins (names as written); empty = the project default network. */
  networks: Fact<string>[];
  /** Compose `network_mode: service:x` / `container:x`, `pid: service:x`: namespaces shared with another workload. */
  sharesNamespacesWith: Fact<string>[];
  /** Compose `depends_on` and `links` targets. */
  dependsOn: Fact<string>[];
  /** Other names the workload answers to on its networks besides `name`: compose `container_name`,
   * `hostname` and network `aliases`. Connection URLs in other services may use any of them. */
  aliases?: Fact<string>[];
  /** Kubernetes service account and whether its token is mounted. */
  serviceAccount?: { name: string; automountToken?: Fact<boolean>; at: SourceRef };
  /** Compose secrets mounted at /run/secrets (evidence for the secrets-manager mitigation). */
  secrets: Fact<string>[];
  replicas?: number;
  /** For `helm template` output: the chart template the object came from (its `# Source:` comment). */
  helmTemplate?: string;
  /** Compose `profiles`: services that only start when a profile is enabled. */
  profiles?: string[];
}

/** A Kubernetes Service. */
export interface ServiceDef {
  id: string;
  name: string;
  namespace: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName';
  headless: boolean;
  selector: Record<string, string>;
  ports: {
    name?: string;
    port: number;
    targetPort?: number | string;
    nodePort?: number;
    protocol: string;
    appProtocol?: string;
  }[];
  externalName?: string;
  at: SourceRef;
}

export interface IngressDef {
  id: string;
  name: string;
  namespace: string;
  /** Hosts covered by a `tls` entry. */
  tlsHosts: string[];
  tls: boolean;
  rules: {
    host?: string;
    path?: string;
    serviceName: string;
    servicePort?: number | string;
    at: SourceRef;
  }[];
  at: SourceRef;
}

export interface LabelSelector {
  matchLabels: Record<string, string>;
  matchExpressions: { key: string; operator: string; values: string[] }[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: { cidr: string; except: string[] };
}

export interface NetworkPolicyRule {
  peers: NetworkPolicyPeer[];
  /** Empty = all ports. `endPort` closes a range that starts at `port`. */
  ports: { port?: number | string; endPort?: number; protocol: string }[];
}

export interface NetworkPolicyDef {
  id: string;
  name: string;
  namespace: string;
  podSelector: LabelSelector;
  policyTypes: ('Ingress' | 'Egress')[];
  ingress: NetworkPolicyRule[];
  egress: NetworkPolicyRule[];
  at: SourceRef;
}

export interface NamespaceDef {
  name: string;
  labels: Record<string, string>;
  at: SourceRef;
}

export interface ServiceAccountDef {
  name: string;
  namespace: string;
  automountToken?: Fact<boolean>;
  at: SourceRef;
}

/** A compose network (top level `networks:`), including the implicit `default`. */
export interface NetworkDef {
  id: string;
  /** Compose project the network belongs to. */
  project: string;
  name: string;
  internal: boolean;
  external: boolean;
  driver?: string;
  /** Encrypted overlay (IPsec ESP), `driver_opts.encrypted`. */
  encrypted: boolean;
  at: SourceRef;
}

/** Facts about one Dockerfile, kept whole for the image-level conditions. */
export interface DockerfileInfo {
  path: string;
  stages: {
    name?: string;
    baseImage: Fact<string>;
    platform?: string;
    /** The image the stage builds on after resolving `FROM <earlier stage>`. */
    resolvedBase: Fact<string>;
    /** USER in effect at the end of the stage, inherited through `FROM <earlier stage>`; uid 0 on
     * scratch; undefined when no USER is set along the way. What a build `target` runs as. */
    user?: Fact<UserSpec>;
  }[];
  /** Final stage's base, after resolving `FROM <earlier stage>`. */
  finalBase?: Fact<string>;
  /** USER of the final stage (inherited from an earlier stage when it builds on it). Undefined
   * when no USER is set anywhere along the chain. */
  finalUser?: Fact<UserSpec>;
  /** True when the final stage builds on an image whose default user is not known (not scratch). */
  userInheritedFromUnknownBase: boolean;
  env: EnvVar[];
  exposedPorts: Fact<number>[];
  healthcheck?: Fact<boolean>;
  /** `ADD <url>` lines. */
  remoteAdds: Fact<string>[];
  /** `RUN` lines that pipe a download into a shell. */
  pipeToShell: Fact<string>[];
  /** `WORKDIR` values. */
  workdirs: Fact<string>[];
  /** `RUN --mount=type=secret` uses (the good way to pass build secrets). */
  secretMounts: Fact<string>[];
}

/** What a file was recognized as. */
export type InputKind =
  | 'compose'
  | 'kubernetes'
  | 'dockerfile'
  | 'docker-inspect'
  | 'oci-config'
  | 'rampart'
  | 'threat-dragon'
  | 'env'
  | 'helm-template'
  | 'unknown';

export interface InputFile {
  file: string;
  kind: InputKind;
}

/** Everything the importers found in a set of files, merged. */
export interface ImportBundle {
  inputs: InputFile[];
  workloads: Workload[];
  services: ServiceDef[];
  ingresses: IngressDef[];
  networkPolicies: NetworkPolicyDef[];
  namespaces: NamespaceDef[];
  serviceAccounts: ServiceAccountDef[];
  networks: NetworkDef[];
  dockerfiles: DockerfileInfo[];
}

export function emptyBundle(): ImportBundle {
  return {
    inputs: [],
    workloads: [],
    services: [],
    ingresses: [],
    networkPolicies: [],
    namespaces: [],
    serviceAccounts: [],
    networks: [],
    dockerfiles: [],
  };
}
