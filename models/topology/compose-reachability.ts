import type { ComposeProject } from './compose-projects';
import type { ReachGroup, TargetReachability } from './types';

/**
 * Reachability on Docker hosts (reference/attack-trees.md §4.1, R25): containers on one network
 * talk freely, so each network is one group whose members all reach each other. Containers in the
 * host network namespace reach every container on the host and are reached by all of them. Nothing
 * in compose restricts this, so no target is `restricted`.
 */
export function composeReachability(projects: ComposeProject[]): {
  groups: ReachGroup[];
  targets: TargetReachability[];
} {
  const groups = new Map<string, ReachGroup>();
  const targets: TargetReachability[] = [];
  for (const project of projects) {
    const networkGroups = new Map<string, string>();
    for (const network of project.networks.values()) {
      const id = `reach:network:${network.groupKey}`;
      let group = groups.get(id);
      if (!group) {
        group = { id, kind: 'network', members: [] };
        // An external network joins several projects: it has no single boundary.
        if (!network.external) group.boundary = network.boundary;
        groups.set(id, group);
      }
      group.members.push(...network.members);
      networkGroups.set(network.name, id);
    }
    const hostNetwork = project.services.filter((s) => s.mode === 'host').map((s) => s.element);
    const hostGroup = `reach:host-network:${project.name}`;
    if (hostNetwork.length > 0) {
      groups.set(hostGroup, {
        id: hostGroup,
        kind: 'host-network',
        boundary: project.hostBoundary,
        members: hostNetwork,
      });
    }
    const fromHost = hostNetwork.length > 0 ? [hostGroup] : [];
    for (const service of project.services) {
      // `network_mode: none` leaves only the loopback interface: nothing reaches the container.
      const fromGroups =
        service.mode === 'none'
          ? []
          : service.mode === 'host'
            ? [...networkGroups.values(), ...fromHost]
            : [...service.networks.map((n) => networkGroups.get(n)!), ...fromHost];
      targets.push({
        target: service.element,
        reachableFrom: [],
        fromGroups: fromGroups.length < 2 ? fromGroups : [...new Set(fromGroups)].sort(),
        restricted: false,
      });
    }
  }
  // A network nobody joins (or only host-network services name) reaches nobody: no group.
  const empty = new Set([...groups.values()].filter((g) => g.members.length === 0).map((g) => g.id));
  if (empty.size > 0)
    for (const target of targets) target.fromGroups = target.fromGroups.filter((id) => !empty.has(id));
  const nonEmpty = [...groups.values()].filter((g) => !empty.has(g.id));
  for (const group of nonEmpty) group.members = [...new Set(group.members)].sort();
  return { groups: nonEmpty, targets };
}
