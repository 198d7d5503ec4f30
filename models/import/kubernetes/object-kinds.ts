import type { WorkloadKind } from '../workload';

/** What the importer does with an object of a given apiVersion and kind. */
export type ObjectClass =
  | { read: 'workload'; kind: WorkloadKind }
  | { read: 'service' | 'ingress' | 'network-policy' | 'namespace' | 'service-account' | 'list' }
  /** A built-in kind that carries nothing the threat model uses (Secret, Role, HPA…). */
  | { read: 'ignored' }
  /** A kustomize file: build input for `kubectl kustomize`, not an object the API serves. */
  | { read: 'kustomization' }
  /** A kind Kubernetes no longer serves. */
  | { read: 'removed'; removedIn: string }
  /** A custom resource, or a kind that is not built in. */
  | { read: 'unknown' };

const WORKLOADS: readonly WorkloadKind[] = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
];

/** Built-in kinds that are read into the bundle but are not workloads. */
const READ: Record<string, ObjectClass> = {
  Service: { read: 'service' },
  Ingress: { read: 'ingress' },
  NetworkPolicy: { read: 'network-policy' },
  Namespace: { read: 'namespace' },
  ServiceAccount: { read: 'service-account' },
  List: { read: 'list' },
};

/** Built-in kinds skipped without a word: they hold no workload, flow or boundary fact. */
const IGNORED = [
  // core/v1
  'Binding',
  'ComponentStatus',
  'ConfigMap',
  'Endpoints',
  'Event',
  'LimitRange',
  'Node',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'PodTemplate',
  'ResourceQuota',
  'Secret',
  // apps, autoscaling, policy, scheduling, node, coordination
  'ControllerRevision',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'PriorityClass',
  'RuntimeClass',
  'Lease',
  // rbac.authorization.k8s.io
  'Role',
  'RoleBinding',
  'ClusterRole',
  'ClusterRoleBinding',
  // networking.k8s.io, discovery.k8s.io
  'IngressClass',
  'IPAddress',
  'ServiceCIDR',
  'EndpointSlice',
  // storage.k8s.io
  'StorageClass',
  'CSIDriver',
  'CSINode',
  'CSIStorageCapacity',
  'VolumeAttachment',
  'VolumeAttributesClass',
  // admission, API extension, flow control, certificates, resource, auth reviews
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'MutatingAdmissionPolicy',
  'MutatingAdmissionPolicyBinding',
  'CustomResourceDefinition',
  'APIService',
  'FlowSchema',
  'PriorityLevelConfiguration',
  'CertificateSigningRequest',
  'ClusterTrustBundle',
  'DeviceClass',
  'ResourceClaim',
  'ResourceClaimTemplate',
  'ResourceSlice',
  'TokenReview',
  'TokenRequest',
  'SelfSubjectReview',
  'SubjectAccessReview',
  'SelfSubjectAccessReview',
  'SelfSubjectRulesReview',
  'LocalSubjectAccessReview',
  'StorageVersionMigration',
];

/** Kinds Kubernetes has stopped serving, with the release that removed them. */
const REMOVED: Record<string, string> = {
  PodSecurityPolicy: '1.25',
  PodPreset: '1.20',
  InitializerConfiguration: '1.14',
};

const KINDS: ReadonlyMap<string, ObjectClass> = new Map<string, ObjectClass>([
  ...WORKLOADS.map((kind) => [kind, { read: 'workload', kind }] as const),
  ...Object.entries(READ),
  ...IGNORED.map((kind) => [kind, { read: 'ignored' }] as const),
  ...Object.entries(REMOVED).map(([kind, removedIn]) => [kind, { read: 'removed', removedIn }] as const),
]);

const UNKNOWN: ObjectClass = { read: 'unknown' };
const KUSTOMIZATION: ObjectClass = { read: 'kustomization' };
const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io';
const LIST: ObjectClass = { read: 'list' };

/**
 * Classifies an object by its kind, when its API group is a built-in one. A custom resource may
 * reuse a built-in name (Knative's `serving.knative.dev` Service is a workload, not a Service), so
 * the group decides first.
 */
export function classifyObject(apiVersion: string, kind: string): ObjectClass {
  const group = apiGroup(apiVersion);
  if (group === KUSTOMIZE_GROUP) return KUSTOMIZATION;
  if (!isBuiltInGroup(group)) return UNKNOWN;
  const known = KINDS.get(kind);
  if (known) return known;
  // `kubectl get -o yaml` and the API return typed lists (PodList, DeploymentList).
  if (kind.length > 4 && kind.endsWith('List')) return LIST;
  return UNKNOWN;
}

/** `apps/v1` → `apps`; `v1` → `` (the core group). */
export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function isBuiltInGroup(group: string): boolean {
  switch (group) {
    case '':
    case 'apps':
    case 'batch':
    case 'extensions':
    case 'autoscaling':
    case 'policy':
      return true;
  }
  return group.endsWith('.k8s.io');
}
