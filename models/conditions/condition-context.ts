import type { DockerfileInfo, ImportBundle, NamespaceDef, ServiceAccountDef } from '../import/workload';

/** What the checks may look up besides the workload they examine. */
export interface ConditionContext {
  bundle: ImportBundle;
  dockerfilesByPath: Map<string, DockerfileInfo>;
  serviceAccounts: Map<string, ServiceAccountDef>;
  namespaces: Map<string, NamespaceDef>;
}

export function conditionContext(bundle: ImportBundle): ConditionContext {
  return {
    bundle,
    dockerfilesByPath: new Map(bundle.dockerfiles.map((d) => [d.path, d])),
    serviceAccounts: new Map(bundle.serviceAccounts.map((s) => [`${s.namespace}/${s.name}`, s])),
    namespaces: new Map(bundle.namespaces.map((n) => [n.name, n])),
  };
}
