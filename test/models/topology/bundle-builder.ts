import {
  emptyBundle,
  type Container,
  type EnvVar,
  type ImportBundle,
  type IngressDef,
  type LabelSelector,
  type NetworkPolicyDef,
  type NetworkPolicyRule,
  type PortBinding,
  type ServiceDef,
  type Workload,
  type WorkloadKind,
} from '../../../models/import/workload';
import type { Fact, SourceRef } from '../../../models/source/source-ref';

/**
 * Short, declarative ImportBundles for topology tests, in the spirit of Excalidraw's test API:
 * `bundle().compose('shop', 'web', { env: { API_URL: 'http://api:8080' } }).build()`. Source
 * references are generated from a line counter per file, so the same calls give the same bundle.
 */

export interface PortSpec {
  host?: number;
  container?: number;
  /** Defaults to true when a host port is given. */
  published?: boolean;
  protocol?: 'tcp' | 'udp';
}

export interface WorkloadSpec {
  image?: string;
  /** Variables by name; a value of `null` is a name-only (passed-through) variable. */
  env?: Record<string, string | null>;
  networks?: string[];
  dependsOn?: string[];
  links?: string[];
  networkMode?: string;
  ports?: PortSpec[];
  aliases?: string[];
  labels?: Record<string, string>;
  podLabels?: Record<string, string>;
  dockerfile?: string;
  kind?: WorkloadKind;
}

export interface ServiceSpec {
  selector?: Record<string, string>;
  ports?: { port: number; name?: string; appProtocol?: string; nodePort?: number; targetPort?: number }[];
  type?: ServiceDef['type'];
  externalName?: string;
}

export interface PolicySpec {
  podSelector?: Partial<LabelSelector>;
  policyTypes?: ('Ingress' | 'Egress')[];
  ingress?: NetworkPolicyRule[];
  egress?: NetworkPolicyRule[];
}

export class BundleBuilder {
  private readonly bundle = emptyBundle();
  private readonly lines = new Map<string, number>();

  at(file: string, path?: string): SourceRef {
    const line = (this.lines.get(file) ?? 0) + 1;
    this.lines.set(file, line);
    return path === undefined ? { file, line, column: 1 } : { file, line, column: 1, path };
  }

  private fact<T>(value: T, file: string, path: string): Fact<T> {
    return { value, at: this.at(file, path) };
  }

  compose(project: string, name: string, spec: WorkloadSpec = {}): this {
    const file = `${project}/compose.yaml`;
    const base = `services.${name}`;
    const workload = this.workload(
      `compose:${project}/${name}`,
      name,
      spec.kind ?? 'compose-service',
      'docker',
      project,
      file,
      base,
      spec,
    );
    this.bundle.workloads.push(workload);
    return this;
  }

  k8s(namespace: string, kind: WorkloadKind, name: string, spec: WorkloadSpec = {}): this {
    const file = `k8s/${namespace}.yaml`;
    const workload = this.workload(
      `k8s:${namespace}/${kind}/${name}`,
      name,
      kind,
      'kubernetes',
      namespace,
      file,
      'spec',
      {
        podLabels: { app: name },
        ...spec,
      },
    );
    this.bundle.workloads.push(workload);
    return this;
  }

  dockerfile(path: string, env: Record<string, string>, finalBase?: string): this {
    const info: ImportBundle['dockerfiles'][number] = {
      path,
      stages: [],
      userInheritedFromUnknownBase: false,
      env: Object.entries(env).map(([name, value]) => ({
        name,
        value,
        from: 'literal',
        at: this.at(path, `ENV ${name}`),
      })),
      exposedPorts: [],
      remoteAdds: [],
      pipeToShell: [],
      workdirs: [],
      secretMounts: [],
    };
    if (finalBase) info.finalBase = this.fact(finalBase, path, 'FROM');
    this.bundle.dockerfiles.push(info);
    return this;
  }

  network(
    project: string,
    name: string,
    options: { internal?: boolean; encrypted?: boolean; external?: boolean } = {},
  ): this {
    this.bundle.networks.push({
      id: `network:${project}/${name}`,
      project,
      name,
      internal: options.internal ?? false,
      external: options.external ?? false,
      encrypted: options.encrypted ?? false,
      at: this.at(`${project}/compose.yaml`, `networks.${name}`),
    });
    return this;
  }

  service(namespace: string, name: string, spec: ServiceSpec = {}): this {
    const def: ServiceDef = {
      id: `k8s:${namespace}/Service/${name}`,
      name,
      namespace,
      type: spec.type ?? 'ClusterIP',
      headless: false,
      selector: spec.selector ?? { app: name },
      ports: (spec.ports ?? [{ port: 80 }]).map((p) => ({ ...p, protocol: 'TCP' })),
      at: this.at(`k8s/${namespace}.yaml`, 'Service'),
    };
    if (spec.externalName) def.externalName = spec.externalName;
    this.bundle.services.push(def);
    return this;
  }

