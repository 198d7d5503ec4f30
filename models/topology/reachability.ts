import type { NetworkPolicyDef } from '../import/workload';
import type { Diagnostic } from '../source/diagnostic';
import { composeReachability } from './compose-reachability';
import type { ComposeProject } from './compose-projects';
import { compareIds } from './ids';
import type { KubernetesCluster } from './kubernetes-cluster';
import { kubernetesReachability } from './kubernetes-reachability';
import type { Reachability } from './types';

/** Network reachability of every workload element on Docker hosts and in the cluster. */
export function buildReachability(
  projects: ComposeProject[],
  cluster: KubernetesCluster | undefined,
  policies: NetworkPolicyDef[],
  diagnostics: Diagnostic[],
): Reachability {
  const parts = [composeReachability(projects)];
  if (cluster) parts.push(kubernetesReachability(cluster, policies, diagnostics));
  return {
    groups: parts.flatMap((p) => p.groups).sort((a, b) => compareIds(a.id, b.id)),
    targets: parts.flatMap((p) => p.targets).sort((a, b) => compareIds(a.target, b.target)),
  };
}

/** Questions about reachability answered without expanding every group into pairs. */
export interface ReachabilityIndex {
  canReach(from: string, to: string): boolean;
  /** Every element that reaches the target, groups expanded, without the target itself; sorted. */
  reachersOf(target: string): string[];
}

export function indexReachability(reachability: Reachability): ReachabilityIndex {
  const groups = new Map(reachability.groups.map((g) => [g.id, new Set(g.members)]));
  const targets = new Map(
    reachability.targets.map((t) => [
      t.target,
      { groups: t.fromGroups, individuals: new Set(t.reachableFrom) },
    ]),
  );
  return {
    canReach(from, to) {
      const target = targets.get(to);
      if (!target || from === to) return false;
      return target.individuals.has(from) || target.groups.some((g) => groups.get(g)?.has(from) ?? false);
    },
    reachersOf(to) {
      const target = targets.get(to);
      if (!target) return [];
      const out = new Set(target.individuals);
      for (const g of target.groups) for (const member of groups.get(g) ?? []) out.add(member);
      out.delete(to);
      return [...out].sort(compareIds);
    },
  };
}
