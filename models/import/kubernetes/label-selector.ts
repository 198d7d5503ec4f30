import type { LabelSelector } from '../workload';
import type { ManifestReader, Mapping } from './manifest-reader';
import { fieldPath, itemPath } from './paths';

/** A `LabelSelector` (`matchLabels` and `matchExpressions`); undefined when `key` is unset. */
export function readLabelSelector(
  r: ManifestReader,
  parent: Mapping,
  key: string,
  parentPath: string,
): LabelSelector | undefined {
  const selector = r.mapping(parent, key, parentPath);
  if (!selector) return undefined;
  const path = fieldPath(parentPath, key);
  return {
    matchLabels: r.stringMap(selector, 'matchLabels', path),
    matchExpressions: readExpressions(r, selector, path),
  };
}

export function emptySelector(): LabelSelector {
  return { matchLabels: {}, matchExpressions: [] };
}

function readExpressions(
  r: ManifestReader,
  selector: Mapping,
  selectorPath: string,
): LabelSelector['matchExpressions'] {
  const list = r.list(selector, 'matchExpressions', selectorPath);
  if (!list) return [];
  const path = fieldPath(selectorPath, 'matchExpressions');
  const expressions: LabelSelector['matchExpressions'] = [];
  for (let i = 0; i < list.length; i++) {
    const item = r.mappingItem(list, i, path);
    if (!item) continue;
    const expressionPath = itemPath(path, i);
    const key = r.string(item, 'key', expressionPath);
    const operator = r.string(item, 'operator', expressionPath);
    if (!key || !operator) {
      r.invalidValue(r.itemAt(list, i, path), `${expressionPath} must have a key and an operator`);
      continue;
    }
    const values: string[] = [];
    const valueList = r.list(item, 'values', expressionPath);
    if (valueList) {
      const valuesPath = fieldPath(expressionPath, 'values');
      for (let j = 0; j < valueList.length; j++) {
        const value = r.stringItem(valueList, j, valuesPath);
        if (value !== undefined) values.push(value);
      }
    }
    expressions.push({ key, operator, values });
  }
  return expressions;
}
