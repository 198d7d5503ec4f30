import type { WorkloadKind } from '../workload';
import type { ManifestReader, Mapping } from './manifest-reader';
import { controllerSpecHints, warnMisplacedFields } from './misplaced-fields';
import { readObjectMeta, type ObjectMeta } from './object-meta';
import { fieldPath } from './paths';

/** Where each controller keeps its pod template, inside its `spec`; a Pod is its own template. */
const TEMPLATE_PATHS: ReadonlyMap<WorkloadKind, readonly string[]> = new Map<WorkloadKind, readonly string[]>(
  [
    ['Deployment', ['template']],
    ['StatefulSet', ['template']],
    ['DaemonSet', ['template']],
    ['ReplicaSet', ['template']],
    ['ReplicationController', ['template']],
    ['Job', ['template']],
    ['CronJob', ['jobTemplate', 'spec', 'template']],
  ],
);

/** Controllers whose `spec.replicas` sets how many pods run. */
export const REPLICATED: ReadonlySet<WorkloadKind> = new Set<WorkloadKind>([
  'Deployment',
  'StatefulSet',
  'ReplicaSet',
  'ReplicationController',
]);

/** The pod a workload runs: its metadata (labels, legacy annotations) and its spec. */
export interface PodTemplate {
  meta: ObjectMeta;
  spec?: Mapping;
  /** Path of the pod spec, such as `spec.template.spec`. */
  specPath: string;
  /** Path of the template (`spec.template`); the object's own path for a Pod. */
  templatePath: string;
}

/** Finds the pod template in the object's `spec` (read once by the caller, at `specPath`). */
export function locatePodTemplate(
  r: ManifestReader,
  spec: Mapping | undefined,
  specPath: string,
  kind: WorkloadKind,
  objectMeta: ObjectMeta,
): PodTemplate {
  const steps = TEMPLATE_PATHS.get(kind);
  if (!steps) {
    const templatePath = specPath.slice(0, Math.max(0, specPath.length - '.spec'.length));
    return spec
      ? { meta: objectMeta, spec, specPath, templatePath }
      : { meta: objectMeta, specPath, templatePath };
  }
  const templatePath = fieldPath(specPath, steps.join('.'));
  const podSpecPath = fieldPath(templatePath, 'spec');
  let node = spec;
  let path = specPath;
  for (const key of steps) {
    if (!node) break;
    if (key === 'template')
      warnMisplacedFields(r, node, path, controllerSpecHints(`spec.${steps.join('.')}`));
    node = r.mapping(node, key, path);
    path = fieldPath(path, key);
  }
  if (!node) {
    const meta = {
      namespace: objectMeta.namespace,
      labels: {},
      annotations: {},
      path: fieldPath(templatePath, 'metadata'),
    };
    return { meta, specPath: podSpecPath, templatePath };
  }
  const template: PodTemplate = {
    meta: readObjectMeta(r, node, templatePath),
    specPath: podSpecPath,
    templatePath,
  };
  const podSpec = r.mapping(node, 'spec', templatePath);
  if (podSpec) template.spec = podSpec;
  return template;
}
