// Same input, same output — forty times (d3's determinism check).
import { describe, expect, it } from 'vitest';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import { whatIf } from '../../../../models/attack/evaluation/what-if';
import { snapshot } from './helpers';
import { generatedSystem, randomDag } from './random-trees';

describe('determinism', () => {
  it.each([
    ['a random DAG', () => randomDag(11, { steps: 9, gates: 14, assumptions: 3, defences: 6 })],
    ['a generated system', () => generatedSystem(2, 12)],
  ])('%s evaluates identically forty times', (_name, make) => {
    const first = snapshot(evaluateTree(make()));
    for (let k = 0; k < 40; k++) expect(snapshot(evaluateTree(make()))).toBe(first);
  });

  it('a what-if gives the same result forty times', () => {
    const t = generatedSystem(2, 12);
    const change = [{ kind: 'mitigation', mitigation: 'network-policy', active: true }] as const;
    const first = JSON.stringify(whatIf(t, evaluateTree(t), change).delta);
    for (let k = 0; k < 40; k++) expect(JSON.stringify(whatIf(t, evaluateTree(t), change).delta)).toBe(first);
  });
});
