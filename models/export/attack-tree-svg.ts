import { NODE_TEXT, type NodeAppearance } from '../attack/explore/node-appearance';
import type { LaidOutGoal } from '../attack/explore/laid-out-goal';
import {
  HATCH_ID,
  HATCH_PATTERN,
  HIGHLIGHT_STYLE,
  LEGEND_SHAPES,
  LEGEND_STATUSES,
  nodeOutline,
  svgNumber as fmt,
  TONE_STYLE,
  type ToneStyle,
} from '../attack/explore/node-shapes';
import { escapeXml } from '../attack/exchange/xml-escape';

/**
 * A laid-out goal (see `models/attack/explore/`) as a standalone SVG: the explorer's "export as
 * SVG" and the tree images of the specification. Text is escaped XML, never markup, and the
 * picture carries its own legend, so it stands alone on a printed page. Status reads without
 * colour: open nodes are filled dark-on-light with a bold border, partially mitigated ones are
 * hatched, mitigated ones carry a check mark and a double border; inactive defences are dashed.
 */

export interface TreeSvgOptions {
  title?: string;
  /** Keys to emphasise (a minimal attack, the walkthrough's current step). */
  highlight?: ReadonlySet<string>;
  /** Adds the legend under the tree (default true). */
  legend?: boolean;
}

const LEGEND_HEIGHT = 92;

export function renderAttackTreeSvg(goal: LaidOutGoal, options: TreeSvgOptions = {}): string {
  const { layout, appearance } = goal;
  const legend = options.legend ?? true;
  const titleHeight = options.title ? 28 : 0;
  const width = Math.max(layout.width, legend ? 720 : 0);
  const height = layout.height + titleHeight + (legend ? LEGEND_HEIGHT : 0);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${fmt(width)}" height="${fmt(height)}" viewBox="0 0 ${fmt(width)} ${fmt(height)}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif" font-size="${NODE_TEXT.fontSize}">`,
  );
  out.push(
    `<defs><pattern id="${HATCH_ID}" width="${HATCH_PATTERN.size}" height="${HATCH_PATTERN.size}" patternUnits="userSpaceOnUse" patternTransform="rotate(${HATCH_PATTERN.angle})">` +
      `<rect width="${HATCH_PATTERN.size}" height="${HATCH_PATTERN.size}" fill="${HATCH_PATTERN.background}"/><line x1="0" y1="0" x2="0" y2="${HATCH_PATTERN.size}" stroke="${HATCH_PATTERN.line}" stroke-width="${HATCH_PATTERN.lineWidth}"/></pattern>` +
      '<marker id="rampart-arrow" viewBox="0 0 8 8" refX="8" refY="4" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#444"/></marker></defs>',
  );
  out.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  if (options.title)
    out.push(`<text x="16" y="20" font-size="15" font-weight="bold">${escapeXml(options.title)}</text>`);
  out.push(`<g transform="translate(0 ${titleHeight})">`);

  const edgeOf = new Map(goal.view.nodes.map((n) => [n.key, n.edge]));
  for (const edge of layout.edges) {
    const a = layout.boxes.get(edge.from)!;
    const b = layout.boxes.get(edge.to)!;
    const x1 = a.x + a.width / 2;
    const y1 = a.y + a.height;
    const x2 = b.x + b.width / 2;
    const y2 = b.y;
    const midY = (y1 + y2) / 2;
    const kind = edgeOf.get(edge.to);
    const dash =
      kind === 'defence' ? ' stroke-dasharray="6 3"' : kind === 'counter' ? ' stroke-dasharray="2 3"' : '';
    out.push(
      `<path d="M${fmt(x1)},${fmt(y1)} V${fmt(midY)} H${fmt(x2)} V${fmt(y2)}" fill="none" stroke="#444" stroke-width="1.2"${dash} marker-end="url(#rampart-arrow)"/>`,
    );
  }

  for (const node of goal.view.nodes) {
    const box = layout.boxes.get(node.key);
    const look = appearance.get(node.key);
    if (!box || !look) continue;
    const style = TONE_STYLE[look.tone];
    const strong = options.highlight?.has(node.key);
    out.push(`<g data-key="${escapeXml(node.key)}">`);
    out.push(shapePath(look, box.x, box.y, box.width, box.height, style, strong ?? false));
    if (look.tone === 'mitigated')
      out.push(
        `<text x="${fmt(box.x + box.width - 12)}" y="${fmt(box.y + 13)}" font-size="12" fill="#1e6b3a" font-weight="bold">✓</text>`,
      );
    const textTop =
      box.y + (box.height - look.lines.length * NODE_TEXT.lineHeight) / 2 + NODE_TEXT.lineHeight - 3;
    look.lines.forEach((line, i) => {
      out.push(
        `<text x="${fmt(box.x + box.width / 2)}" y="${fmt(textTop + i * NODE_TEXT.lineHeight)}" text-anchor="middle"${look.shape === 'goal' ? ' font-weight="bold"' : ''}>${escapeXml(line)}</text>`,
      );
    });
    if (look.gate && node.children.length > 1) {
      const tag = look.gate === 'SAND' ? 'SAND →' : look.gate;
      out.push(
        `<text x="${fmt(box.x + box.width / 2)}" y="${fmt(box.y + box.height + 12)}" text-anchor="middle" font-size="10" font-weight="bold" fill="#333">${tag}</text>`,
      );
    }
    if (node.collapsed && node.hidden > 0)
      out.push(
        `<text x="${fmt(box.x + box.width / 2)}" y="${fmt(box.y + box.height + 12)}" text-anchor="middle" font-size="10" fill="#333">+${node.hidden}</text>`,
      );
    out.push('</g>');
  }
  out.push('</g>');
  if (legend) out.push(renderLegend(16, titleHeight + layout.height + 8));
  out.push('</svg>');
  return out.join('\n') + '\n';
}

