import { describe, expect, it } from 'vitest';
import { buildGoalView, layOutGoalView } from '../../../models/attack/explore';
import { TreeBuilder } from '../../../models/attack/tree/tree-builder';
import { treeGraph } from '../../../models/attack/tree/tree-graph';
import { renderAttackTreeSvg } from '../../../models/export/attack-tree-svg';
import { elementsOf, parseXml } from '../../robustness/well-formed-xml';

describe('renderAttackTreeSvg', () => {
  // The defence counters two steps: drawn in full under the first, as a reference under the
  // second. A reference has a dashed outline of its own, and an inactive defence's tone is dashed.
  const tree = new TreeBuilder()
    .goal('g', 'OR', ['a', 'b'])
    .steps({ a: { cost: 1 }, b: { cost: 2 } })
    .defence('d', ['a', 'b'], { active: false, label: 'not in place' })
    .build();
  const view = buildGoalView(tree, treeGraph(tree), 'g');
  const svg = renderAttackTreeSvg(layOutGoalView(tree, view), { title: 'g' });

  it('draws a reference to an inactive defence with one dash pattern, so the file stays XML', () => {
    expect(view.nodes.filter((n) => n.node === 'd').map((n) => n.role)).toEqual(['full', 'reference']);
    const outlines = [...elementsOf(parseXml(svg))].filter((e) => e.name === 'rect');
    const dashes = outlines.map((e) => e.attributes.filter(([name]) => name === 'stroke-dasharray').length);
    expect(Math.max(...dashes)).toBe(1);
    // The reference keeps the reference's dashes, as the explorer draws it.
    expect(svg).toContain('stroke-dasharray="3 2"');
  });
});
