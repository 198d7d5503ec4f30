import type { LabelSelector } from '../import/workload';
import { isEmptySelector, selectsPod } from './label-selectors';
import { addTo } from './multimap';

/** A Kubernetes workload element as selectors see it. */
export interface IndexedPod {
  element: string;
  namespace: string;
  labels: Record<string, string>;
  /** In the node's network namespace: NetworkPolicies do not apply to it. */
  hostNetwork: boolean;
}

/**
 * Pods by namespace and by `key=value` label, so that a selector is answered from the shortest
 * posting list of its `matchLabels` instead of a scan over every pod: with thousands of Services
 * and policies, scanning would be quadratic.
 */
export class PodIndex {
  private readonly byNamespace = new Map<string, IndexedPod[]>();
  private readonly byLabel = new Map<string, IndexedPod[]>();
  private readonly namespaceLabelsByName = new Map<string, Record<string, string>>();
  private readonly sortedNamespaces: string[];

  constructor(pods: IndexedPod[], namespaceLabels: Map<string, Record<string, string>>) {
    for (const pod of pods) {
      addTo(this.byNamespace, pod.namespace, pod);
      for (const key in pod.labels) addTo(this.byLabel, labelKey(pod.namespace, key, pod.labels[key]!), pod);
    }
    const names = new Set([...namespaceLabels.keys(), ...this.byNamespace.keys()]);
    for (const name of names) {
      // The API server adds this label to every namespace; policies select namespaces by it.
      this.namespaceLabelsByName.set(name, {
        ...namespaceLabels.get(name),
        'kubernetes.io/metadata.name': name,
      });
    }
    this.sortedNamespaces = [...names].sort();
  }

  namespaces(): string[] {
    return this.sortedNamespaces;
  }

  pods(namespace: string): IndexedPod[] {
    return this.byNamespace.get(namespace) ?? [];
  }

  /** Pods of one namespace that a selector matches, in input order. */
  select(namespace: string, selector: LabelSelector): IndexedPod[] {
    let candidates = this.pods(namespace);
    if (isEmptySelector(selector)) return candidates;
    for (const key in selector.matchLabels) {
      const posting = this.byLabel.get(labelKey(namespace, key, selector.matchLabels[key]!)) ?? [];
      if (posting.length < candidates.length) candidates = posting;
    }
    return candidates.filter((pod) => selectsPod(selector, pod.labels));
  }

  /** Namespaces whose labels a namespace selector matches. */
  selectNamespaces(selector: LabelSelector): string[] {
    return this.namespaces().filter((name) => selectsPod(selector, this.namespaceLabelsByName.get(name)!));
  }

  namespaceLabels(namespace: string): Record<string, string> {
    return this.namespaceLabelsByName.get(namespace) ?? { 'kubernetes.io/metadata.name': namespace };
  }
}

function labelKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}\u0000${value}`;
}
