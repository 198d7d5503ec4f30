import type { Workload } from '../workload';
import { volumesFromSource } from './dependencies';
import { keyedValues, type ServiceLayer } from './layer';

/** Mount kinds that `volumes_from` copies from another container. */
const INHERITED = new Set(['bind', 'volume']);

/**
 * `volumes_from` copies another service's volumes and bind mounts (read-only with `:ro`), so a
 * sidecar that inherits the Docker socket is seen to have it. The copies cite the `volumes_from`
 * entry; a mount the service sets itself at the same target wins. Containers outside the project
 * are unknown and add nothing.
 */
export function inheritVolumesFrom(
  layers: Map<string, ServiceLayer>,
  workloads: Map<string, Workload>,
  containerNames: Map<string, string>,
): void {
  const done = new Set<string>();
  const active = new Set<string>();
  const visit = (name: string): void => {
    if (done.has(name) || active.has(name)) return;
    active.add(name);
    const container = workloads.get(name)?.containers[0];
    for (const entry of keyedValues(layers.get(name)?.fields.volumes_from)) {
      const { source, readOnly } = volumesFromSource(entry.value);
      const from = source.startsWith('container:') ? containerNames.get(source.slice(10)) : source;
      if (!container || from === undefined || from === name || !workloads.has(from)) continue;
      visit(from);
      const targets = new Set(container.mounts.map((m) => m.target));
      for (const mount of workloads.get(from)!.containers[0]!.mounts) {
        if (!INHERITED.has(mount.kind) || targets.has(mount.target)) continue;
        container.mounts.push({ ...mount, readOnly: mount.readOnly || readOnly, at: entry.at });
      }
    }
    active.delete(name);
    done.add(name);
  };
  for (const name of layers.keys()) visit(name);
}
