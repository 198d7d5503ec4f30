import type { DockerfileInfo, Workload } from '../import/workload';
import { recognizeDataStore, type DataStoreTechnology } from './data-stores';
import type { TopologyElement } from './types';

/** Dockerfiles describe images, not running containers: they get no element. */
export function isRunningWorkload(workload: Workload): boolean {
  return workload.kind !== 'dockerfile' && workload.platform !== 'image';
}

/** Where a workload element sits, decided by its platform (compose project or cluster). */
export interface Placement {
  boundary: string;
  memberOf: string[];
  runsOn: string;
}

/**
 * The element for a running workload: a data store when its main container runs a data-store
 * image (or is built from one), a service otherwise. The id is the workload id, so conditions
 * found on the workload and the element that shows it share one key.
 */
export function workloadElement(
  workload: Workload,
  placement: Placement,
  dockerfiles: ReadonlyMap<string, DockerfileInfo>,
): TopologyElement {
  const store = dataStoreOf(workload, dockerfiles);
  // Keys are added in the order of TopologyElement, which is the order they are written out in.
  const element = {
    id: workload.id,
    kind: store ? 'data-store' : 'service',
    name: workload.name,
    workload: workload.id,
  } as TopologyElement;
  if (store) {
    element.technology = store.technology;
    element.port = store.port;
    element.protocol = store.protocol;
  }
  if (workload.namespace !== undefined) element.namespace = workload.namespace;
  element.boundary = placement.boundary;
  element.memberOf = placement.memberOf;
  element.runsOn = placement.runsOn;
  element.at = workload.at;
  return element;
}

/** What the first main container runs (by convention the one a pod or service is named after):
 * its image, or for an image built here (`image: acme/db` with `build:`), the Dockerfile's base. */
function dataStoreOf(
  workload: Workload,
  dockerfiles: ReadonlyMap<string, DockerfileInfo>,
): DataStoreTechnology | undefined {
  const main = workload.containers.find((c) => c.role === 'main') ?? workload.containers[0];
  if (!main) return undefined;
  const fromImage = main.image ? recognizeDataStore(main.image.value) : undefined;
  const base = main.dockerfile ? dockerfiles.get(main.dockerfile.value)?.finalBase : undefined;
  return fromImage ?? (base ? recognizeDataStore(base.value) : undefined);
}
