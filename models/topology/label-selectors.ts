import type { LabelSelector } from '../import/workload';

/** The operators Kubernetes accepts in `matchExpressions`. */
export const SELECTOR_OPERATORS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * Whether a Kubernetes label selector matches a set of labels (pod or namespace labels), with the
 * API's semantics: all `matchLabels` pairs and all `matchExpressions` must hold; an empty selector
 * matches everything; `NotIn` and `DoesNotExist` hold when the key is absent. An unknown operator
 * matches nothing (the API server would reject the object).
 */
export function selectsPod(selector: LabelSelector, labels: Record<string, string>): boolean {
  for (const key in selector.matchLabels) {
    if (!Object.hasOwn(labels, key) || labels[key] !== selector.matchLabels[key]) return false;
  }
  for (const expression of selector.matchExpressions) {
    const present = Object.hasOwn(labels, expression.key);
    switch (expression.operator) {
      case 'In':
        if (!present || !expression.values.includes(labels[expression.key]!)) return false;
        break;
      case 'NotIn':
        if (present && expression.values.includes(labels[expression.key]!)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels).length === 0 && selector.matchExpressions.length === 0;
}

/** A Service's `selector` map as a label selector. */
export function selectorFromLabels(matchLabels: Record<string, string>): LabelSelector {
  return { matchLabels, matchExpressions: [] };
}
