import type { NodeStatus } from '../evaluation/evaluation-types';
import type { Gate, TreeNode } from '../tree/attack-tree';
import type { ViewNode } from './goal-view';

/**
 * How an explorer node looks, shared by the on-screen tree and the SVG/PNG export so both draw
 * the same picture. Shapes tell the kinds apart without colour (ADTree convention: attacks as
 * boxes, defences as rounded "shields", host facts as hexagons, references as small pills), and
 * every status has a fill *and* a pattern/marker, so the tree still reads in greyscale on a
 * projector or a printed page.
 */
export type NodeShape = 'goal' | 'gate' | 'step' | 'assumption' | 'defence' | 'reference' | 'more';

export interface NodeAppearance {
  shape: NodeShape;
  /** The label broken into at most `MAX_LINES` lines. */
  lines: string[];
  /** Gate of goals and sub-goals, drawn as a mark under the box. */
  gate?: Gate;
  /** Status-driven look: `open`, `partial`, `mitigated`; defences: `active` / `inactive`. */
  tone: 'open' | 'partial' | 'mitigated' | 'active' | 'inactive' | 'neutral';
  width: number;
  height: number;
}

const CHARS_PER_LINE = 26;
const MAX_LINES = 3;
const LINE_HEIGHT = 15;
const CHAR_WIDTH = 6.6;
const PADDING_X = 14;
const PADDING_Y = 10;

/** Word-wraps a label; over-long words are cut, the last line ends in `…` when text remains. */
export function wrapLabel(label: string, perLine = CHARS_PER_LINE, maxLines = MAX_LINES): string[] {
  // Control characters would break the layout of a line (and mean nothing in a label).
  const words = label
    // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .split(/\s+/)
    .filter(Boolean);
  const lines: string[] = [];
  let line = '';
  let i = 0;
  for (; i < words.length; i++) {
    let word = words[i]!;
    if (word.length > perLine) word = `${word.slice(0, perLine - 1)}…`;
    const next = line ? `${line} ${word}` : word;
    if (next.length <= perLine) {
      line = next;
      continue;
    }
    lines.push(line);
    line = word;
    if (lines.length === maxLines) break;
  }
  if (lines.length < maxLines && line) {
    lines.push(line);
    line = '';
  }
  if (i < words.length || line) {
    const last = lines[maxLines - 1] ?? '';
    lines[maxLines - 1] = `${last.slice(0, perLine - 1)}…`;
  }
  return lines.length > 0 ? lines : [''];
}

function toneOf(node: TreeNode | undefined, status: NodeStatus | undefined): NodeAppearance['tone'] {
  if (node?.kind === 'defence') return node.active ? 'active' : 'inactive';
  if (status === 'open') return 'open';
  if (status === 'partially-mitigated') return 'partial';
  if (status === 'mitigated') return 'mitigated';
  return 'neutral';
}

export function appearanceOf(
  node: TreeNode | undefined,
  view: Pick<ViewNode, 'role' | 'status'>,
): NodeAppearance {
  const label = node?.label ?? '(missing node)';
  const tone = toneOf(node, view.status);
  if (view.role === 'reference') {
    const lines = wrapLabel(`↗ ${label}`, CHARS_PER_LINE, 1);
    return { shape: 'reference', lines, tone, width: widthFor(lines), height: LINE_HEIGHT + PADDING_Y };
  }
  const lines = wrapLabel(label);
  const height = lines.length * LINE_HEIGHT + 2 * PADDING_Y;
  const base = { lines, tone, width: widthFor(lines), height };
  switch (node?.kind) {
    case 'goal':
      return { ...base, shape: 'goal', gate: node.gate, height: height + 6 };
    case 'subgoal':
      return { ...base, shape: 'gate', gate: node.gate };
    case 'assumption':
      return { ...base, shape: 'assumption', width: base.width + 16 };
    case 'defence':
      return { ...base, shape: 'defence' };
    default:
      return { ...base, shape: 'step' };
  }
}

function widthFor(lines: readonly string[]): number {
  const longest = Math.max(8, ...lines.map((l) => l.length));
  return Math.round(longest * CHAR_WIDTH + 2 * PADDING_X);
}

export const NODE_TEXT = { lineHeight: LINE_HEIGHT, paddingY: PADDING_Y, fontSize: 12 } as const;
