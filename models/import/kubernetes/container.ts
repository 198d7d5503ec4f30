import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import type { Container, ContainerRole, UserSpec } from '../workload';
import { readEnv } from './env';
import type { LegacyConfinement } from './legacy-annotations';
import type { ManifestReader, Mapping } from './manifest-reader';
import { CONTAINER_HINTS, warnMisplacedFields } from './misplaced-fields';
import { setIfDefined } from './optional';
import { readContainerPorts } from './ports';
import { readResources } from './resources';
import { readContainerSecurityContext, type InheritableSecurity, type PodSecurity } from './security-context';
import { readVolumeMounts, type PodVolume } from './volumes';

/** What a container takes from its pod. */
export interface PodContext {
  security: PodSecurity;
  legacy: LegacyConfinement;
  volumes: ReadonlyMap<string, PodVolume>;
  hostNetwork: boolean;
  /** Names of the volumes some container mounts, filled in while containers are read. */
  mounted: Set<string>;
}

/**
 * One container with its effective settings. Seccomp and AppArmor follow the kubelet's order
 * (container field, container annotation, pod field, pod annotation); the other inheritable
 * fields take the container's value, else the pod's. An inherited Fact is the pod's own, so it
 * cites the pod-level line.
 */
export function readContainer(
  r: ManifestReader,
  item: Mapping,
  path: string,
  at: SourceRef,
  role: ContainerRole,
  pod: PodContext,
): Container {
  warnMisplacedFields(r, item, path, CONTAINER_HINTS);
  let name = r.string(item, 'name', path);
  if (!name) {
    r.invalidValue(at, `${path}.name must name the container; it is called "${path}" here`);
    name = path;
  }
  const sc = readContainerSecurityContext(r, item, path);
  const container: Container = {
    name,
    role,
    at,
    capAdd: sc.capAdd,
    capDrop: sc.capDrop,
    mounts: readVolumeMounts(r, item, path, pod.volumes, pod.mounted),
    devices: [],
    ports: readContainerPorts(r, item, path, pod.hostNetwork),
    env: readEnv(r, item, path),
    envFiles: [],
    resources: readResources(r, item, path),
  };
  setIfDefined(container, 'image', r.stringFact(item, 'image', path));
  setIfDefined(container, 'privileged', sc.privileged);
  setIfDefined(container, 'capDropAllExact', sc.capDropAllExact);
  if (sc.allowPrivilegeEscalation)
    container.noNewPrivileges = fact(!sc.allowPrivilegeEscalation.value, sc.allowPrivilegeEscalation.at);
  setIfDefined(container, 'readOnlyRootFilesystem', sc.readOnlyRootFilesystem);
  setIfDefined(container, 'user', effectiveUser(sc, pod.security));
  setIfDefined(
    container,
    'seccomp',
    sc.seccomp ?? pod.legacy.seccomp.get(name) ?? pod.security.seccomp ?? pod.legacy.podSeccomp,
  );
  setIfDefined(container, 'apparmor', sc.apparmor ?? pod.legacy.apparmor.get(name) ?? pod.security.apparmor);
  setIfDefined(container, 'selinux', sc.selinux ?? pod.security.selinux);
  setIfDefined(container, 'procMount', sc.procMount);
  setIfDefined(container, 'healthcheck', readHealthcheck(r, item, path));
  return container;
}

/** `runAsUser`, `runAsNonRoot` and `runAsGroup`, each inherited on its own; the Fact cites the
 * field that decides who runs (the uid when set). */
function effectiveUser(container: InheritableSecurity, pod: InheritableSecurity): Fact<UserSpec> | undefined {
  const uid = container.runAsUser ?? pod.runAsUser;
  const nonRoot = container.runAsNonRoot ?? pod.runAsNonRoot;
  const gid = container.runAsGroup ?? pod.runAsGroup;
  const decisive = uid ?? nonRoot ?? gid;
  if (!decisive) return undefined;
  const user: UserSpec = { origin: 'config' };
  if (uid) user.uid = uid.value;
  if (nonRoot) user.nonRootEnforced = nonRoot.value;
  if (gid) user.gid = gid.value;
  return fact(user, decisive.at);
}

const PROBES = ['livenessProbe', 'readinessProbe'] as const;

/** A liveness or readiness probe is the Kubernetes counterpart of a Docker healthcheck. */
function readHealthcheck(r: ManifestReader, item: Mapping, path: string): Fact<boolean> | undefined {
  for (const key of PROBES) {
    if (r.mapping(item, key, path)) return fact(true, r.keyAt(item, key, path));
  }
  return undefined;
}
