import type { Workload, WorkloadKind } from '../workload';
import { K8S_DIAGNOSTICS as D } from './diagnostics';
import { warnControllerAnnotations } from './legacy-annotations';
import type { ManifestReader, Mapping } from './manifest-reader';
import type { ObjectMeta } from './object-meta';
import { readPodSpec } from './pod-spec';
import { readClaimTemplates } from './volumes';
import { fieldPath } from './paths';
import { locatePodTemplate, REPLICATED } from './workload-kinds';

/** A Pod or a controller with its pod template, as one Workload. Undefined when the object can
 * not be named (no `metadata.name` and no container to name it after). */
export function readWorkload(
  r: ManifestReader,
  obj: Mapping,
  base: string,
  kind: WorkloadKind,
  meta: ObjectMeta,
): Workload | undefined {
  const at = r.nodeAt(obj, base);
  const specPath = fieldPath(base, 'spec');
  const spec = r.mapping(obj, 'spec', base);
  const template = locatePodTemplate(r, spec, specPath, kind, meta);
  if (kind !== 'Pod') warnControllerAnnotations(r, meta, template.templatePath);
  const claims = kind === 'StatefulSet' && spec ? readClaimTemplates(r, spec, specPath) : [];
  const pod = template.spec
    ? readPodSpec(r, template.spec, template.specPath, template.meta, claims)
    : undefined;
  if (!pod)
    r.report(D.K8S_NO_CONTAINERS, `this ${kind} has no ${template.specPath}, so it runs no container`, at);
  let name = meta.name;
  if (name === undefined) {
    const first = pod?.containers[0];
    if (!first) {
      r.report(
        D.K8S_MISSING_NAME,
        `this ${kind} has no metadata.name and no container to name it after; it is skipped`,
        at,
      );
      return undefined;
    }
    name = first.name;
    r.report(
      D.K8S_MISSING_NAME,
      `this ${kind} has no metadata.name; it is named after its first container, "${name}"`,
      at,
    );
  }
  const workload: Workload = {
    id: `k8s:${meta.namespace}/${kind}/${name}`,
    name,
    kind,
    platform: 'kubernetes',
    namespace: meta.namespace,
    at,
    labels: meta.labels,
    podLabels: template.meta.labels,
    annotations: meta.annotations,
    containers: pod?.containers ?? [],
    host: pod?.host ?? {},
    sysctls: pod?.sysctls ?? [],
    networks: [],
    sharesNamespacesWith: [],
    dependsOn: [],
    secrets: [],
  };
  if (pod) workload.serviceAccount = pod.serviceAccount;
  const replicas = spec && REPLICATED.has(kind) ? r.integer(spec, 'replicas', specPath) : undefined;
  if (replicas !== undefined) workload.replicas = replicas;
  return workload;
}
