// Golden ADTool files: test/fixtures/adtool/<case>/{input.xml, expected.json} (see the README there).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AdtoolDomainId } from '../../../../models/attack/evaluation/adtool-domains';
import { evaluateBottomUp } from '../../../../models/attack/evaluation/evaluate-bottom-up';
import { evaluateTree } from '../../../../models/attack/evaluation/evaluate-tree';
import { importAdtoolXml } from '../../../../models/attack/exchange/adtool-import';
import { isTreeShaped } from '../../../../models/attack/tree/is-tree-shaped';
import { attackList } from '../evaluation/helpers';

const root = join(__dirname, '../../../fixtures/adtool');

interface Expected {
  diagnostics: { code: string; line?: number; column?: number }[];
  goal?: string;
  nodes?: number;
  treeShaped?: boolean;
  bottomUp?: Partial<Record<AdtoolDomainId, number | string>>;
  exact?: { status?: string; minCost?: number | string; minTime?: number | string; probability?: number };
  attacks?: string[];
}

const value = (v: number | string): number => (v === 'Infinity' ? Infinity : Number(v));
const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe.each(cases)('ADTool fixture %s', (name) => {
  const input = readFileSync(join(root, name, 'input.xml'), 'utf8');
  const expected = JSON.parse(readFileSync(join(root, name, 'expected.json'), 'utf8')) as Expected;
  const result = importAdtoolXml(input, { file: `${name}.xml` });

  it('reports the expected diagnostics', () => {
    const actual = result.diagnostics.map((d, k) => {
      const want = expected.diagnostics[k];
      return want?.line === undefined ? { code: d.code } : { code: d.code, line: d.line, column: d.column };
    });
    expect(actual).toEqual(expected.diagnostics);
  });

  it('cites the file name', () => {
    expect(result.diagnostics.every((d) => d.file === `${name}.xml`)).toBe(true);
  });

  if (expected.goal === undefined) {
    it('gives no tree', () => {
      expect(result.tree).toBeUndefined();
    });
    return;
  }

  const tree = result.tree!;
  const evaluation = evaluateTree(tree);
  const goal = evaluation.goals.find((g) => g.id === expected.goal);

  it.each([
    ['goal', () => result.goal, expected.goal],
    ['node count', () => tree.nodes.size, expected.nodes],
    [
      'tree shape',
      () => (expected.treeShaped === undefined ? undefined : isTreeShaped(tree)),
      expected.treeShaped,
    ],
    ['attacks', () => (expected.attacks && goal ? attackList(goal) : undefined), expected.attacks],
    ['status', () => expected.exact?.status && goal?.status, expected.exact?.status],
  ])('%s', (_name, actual, wanted) => {
    expect(actual()).toEqual(wanted);
  });

  it.each(Object.entries(expected.bottomUp ?? {}))('bottom-up %s equals ADTool', (domain, v) => {
    const values = evaluateBottomUp(tree, domain as AdtoolDomainId).values;
    expect(values.get(result.goal!) as number).toBeCloseTo(value(v), 12);
  });

  it.each(Object.entries(expected.exact ?? {}).filter(([k]) => k !== 'status'))('exact %s', (metric, v) => {
    expect(goal!.metrics[metric as 'minCost']).toBeCloseTo(value(v as number), 12);
  });
});
