import { isRecord } from '../coerce';
import { fact, type Fact } from '../../source/source-ref';
import type { Confinement } from '../workload';
import { appArmorAnnotationValue, seccompAnnotationValue } from './confinement';
import type { ManifestReader } from './manifest-reader';
import type { ObjectMeta } from './object-meta';
import { K8S_DIAGNOSTICS as D } from './diagnostics';
import { fieldPath } from './paths';

const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER = 'container.seccomp.security.alpha.kubernetes.io/';
const APPARMOR_CONTAINER = 'container.apparmor.security.beta.kubernetes.io/';

/** Seccomp and AppArmor as set by the annotations that predate the securityContext fields. */
export interface LegacyConfinement {
  podSeccomp?: Fact<Confinement>;
  /** By container name. */
  seccomp: Map<string, Fact<Confinement>>;
  apparmor: Map<string, Fact<Confinement>>;
}

/** True for the annotations that set seccomp or AppArmor on a pod. */
export function isConfinementAnnotation(key: string): boolean {
  return key === SECCOMP_POD || key.startsWith(SECCOMP_CONTAINER) || key.startsWith(APPARMOR_CONTAINER);
}

/** Reads the annotations of a pod (or pod template); other annotations are left alone. */
export function readLegacyConfinement(r: ManifestReader, meta: ObjectMeta): LegacyConfinement {
  const out: LegacyConfinement = { seccomp: new Map(), apparmor: new Map() };
  const raw = meta.node?.['annotations'];
  if (!isRecord(raw)) return out;
  const path = fieldPath(meta.path, 'annotations');
  for (const key of Object.keys(meta.annotations)) {
    if (!isConfinementAnnotation(key)) continue;
    const value = meta.annotations[key]!;
    if (value === '') continue;
    const apparmor = key.startsWith(APPARMOR_CONTAINER);
    const read = apparmor ? appArmorAnnotationValue(value) : seccompAnnotationValue(value);
    const at = r.userKeyAt(raw, key, path);
    if (!read) {
      const accepted = apparmor
        ? 'runtime/default, localhost/<profile> or unconfined'
        : 'runtime/default, docker/default, localhost/<profile> or unconfined';
      r.invalidValue(at, `annotation ${key} must be ${accepted}, found "${value}"; it is not read`);
      continue;
    }
    if (key === SECCOMP_POD) out.podSeccomp = fact(read, at);
    else if (apparmor) out.apparmor.set(key.slice(APPARMOR_CONTAINER.length), fact(read, at));
    else out.seccomp.set(key.slice(SECCOMP_CONTAINER.length), fact(read, at));
  }
  return out;
}

/** Annotations that name a container the pod does not have: the API rejects them. */
export function checkAnnotatedContainers(
  r: ManifestReader,
  legacy: LegacyConfinement,
  containerNames: ReadonlySet<string>,
): void {
  for (const byName of [legacy.seccomp, legacy.apparmor]) {
    for (const [name, annotation] of byName) {
      if (containerNames.has(name)) continue;
      r.invalidValue(
        annotation.at,
        `this annotation names the container "${name}", which the pod does not define; it has no effect`,
      );
    }
  }
}

/** Seccomp and AppArmor annotations on a controller's own metadata: only the pod template's
 * annotations reach the pods, so these confine nothing. */
export function warnControllerAnnotations(r: ManifestReader, meta: ObjectMeta, templatePath: string): void {
  const raw = meta.node?.['annotations'];
  if (!isRecord(raw)) return;
  const path = fieldPath(meta.path, 'annotations');
  for (const key of Object.keys(meta.annotations)) {
    if (!isConfinementAnnotation(key)) continue;
    const at = r.userKeyAt(raw, key, path);
    r.report(
      D.K8S_FIELD_AT_WRONG_LEVEL,
      `annotation ${key} has no effect on the controller itself; put it in ${templatePath}.metadata.annotations`,
      at,
    );
  }
}
