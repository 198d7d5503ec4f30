import type { ImportBundle, ServiceDef, Workload } from '../import/workload';
import { diagnosticAt, type Diagnostic } from '../source/diagnostic';
import { compareSourceRefs, type SourceRef } from '../source/source-ref';
import { TOPOLOGY_DIAGNOSTICS as D } from './diagnostics';
import { KUBERNETES_CLUSTER, clusterBoundaryId, clusterElementId, namespaceBoundaryId } from './ids';
import { selectorFromLabels } from './label-selectors';
import { PodIndex, type IndexedPod } from './pod-index';

export interface KubernetesNamespace {
  name: string;
  boundary: string;
  at: SourceRef;
}

/** A Service with the workload elements its selector picks. */
export interface SelectedService {
  def: ServiceDef;
  targets: string[];
}

/**
 * Everything Kubernetes in the bundle, taken as one cluster: its namespaces, its pods indexed for
 * selectors, and its Services resolved to the workloads behind them.
 */
export interface KubernetesCluster {
  name: string;
  element: string;
  boundary: string;
  namespaces: Map<string, KubernetesNamespace>;
  workloads: Workload[];
  pods: PodIndex;
  /** `namespace/name` → Service. */
  services: Map<string, SelectedService>;
  at: SourceRef;
}

export const serviceKey = (namespace: string, name: string): string => `${namespace}/${name}`;

export function kubernetesCluster(
  workloads: Workload[],
  bundle: ImportBundle,
  diagnostics: Diagnostic[],
): KubernetesCluster | undefined {
  const objects = [...workloads, ...bundle.services, ...bundle.ingresses, ...bundle.networkPolicies];
  if (objects.length === 0) return undefined;
  const name = KUBERNETES_CLUSTER;
  // A namespace is cited where it is declared, or else where its first object is.
  const namespaces = new Map<string, KubernetesNamespace>();
  for (const def of bundle.namespaces)
    namespaces.set(def.name, { name: def.name, boundary: namespaceBoundaryId(def.name), at: def.at });
  const namespaced = [
    ...workloads.map((w) => ({ namespace: namespaceOf(w), at: w.at })),
    ...[...bundle.services, ...bundle.ingresses, ...bundle.networkPolicies],
  ].sort((a, b) => compareSourceRefs(a.at, b.at));
  for (const { namespace, at } of namespaced) {
    if (!namespaces.has(namespace))
      namespaces.set(namespace, { name: namespace, boundary: namespaceBoundaryId(namespace), at });
  }

  const pods: IndexedPod[] = workloads.map((workload) => ({
    element: workload.id,
    namespace: namespaceOf(workload),
    labels: podLabels(workload),
    hostNetwork: workload.host.network?.value === 'host',
  }));
  const namespaceLabels = new Map(bundle.namespaces.map((def) => [def.name, def.labels]));
  const index = new PodIndex(pods, namespaceLabels);

  const services = new Map<string, SelectedService>();
  for (const def of bundle.services) {
    const targets = selectedWorkloads(def, index);
    if (def.type !== 'ExternalName' && Object.keys(def.selector).length > 0 && targets.length === 0) {
      diagnostics.push(
        diagnosticAt(
          D.TOPOLOGY_SERVICE_SELECTS_NOTHING,
          `Service "${def.name}" selects no workload in namespace "${def.namespace}"`,
          def.at,
        ),
      );
    }
    services.set(serviceKey(def.namespace, def.name), { def, targets });
  }

  return {
    name,
    element: clusterElementId(name),
    boundary: clusterBoundaryId(name),
    namespaces,
    workloads,
    pods: index,
    services,
    at: objects.map((o) => o.at).sort(compareSourceRefs)[0]!,
  };
}

export function namespaceOf(workload: Workload): string {
  return workload.namespace ?? 'default';
}

/** Labels selectors match: the pod template's, or a bare Pod's own labels. */
function podLabels(workload: Workload): Record<string, string> {
  if (Object.keys(workload.podLabels).length > 0 || workload.kind !== 'Pod') return workload.podLabels;
  return workload.labels;
}

/** A Service without a selector has hand-made Endpoints, and an ExternalName Service points at a
 * DNS name: neither selects pods. */
function selectedWorkloads(def: ServiceDef, index: PodIndex): string[] {
  if (def.type === 'ExternalName' || Object.keys(def.selector).length === 0) return [];
  return index.select(def.namespace, selectorFromLabels(def.selector)).map((pod) => pod.element);
}
