import type {
  LabelSelector,
  NetworkPolicyDef,
  NetworkPolicyPeer,
  NetworkPolicyRule,
} from '../import/workload';
import { namespaceBoundaryId } from './ids';
import { isEmptySelector } from './label-selectors';
import type { PodIndex } from './pod-index';
import type { ReachGroup } from './types';

/** Who a policy admits: everyone, or the pods of some peer groups (by group id). */
export type Peers = 'all' | Set<string>;

const EMPTY_SELECTOR: LabelSelector = { matchLabels: {}, matchExpressions: [] };

/**
 * The peers of NetworkPolicy rules, as groups of pods: every pod of a namespace (a
 * `namespaceSelector` peer), or those a label selector matches in a namespace (a `podSelector`
 * peer). Policies that name the same peers share one group, so a cluster where many pods admit
 * the same clients stores each client list once.
 */
export class PolicyPeers {
  /** Group id → the group, and every pod its selector matches. */
  readonly groups = new Map<string, { group: ReachGroup; selected: Set<string> }>();
  private readonly byPolicy = new Map<string, Peers>();

  constructor(private readonly index: PodIndex) {}

  /** The union of what some policies admit in one direction. */
  admitted(policies: NetworkPolicyDef[], direction: 'ingress' | 'egress'): Peers {
    const union = new Set<string>();
    for (const policy of policies) {
      const key = `${direction}\u0000${policy.id}`;
      let peers = this.byPolicy.get(key);
      if (!peers) this.byPolicy.set(key, (peers = this.rulePeers(policy.namespace, policy[direction])));
      if (peers === 'all') return 'all';
      for (const id of peers) union.add(id);
    }
    return union;
  }

  /** Whether some of the groups select the pod. */
  admits(peers: Set<string>, element: string): boolean {
    for (const id of peers) if (this.groups.get(id)!.selected.has(element)) return true;
    return false;
  }

  /**
   * A rule without peers admits everyone; no rules admit no one. `podSelector` alone selects in
   * the policy's namespace; `namespaceSelector` alone selects every pod of the matching namespaces;
   * both together select matching pods in matching namespaces. An `ipBlock` addresses IPs outside
   * the pod network for the purpose of this model.
   */
  private rulePeers(namespace: string, rules: NetworkPolicyRule[]): Peers {
    const out = new Set<string>();
    for (const rule of rules) {
      if (rule.peers.length === 0) return 'all';
      for (const peer of rule.peers) {
        if (admitsEveryone(peer)) return 'all';
        if (!peer.podSelector && !peer.namespaceSelector) continue;
        const podSelector = peer.podSelector ?? EMPTY_SELECTOR;
        const namespaces = peer.namespaceSelector
          ? this.index.selectNamespaces(peer.namespaceSelector)
          : [namespace];
        for (const ns of namespaces) out.add(this.groupFor(ns, podSelector));
      }
    }
    return out;
  }

  private groupFor(namespace: string, selector: LabelSelector): string {
    const empty = isEmptySelector(selector);
    const id = empty
      ? `reach:namespace:${namespace}`
      : `reach:selector:${namespace}/${formatSelector(selector)}`;
    if (!this.groups.has(id)) {
      const group: ReachGroup = {
        id,
        kind: empty ? 'namespace' : 'selector',
        boundary: namespaceBoundaryId(namespace),
        members: [],
      };
      const selected = new Set(this.index.select(namespace, selector).map((pod) => pod.element));
      this.groups.set(id, { group, selected });
    }
    return id;
  }
}

function admitsEveryone(peer: NetworkPolicyPeer): boolean {
  return (
    peer.namespaceSelector !== undefined &&
    isEmptySelector(peer.namespaceSelector) &&
    (peer.podSelector === undefined || isEmptySelector(peer.podSelector))
  );
}

/** `policyTypes` left out means Ingress, plus Egress when the policy has egress rules. */
export function effectivePolicyTypes(policy: NetworkPolicyDef): ('Ingress' | 'Egress')[] {
  if (policy.policyTypes.length > 0) return policy.policyTypes;
  return policy.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** A selector in kubectl's syntax (`app=orders,tier in (back,data),!legacy`), for readable ids. */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.keys(selector.matchLabels)
    .sort()
    .map((key) => `${key}=${selector.matchLabels[key]}`);
  for (const e of selector.matchExpressions) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator.toLowerCase()} (${[...e.values].sort().join(',')})`);
  }
  return parts.join(',');
}