function shapePath(
  look: NodeAppearance,
  x: number,
  y: number,
  w: number,
  h: number,
  style: ToneStyle,
  strong: boolean,
): string {
  const paint = `fill="${style.fill}" stroke="${strong ? HIGHLIGHT_STYLE.stroke : style.stroke}" stroke-width="${strong ? HIGHLIGHT_STYLE.width : style.width}"`;
  const dash = (pattern: string | undefined) => (pattern ? ` stroke-dasharray="${pattern}"` : '');
  return nodeOutline(look.shape, x, y, w, h)
    .map((part) => {
      if (part.kind === 'path') return `<path d="${part.d}" ${paint}${dash(style.dash)}/>`;
      const box = `x="${fmt(part.x)}" y="${fmt(part.y)}" width="${fmt(part.width)}" height="${fmt(part.height)}" rx="${fmt(part.rx)}"`;
      if (part.inner) return `<rect ${box} fill="none" stroke="${style.stroke}" stroke-width="1"/>`;
      // One pattern per outline, the shape's own first (a reference to an inactive defence is
      // drawn as a reference, as on screen): an attribute written twice makes the file not XML,
      // and viewers then show nothing at all.
      return `<rect ${box} ${paint}${dash(part.dash ?? style.dash)}/>`;
    })
    .join('');
}

function renderLegend(x: number, y: number): string {
  const out: string[] = [`<g font-size="11">`];
  LEGEND_SHAPES.forEach(({ label, shape, tone }, i) => {
    const cx = x + (i % 4) * 176;
    const cy = y + Math.floor(i / 4) * 26;
    const look: NodeAppearance = { shape, lines: [], tone, width: 36, height: 18 };
    out.push(shapePath(look, cx, cy, 36, 18, TONE_STYLE[tone], false));
    out.push(`<text x="${fmt(cx + 42)}" y="${fmt(cy + 13)}">${escapeXml(label)}</text>`);
  });
  LEGEND_STATUSES.forEach(({ label, tone }, i) => {
    const cx = x + i * 176;
    const cy = y + 56;
    const look: NodeAppearance = { shape: 'step', lines: [], tone, width: 36, height: 18 };
    out.push(shapePath(look, cx, cy, 36, 18, TONE_STYLE[tone], false));
    out.push(`<text x="${fmt(cx + 42)}" y="${fmt(cy + 13)}">${escapeXml(label)}</text>`);
  });
  out.push('</g>');
  return out.join('\n');
}
