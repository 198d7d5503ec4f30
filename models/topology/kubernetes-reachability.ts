import type { NetworkPolicyDef } from '../import/workload';
import { diagnosticAt, type Diagnostic } from '../source/diagnostic';
import { TOPOLOGY_DIAGNOSTICS as D } from './diagnostics';
import { compareIds } from './ids';
import { addTo } from './multimap';
import type { KubernetesCluster } from './kubernetes-cluster';
import { SELECTOR_OPERATORS } from './label-selectors';
import { PolicyPeers, effectivePolicyTypes, type Peers } from './policy-peers';
import type { ReachGroup, TargetReachability } from './types';

/**
 * Reachability between pods under NetworkPolicies (Kubernetes network policy semantics):
 * a pod is non-isolated, reachable from every pod, until a policy of type Ingress selects it; then
 * only the peers some selecting policy allows reach it. Egress works the same way on the sending
 * side, so a connection needs both ends to allow it. Pods in the host network are outside policy.
 *
 * The answer is kept in groups, never in pairs: the pods whose egress is unrestricted form one
 * cluster-wide group, and each policy peer becomes a group (all such pods of a namespace, or those
 * a selector matches). A target lists the groups that reach it; only pods whose own egress policy
 * narrows where they may connect are listed one by one. Ports in policy rules are not modelled: a
 * peer allowed on any port reaches the pod.
 */
export function kubernetesReachability(
  cluster: KubernetesCluster,
  policies: NetworkPolicyDef[],
  diagnostics: Diagnostic[],
): { groups: ReachGroup[]; targets: TargetReachability[] } {
  const index = cluster.pods;
  const ingressPolicies = new Map<string, NetworkPolicyDef[]>();
  const egressPolicies = new Map<string, NetworkPolicyDef[]>();
  for (const policy of policies) {
    reportUnknownOperators(policy, diagnostics);
    const types = effectivePolicyTypes(policy);
    for (const pod of index.select(policy.namespace, policy.podSelector)) {
      if (pod.hostNetwork) continue;
      if (types.includes('Ingress')) addTo(ingressPolicies, pod.element, policy);
      if (types.includes('Egress')) addTo(egressPolicies, pod.element, policy);
    }
  }

  const peers = new PolicyPeers(index);

  // Pods whose egress a policy narrows, and, per target, those of them that may connect to it.
  const egressLimited = new Set<string>();
  const reachedByLimited = new Map<string, string[]>();
  for (const [source, list] of egressPolicies) {
    const allowed = peers.admitted(list, 'egress');
    if (allowed === 'all') continue;
    egressLimited.add(source);
    const targets = new Set<string>();
    for (const id of allowed) for (const element of peers.groups.get(id)!.selected) targets.add(element);
    for (const target of targets) if (target !== source) addTo(reachedByLimited, target, source);
  }

  const pods = cluster.workloads.map((w) => w.id);
  // Pods selected by the same policies admit the same peers: resolve each combination once. This
  // also creates every peer group before the groups are closed below.
  const combinationOf = new Map<string, string>();
  const admittedBy = new Map<string, Peers>();
  const policyIdsBy = new Map<string, string[]>();
  for (const target of pods) {
    const selecting = ingressPolicies.get(target);
    const key = selecting ? selecting.map((p) => p.id).join('\u0000') : '';
    combinationOf.set(target, key);
    if (admittedBy.has(key)) continue;
    admittedBy.set(key, selecting ? peers.admitted(selecting, 'ingress') : 'all');
    if (selecting) policyIdsBy.set(key, selecting.map((p) => p.id).sort(compareIds));
  }

  const open = new Set(pods.filter((id) => !egressLimited.has(id)));
  const allPods = `reach:pods:${cluster.name}`;
  const groups = new Map<string, ReachGroup>();
  groups.set(allPods, {
    id: allPods,
    kind: 'pods',
    boundary: cluster.boundary,
    members: [...open].sort(compareIds),
  });
  for (const { group, selected } of peers.groups.values()) {
    group.members = [...selected].filter((id) => open.has(id)).sort(compareIds);
    groups.set(group.id, group);
  }
  const fromGroupsBy = new Map<string, string[]>();
  for (const [key, admitted] of admittedBy) {
    const ids = admitted === 'all' ? [allPods] : [...admitted];
    fromGroupsBy.set(key, ids.filter((id) => groups.get(id)!.members.length > 0).sort(compareIds));
  }

  const targets = pods.map((target): TargetReachability => {
    const key = combinationOf.get(target)!;
    const admitted = admittedBy.get(key)!;
    const limited = reachedByLimited.get(target) ?? [];
    const reach: TargetReachability = {
      target,
      reachableFrom: (admitted === 'all'
        ? [...limited]
        : limited.filter((s) => peers.admits(admitted, s))
      ).sort(compareIds),
      fromGroups: [...fromGroupsBy.get(key)!],
      restricted: key !== '',
    };
    if (key !== '') reach.policy = [...policyIdsBy.get(key)!];
    return reach;
  });
  return { groups: [...groups.values()].filter((g) => g.members.length > 0), targets };
}

function reportUnknownOperators(policy: NetworkPolicyDef, diagnostics: Diagnostic[]): void {
  const selectors = [policy.podSelector];
  for (const rule of [...policy.ingress, ...policy.egress])
    for (const peer of rule.peers)
      selectors.push(...[peer.podSelector, peer.namespaceSelector].filter((s) => s !== undefined));
  const unknown = selectors
    .flatMap((s) => s.matchExpressions)
    .find((e) => !SELECTOR_OPERATORS.has(e.operator));
  if (unknown) {
    diagnostics.push(
      diagnosticAt(
        D.TOPOLOGY_UNKNOWN_SELECTOR_OPERATOR,
        `NetworkPolicy "${policy.name}" uses the selector operator "${unknown.operator}", which matches nothing`,
        policy.at,
      ),
    );
  }
}