  ingress(
    namespace: string,
    name: string,
    rules: { host?: string; path?: string; service: string; port?: number }[],
    tlsHosts?: string[],
  ): this {
    const file = `k8s/${namespace}.yaml`;
    const def: IngressDef = {
      id: `k8s:${namespace}/Ingress/${name}`,
      name,
      namespace,
      tlsHosts: tlsHosts ?? [],
      tls: tlsHosts !== undefined,
      rules: rules.map((r) => {
        const rule: IngressDef['rules'][number] = { serviceName: r.service, at: this.at(file, 'spec.rules') };
        if (r.host) rule.host = r.host;
        if (r.path) rule.path = r.path;
        if (r.port) rule.servicePort = r.port;
        return rule;
      }),
      at: this.at(file, 'Ingress'),
    };
    this.bundle.ingresses.push(def);
    return this;
  }

  policy(namespace: string, name: string, spec: PolicySpec): this {
    const def: NetworkPolicyDef = {
      id: `k8s:${namespace}/NetworkPolicy/${name}`,
      name,
      namespace,
      podSelector: selector(spec.podSelector),
      policyTypes: spec.policyTypes ?? [],
      ingress: spec.ingress ?? [],
      egress: spec.egress ?? [],
      at: this.at(`k8s/${namespace}.yaml`, 'NetworkPolicy'),
    };
    this.bundle.networkPolicies.push(def);
    return this;
  }

  namespace(name: string, labels: Record<string, string> = {}): this {
    this.bundle.namespaces.push({ name, labels, at: this.at(`k8s/${name}.yaml`, 'Namespace') });
    return this;
  }

  build(): ImportBundle {
    return structuredClone(this.bundle);
  }

  private workload(
    id: string,
    name: string,
    kind: WorkloadKind,
    platform: Workload['platform'],
    namespace: string,
    file: string,
    base: string,
    spec: WorkloadSpec,
  ): Workload {
    const at = this.at(file, base);
    const env: EnvVar[] = Object.entries(spec.env ?? {}).map(([envName, value]) => {
      const v: EnvVar = {
        name: envName,
        from: value === null ? 'passthrough' : 'literal',
        at: this.at(file, `${base}.environment.${envName}`),
      };
      if (value !== null) v.value = value;
      return v;
    });
    const ports: PortBinding[] = (spec.ports ?? []).map((p, i) => {
      const binding: PortBinding = {
        protocol: p.protocol ?? 'tcp',
        published: p.published ?? p.host !== undefined,
        at: this.at(file, `${base}.ports[${i}]`),
      };
      if (p.host !== undefined) binding.hostPort = p.host;
      if (p.container !== undefined) binding.containerPort = p.container;
      return binding;
    });
    const container: Container = {
      name,
      role: 'main',
      at,
      capAdd: [],
      capDrop: [],
      mounts: [],
      devices: [],
      ports,
      env,
      envFiles: [],
      resources: {},
    };
    if (spec.image !== undefined) container.image = this.fact(spec.image, file, `${base}.image`);
    if (spec.dockerfile !== undefined)
      container.dockerfile = this.fact(spec.dockerfile, file, `${base}.build`);
    const workload: Workload = {
      id,
      name,
      kind,
      platform,
      namespace,
      at,
      labels: spec.labels ?? {},
      podLabels: spec.podLabels ?? {},
      annotations: {},
      containers: [container],
      host: {},
      sysctls: [],
      networks: (spec.networks ?? []).map((n, i) => this.fact(n, file, `${base}.networks[${i}]`)),
      sharesNamespacesWith: [],
      dependsOn: [
        ...(spec.dependsOn ?? []).map((d, i) => this.fact(d, file, `${base}.depends_on[${i}]`)),
        ...(spec.links ?? []).map((d, i) => this.fact(d, file, `${base}.links[${i}]`)),
      ],
      secrets: [],
    };
    if (spec.networkMode !== undefined)
      workload.host.network = this.fact(spec.networkMode, file, `${base}.network_mode`);
    if (spec.aliases)
      workload.aliases = spec.aliases.map((a, i) => this.fact(a, file, `${base}.aliases[${i}]`));
    return workload;
  }
}

export function bundle(): BundleBuilder {
  return new BundleBuilder();
}

export function selector(partial: Partial<LabelSelector> = {}): LabelSelector {
  return { matchLabels: partial.matchLabels ?? {}, matchExpressions: partial.matchExpressions ?? [] };
}

/** A NetworkPolicy rule admitting the given peers (all ports). */
export function rule(...peers: NetworkPolicyRule['peers']): NetworkPolicyRule {
  return { peers, ports: [] };
}
