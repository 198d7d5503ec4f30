import { emptyBundle } from '../workload';
import type {
  ImportBundle,
  IngressDef,
  InputKind,
  NamespaceDef,
  NetworkPolicyDef,
  ServiceAccountDef,
  ServiceDef,
  Workload,
} from '../workload';
import type { SourceRef } from '../../source/source-ref';
import { K8S_DIAGNOSTICS as D } from './diagnostics';
import type { ManifestReader } from './manifest-reader';

/**
 * Collects the objects of one file. Two objects with the same kind, namespace and name are one
 * object to the cluster: `kubectl apply` keeps the later, and so does the builder. The bundle is
 * sorted by id so that the output does not depend on document order.
 */
export class BundleBuilder {
  private readonly workloads = new Map<string, Workload>();
  private readonly services = new Map<string, ServiceDef>();
  private readonly ingresses = new Map<string, IngressDef>();
  private readonly networkPolicies = new Map<string, NetworkPolicyDef>();
  private readonly namespaces = new Map<string, NamespaceDef>();
  private readonly serviceAccounts = new Map<string, ServiceAccountDef>();

  constructor(private readonly r: ManifestReader) {}

  addWorkload(workload: Workload): void {
    this.add(
      this.workloads,
      workload.id,
      workload,
      `${workload.kind} ${workload.namespace}/${workload.name}`,
    );
  }

  addService(service: ServiceDef): void {
    this.add(this.services, service.id, service, `Service ${service.namespace}/${service.name}`);
  }

  addIngress(ingress: IngressDef): void {
    this.add(this.ingresses, ingress.id, ingress, `Ingress ${ingress.namespace}/${ingress.name}`);
  }

  addNetworkPolicy(policy: NetworkPolicyDef): void {
    this.add(this.networkPolicies, policy.id, policy, `NetworkPolicy ${policy.namespace}/${policy.name}`);
  }

  addNamespace(namespace: NamespaceDef): void {
    this.add(this.namespaces, namespace.name, namespace, `Namespace ${namespace.name}`);
  }

  addServiceAccount(account: ServiceAccountDef): void {
    const key = `${account.namespace}/${account.name}`;
    this.add(this.serviceAccounts, key, account, `ServiceAccount ${key}`);
  }

  bundle(file: string, kind: InputKind): ImportBundle {
    const bundle = emptyBundle();
    bundle.inputs.push({ file, kind });
    bundle.workloads = sortedBy(this.workloads);
    bundle.services = sortedBy(this.services);
    bundle.ingresses = sortedBy(this.ingresses);
    bundle.networkPolicies = sortedBy(this.networkPolicies);
    bundle.namespaces = sortedBy(this.namespaces);
    bundle.serviceAccounts = sortedBy(this.serviceAccounts);
    return bundle;
  }

  private add<T extends { at: SourceRef }>(into: Map<string, T>, key: string, value: T, label: string): void {
    const earlier = into.get(key);
    if (earlier) {
      this.r.report(
        D.K8S_DUPLICATE_OBJECT,
        `${label} is also defined at line ${earlier.at.line}; this later definition is the one used`,
        value.at,
      );
    }
    into.set(key, value);
  }
}

/** Values ordered by key (ids, or namespace/name), by code unit so the order never depends on locale. */
function sortedBy<T>(map: ReadonlyMap<string, T>): T[] {
  return [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((key) => map.get(key)!);
}
