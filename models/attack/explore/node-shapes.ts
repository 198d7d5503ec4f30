import type { NodeAppearance, NodeShape } from './node-appearance';

/**
 * The outline of every explorer node kind and the stroke/fill of every tone, shared by the
 * on-screen tree and the SVG export so both draw the same picture. Status never depends on colour
 * alone: open is a bold border, partially mitigated a hatch, mitigated a check mark, a missing
 * defence a dashed border.
 */
export interface ToneStyle {
  fill: string;
  stroke: string;
  dash?: string;
  width: number;
}

/** The id of the hatch pattern `partial` fills with; a drawing defines it once (`HATCH_PATTERN`). */
export const HATCH_ID = 'rampart-hatch';

export const TONE_STYLE: Record<NodeAppearance['tone'], ToneStyle> = {
  open: { fill: '#fde4e1', stroke: '#9b1c1c', width: 2.5 },
  partial: { fill: `url(#${HATCH_ID})`, stroke: '#8a5a00', width: 2 },
  mitigated: { fill: '#e3f4e8', stroke: '#1e6b3a', width: 1.5 },
  active: { fill: '#e3f4e8', stroke: '#1e6b3a', width: 2 },
  inactive: { fill: '#ffffff', stroke: '#555555', dash: '5 3', width: 1.5 },
  neutral: { fill: '#f2f2f2', stroke: '#555555', width: 1 },
};

/** The hatch of partially mitigated nodes. */
export const HATCH_PATTERN = {
  size: 6,
  angle: 45,
  background: '#fff3d6',
  line: '#c08a1a',
  lineWidth: 2,
} as const;

/** The stroke and width of an emphasised node (a highlighted attack, the current step). */
export const HIGHLIGHT_STYLE = { stroke: '#1d4ed8', width: 4 } as const;

/** One piece of a node's outline. `inner` is a thin second border (the goal's double frame),
 * drawn unfilled in the tone's stroke colour; `dash` is a dash pattern of the shape itself. */
export type OutlinePart =
  | {
      kind: 'rect';
      x: number;
      y: number;
      width: number;
      height: number;
      rx: number;
      dash?: string;
      inner?: true;
    }
  | { kind: 'path'; d: string };

/** The outline of a node of the given shape in the box (x, y, w, h). Goals are double-framed
 * boxes, sub-goals rounded boxes, steps square boxes, host facts hexagons, defences pills,
 * references and "more" nodes dashed pills. */
export function nodeOutline(shape: NodeShape, x: number, y: number, w: number, h: number): OutlinePart[] {
  switch (shape) {
    case 'assumption': {
      const i = 10;
      const n = svgNumber;
      return [
        {
          kind: 'path',
          d: `M${n(x + i)},${n(y)} H${n(x + w - i)} L${n(x + w)},${n(y + h / 2)} L${n(x + w - i)},${n(y + h)} H${n(x + i)} L${n(x)},${n(y + h / 2)} Z`,
        },
      ];
    }
    case 'defence':
      return [{ kind: 'rect', x, y, width: w, height: h, rx: h / 2 }];
    case 'more':
    case 'reference':
      return [{ kind: 'rect', x, y, width: w, height: h, rx: h / 2, dash: '3 2' }];
    case 'goal':
      return [
        { kind: 'rect', x, y, width: w, height: h, rx: 3 },
        { kind: 'rect', x: x + 3, y: y + 3, width: w - 6, height: h - 6, rx: 2, inner: true },
      ];
    case 'gate':
      return [{ kind: 'rect', x, y, width: w, height: h, rx: 8 }];
    default:
      return [{ kind: 'rect', x, y, width: w, height: h, rx: 1 }];
  }
}

/** Coordinates with at most one decimal: stable text, smaller files. */
export function svgNumber(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** The legend's entries: shapes, then statuses. Labels are message-free English used by the
 * export; the explorer words them through its catalogue by `id`. */
export const LEGEND_SHAPES: readonly {
  id: string;
  label: string;
  shape: NodeShape;
  tone: NodeAppearance['tone'];
}[] = [
  { id: 'goal', label: 'goal', shape: 'goal', tone: 'open' },
  { id: 'gate', label: 'sub-goal (OR/AND/SAND)', shape: 'gate', tone: 'open' },
  { id: 'step', label: 'attack step', shape: 'step', tone: 'open' },
  { id: 'assumption', label: 'host fact', shape: 'assumption', tone: 'neutral' },
  { id: 'defence-active', label: 'defence in place', shape: 'defence', tone: 'active' },
  { id: 'defence-inactive', label: 'defence missing', shape: 'defence', tone: 'inactive' },
  { id: 'reference', label: 'drawn in full elsewhere', shape: 'reference', tone: 'neutral' },
];

export const LEGEND_STATUSES: readonly { id: string; label: string; tone: NodeAppearance['tone'] }[] = [
  { id: 'open', label: 'open', tone: 'open' },
  { id: 'partial', label: 'partially mitigated', tone: 'partial' },
  { id: 'mitigated', label: 'mitigated ✓', tone: 'mitigated' },
];
