import { describe, expect, it } from 'vitest';
import { LEGEND_SHAPES, nodeOutline, svgNumber, TONE_STYLE } from '../../../../models/attack/explore';

describe('node shapes', () => {
  it('tells the kinds apart by outline', () => {
    const outline = (shape: Parameters<typeof nodeOutline>[0]) =>
      JSON.stringify(nodeOutline(shape, 0, 0, 100, 40));
    const shapes = ['goal', 'gate', 'step', 'assumption', 'defence', 'reference'] as const;
    expect(new Set(shapes.map(outline)).size).toBe(shapes.length);
    expect(nodeOutline('goal', 0, 0, 100, 40)).toHaveLength(2);
    expect(nodeOutline('assumption', 0, 0, 100, 40)[0]).toEqual({
      kind: 'path',
      d: 'M10,0 H90 L100,20 L90,40 H10 L0,20 Z',
    });
  });

  it('gives every status a look that does not rest on colour alone', () => {
    expect(TONE_STYLE.partial.fill).toMatch(/^url\(#/);
    expect(TONE_STYLE.inactive.dash).toBeDefined();
    expect(TONE_STYLE.open.width).toBeGreaterThan(TONE_STYLE.mitigated.width);
  });

  it('lists every legend entry once and rounds coordinates to one decimal', () => {
    expect(new Set(LEGEND_SHAPES.map((e) => e.id)).size).toBe(LEGEND_SHAPES.length);
    expect(svgNumber(1.26)).toBe('1.3');
    expect(svgNumber(4)).toBe('4');
  });
});
