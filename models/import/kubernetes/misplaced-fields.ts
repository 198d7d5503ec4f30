/**
 * Fields written at a level where the API does not read them. Lenient decoding drops them
 * silently, so a hardening setting in the wrong place protects nothing: it is reported and not
 * counted (a pod-level `allowPrivilegeEscalation: false` still leaves every container able to
 * escalate).
 */
import { K8S_DIAGNOSTICS as D } from './diagnostics';
import type { ManifestReader, Mapping } from './manifest-reader';

/** Field name → where the field belongs instead. */
type Hints = ReadonlyMap<string, string>;

const IN_CONTAINER_SC = "it is a container setting; set it in each container's securityContext";
const IN_POD_SC = "it is a pod setting; set it in the pod's spec.securityContext";
const IN_OWN_SC = "set it in the container's securityContext";
const IN_POD_SPEC = 'it is a pod spec field; set it in the pod spec beside containers';

const CONTAINER_ONLY = [
  'privileged',
  'allowPrivilegeEscalation',
  'capabilities',
  'readOnlyRootFilesystem',
  'procMount',
];
const INHERITABLE = [
  'runAsUser',
  'runAsGroup',
  'runAsNonRoot',
  'seccompProfile',
  'seLinuxOptions',
  'appArmorProfile',
];
const POD_ONLY = [
  'sysctls',
  'fsGroup',
  'fsGroupChangePolicy',
  'supplementalGroups',
  'supplementalGroupsPolicy',
  'seLinuxChangePolicy',
];
const POD_SPEC_ONLY = [
  'hostNetwork',
  'hostPID',
  'hostIPC',
  'hostUsers',
  'shareProcessNamespace',
  'serviceAccountName',
  'automountServiceAccountToken',
];

function hints(...groups: [readonly string[], string][]): Hints {
  return new Map(groups.flatMap(([keys, hint]) => keys.map((key) => [key, hint] as const)));
}

/** In `spec.securityContext`. */
export const POD_SECURITY_CONTEXT_HINTS = hints(
  [CONTAINER_ONLY, IN_CONTAINER_SC],
  [POD_SPEC_ONLY, IN_POD_SPEC],
);
/** In `containers[*].securityContext`. */
export const CONTAINER_SECURITY_CONTEXT_HINTS = hints([POD_ONLY, IN_POD_SC], [POD_SPEC_ONLY, IN_POD_SPEC]);
/** Directly in the pod spec. */
export const POD_SPEC_HINTS = hints(
  [CONTAINER_ONLY, IN_CONTAINER_SC],
  [[...INHERITABLE, ...POD_ONLY], IN_POD_SC],
);
/** Directly in a container. */
export const CONTAINER_HINTS = hints(
  [[...CONTAINER_ONLY, ...INHERITABLE], IN_OWN_SC],
  [[...POD_SPEC_ONLY, 'volumes'], IN_POD_SPEC],
);

const controllerHints = new Map<string, Hints>();

/** Pod spec fields written in a controller's own spec instead of its pod template
 * (`templatePath` is where the template is, such as `spec.template`). */
export function controllerSpecHints(templatePath: string): Hints {
  let table = controllerHints.get(templatePath);
  if (!table) {
    const hint = `it is a pod field; set it under ${templatePath}.spec`;
    const keys = [
      ...POD_SPEC_ONLY,
      'containers',
      'initContainers',
      'ephemeralContainers',
      'volumes',
      'securityContext',
    ];
    table = hints([keys, hint]);
    controllerHints.set(templatePath, table);
  }
  return table;
}

export function warnMisplacedFields(r: ManifestReader, node: Mapping, path: string, table: Hints): void {
  for (const key of Object.keys(node)) {
    const hint = table.get(key);
    if (hint === undefined || node[key] === null) continue;
    const at = r.keyAt(node, key, path);
    r.report(D.K8S_FIELD_AT_WRONG_LEVEL, `${at.path} has no effect here: ${hint}`, at);
  }
}
