import { fact, type Fact, type SourceRef } from '../../source/source-ref';
import type { Container, ContainerRole, HostSharing, Sysctl, Workload } from '../workload';
import { readContainer, type PodContext } from './container';
import { K8S_DIAGNOSTICS as D } from './diagnostics';
import { checkAnnotatedContainers, readLegacyConfinement } from './legacy-annotations';
import type { ManifestReader, Mapping } from './manifest-reader';
import { POD_SPEC_HINTS, warnMisplacedFields } from './misplaced-fields';
import type { ObjectMeta } from './object-meta';
import { fieldPath, itemPath } from './paths';
import { readPodSecurityContext } from './security-context';
import { readVolumes, unmountedHostPaths, type PodVolume } from './volumes';

/** What a pod spec contributes to its workload. */
export interface PodReading {
  containers: Container[];
  host: HostSharing;
  sysctls: Sysctl[];
  serviceAccount: NonNullable<Workload['serviceAccount']>;
}

/** Every container list: Pod Security checks all three, and so does Rampart. */
const CONTAINER_LISTS: readonly [string, ContainerRole][] = [
  ['containers', 'main'],
  ['initContainers', 'init'],
  ['ephemeralContainers', 'ephemeral'],
];

/** Reads a pod spec (`spec` of a Pod, `spec.template.spec` of a controller). `podMeta` is the
 * metadata beside it, which holds the legacy seccomp and AppArmor annotations; `claims` are the
 * volumes a StatefulSet adds from its claim templates. */
export function readPodSpec(
  r: ManifestReader,
  spec: Mapping,
  specPath: string,
  podMeta: ObjectMeta,
  claims: readonly PodVolume[] = [],
): PodReading {
  warnMisplacedFields(r, spec, specPath, POD_SPEC_HINTS);
  const hostNetwork = r.booleanFact(spec, 'hostNetwork', specPath);
  const volumes = readVolumes(r, spec, specPath);
  for (const claim of claims) volumes.set(claim.name, claim);
  const pod: PodContext = {
    security: readPodSecurityContext(r, spec, specPath),
    legacy: readLegacyConfinement(r, podMeta),
    volumes,
    hostNetwork: hostNetwork?.value === true,
    mounted: new Set(),
  };
  const containers: Container[] = [];
  for (const [key, role] of CONTAINER_LISTS) {
    const list = r.list(spec, key, specPath);
    if (!list) continue;
    const path = fieldPath(specPath, key);
    for (let i = 0; i < list.length; i++) {
      const item = r.mappingItem(list, i, path);
      if (item)
        containers.push(readContainer(r, item, itemPath(path, i), r.itemAt(list, i, path), role, pod));
    }
  }
  if (!containers.some((c) => c.role === 'main')) {
    const at = r.keyAt(spec, 'containers', specPath);
    r.report(
      D.K8S_NO_CONTAINERS,
      `${fieldPath(specPath, 'containers')} must list at least one container`,
      at,
    );
  }
  const unmounted = unmountedHostPaths(pod.volumes, pod.mounted);
  if (unmounted.length > 0) for (const container of containers) container.mounts.push(...unmounted);
  checkAnnotatedContainers(r, pod.legacy, new Set(containers.map((c) => c.name)));
  return {
    containers,
    host: readHostSharing(r, spec, specPath, hostNetwork),
    sysctls: pod.security.sysctls,
    serviceAccount: readServiceAccountUse(r, spec, specPath),
  };
}

/** Host namespaces are recorded only when shared (`true`); `hostUsers` both ways, because
 * `false` is the protective value and `true` states the default explicitly. */
function readHostSharing(
  r: ManifestReader,
  spec: Mapping,
  specPath: string,
  hostNetwork: Fact<boolean> | undefined,
): HostSharing {
  const host: HostSharing = {};
  const pid = r.booleanFact(spec, 'hostPID', specPath);
  const ipc = r.booleanFact(spec, 'hostIPC', specPath);
  if (pid?.value) host.pid = fact('host', pid.at);
  if (ipc?.value) host.ipc = fact('host', ipc.at);
  if (hostNetwork?.value) {
    host.network = fact('host', hostNetwork.at);
    // The runtime gives a host-network pod the node's UTS namespace (hostname) too.
    host.uts = fact('host', hostNetwork.at);
  }
  const users = r.booleanFact(spec, 'hostUsers', specPath);
  if (users) host.userns = fact(users.value ? 'host' : 'private', users.at);
  return host;
}

/** `serviceAccountName` (or its deprecated alias `serviceAccount`), `default` when unset. */
function readServiceAccountUse(
  r: ManifestReader,
  spec: Mapping,
  specPath: string,
): PodReading['serviceAccount'] {
  let key = 'serviceAccountName';
  let name = r.string(spec, key, specPath) || undefined;
  if (name === undefined) {
    key = 'serviceAccount';
    name = r.string(spec, key, specPath) || undefined;
  }
  const at: SourceRef = name ? r.keyAt(spec, key, specPath) : r.nodeAt(spec, specPath);
  const use: PodReading['serviceAccount'] = { name: name ?? 'default', at };
  const automount = r.booleanFact(spec, 'automountServiceAccountToken', specPath);
  if (automount) use.automountToken = automount;
  return use;
}
