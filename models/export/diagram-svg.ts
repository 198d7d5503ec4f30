import type { Severity } from '../conditions/condition-ids';
import { SEVERITY_ORDER } from '../conditions/condition-ids';
import {
  ELEMENT_KIND_LABELS,
  paletteOf,
  shapeOf,
  type ElementShape,
  type ShapePalette,
} from '../layout/element-shapes';
import type { DiagramGraph } from '../layout/layout-diagram';
import type { ModelLayout, Position } from '../model/threat-model';
import type { ElementKind } from '../topology/types';
import { oneLine, xmlText } from './specification/xml-text';

/** What the static diagram shows: the layout's graph plus what flows and boundaries say about
 * protection. `ThreatModel` and `Topology` fit; `crossesBoundary` is computed when absent. */
export interface DiagramInput extends DiagramGraph {
  elements: readonly { id: string; kind: string; name: string; boundary?: string }[];
  boundaries: readonly { id: string; name: string; parent?: string; kind?: string }[];
  flows: readonly {
    id: string;
    from: string;
    to: string;
    protocol?: string;
    port?: number;
    protection?: string;
    crossesBoundary?: boolean;
  }[];
}

/** The findings of one element, as its badge shows them. */
export interface ElementRisk {
  count: number;
  /** The worst severity among them. */
  severity: Severity;
}

export interface DiagramSvgOptions {
  /** Findings per element id: drawn as a badge on the element's corner. */
  risks?: Readonly<Record<string, ElementRisk>>;
  /** Draw the legend below the diagram (default true). */
  legend?: boolean;
  /** Accessible title of the image. */
  title?: string;
  /** Prefix of the ids inside the SVG (markers), so that several diagrams can share one page. */
  idPrefix?: string;
}

export const SEVERITY_COLOURS: Record<Severity, string> = {
  critical: '#7b0d0d',
  high: '#c0392b',
  medium: '#d68910',
  low: '#2e86c1',
  info: '#7f8c8d',
};

const FONT = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";
const MARGIN = 20;
const NAME_SIZE = 12;
/** Average advance of a character at 1px font size: a width estimate that needs no font metrics. */
const CHAR_WIDTH = 0.58;
const PARALLEL_GAP = 16;

type FlowStyle = 'protected' | 'plaintext' | 'unknown';

const FLOW_STROKES: Record<FlowStyle, { colour: string; dash?: string; label: string }> = {
  protected: { colour: '#2f5d8a', label: 'Protected flow (TLS, mTLS, IPsec)' },
  plaintext: { colour: '#c0392b', dash: '7 4', label: 'Plaintext flow' },
  unknown: { colour: '#7f8c8d', dash: '2 3', label: 'Protection unknown' },
};
const CROSSING_HALO = '#f5b041';

/**
 * The diagram as a standalone SVG document: trust boundaries as dashed nested boxes with their
 * names, elements in their kind's shape (`ELEMENT_SHAPES`) with their names, flows as arrows
 * labelled `protocol:port` and their protection, boundary-crossing flows drawn over a halo,
 * plaintext flows dashed red, an optional badge with the number and worst severity of each
 * element's findings, and a legend. Every user string is escaped; the output depends only on the
 * arguments.
 */
export function renderDiagramSvg(
  input: DiagramInput,
  layout: ModelLayout,
  options: DiagramSvgOptions = {},
): string {
  const prefix = (options.idPrefix ?? 'rampart-diagram').replace(/[^A-Za-z0-9_-]/g, '-');
  const positions = layout.positions;
  const elements = [...input.elements].filter((e) => positions[e.id]).sort((a, b) => compare(a.id, b.id));
  const rects = new Map(elements.map((e) => [e.id, rectOf(positions[e.id]!, shapeOf(e.kind))]));
  const boundaries = [...input.boundaries]
    .filter((b) => positions[b.id]?.width !== undefined)
    .sort((a, b) => depth(a.id, input.boundaries) - depth(b.id, input.boundaries) || compare(a.id, b.id));
  const innermost = new Map(input.elements.map((e) => [e.id, e.boundary]));
  const flows = [...input.flows]
    .filter((f) => rects.has(f.from) && rects.has(f.to) && f.from !== f.to)
    .sort((a, b) => compare(a.id, b.id));

  const all: Rect[] = [...rects.values(), ...boundaries.map((b) => rectOf(positions[b.id]!))];
  const minX = Math.min(0, ...all.map((r) => r.x)) - MARGIN;
  const minY = Math.min(0, ...all.map((r) => r.y)) - MARGIN;
  const maxX = Math.max(0, ...all.map((r) => r.x + r.width)) + MARGIN;
  const maxY = Math.max(0, ...all.map((r) => r.y + r.height)) + MARGIN;
  const width = Math.max(maxX - minX, 320);

  const body: string[] = [];
  const boundaryLabels: string[] = [];
  for (const b of boundaries) {
    const drawn = boundarySvg(b, rectOf(positions[b.id]!));
    body.push(drawn.box);
    boundaryLabels.push(drawn.label);
  }

  // Parallel flows between the same two elements are spread apart so each arrow stays visible.
  const pairs = new Map<string, string[]>();
  for (const f of flows) {
    const key = f.from < f.to ? `${f.from}\u0000${f.to}` : `${f.to}\u0000${f.from}`;
    pairs.set(key, [...(pairs.get(key) ?? []), f.id]);
  }
  const lines: string[] = [];
  const labels: string[] = [];
  for (const f of flows) {
    const key = f.from < f.to ? `${f.from}\u0000${f.to}` : `${f.to}\u0000${f.from}`;
    const siblings = pairs.get(key)!;
    const offset = (siblings.indexOf(f.id) - (siblings.length - 1) / 2) * PARALLEL_GAP;
    const crosses = f.crossesBoundary ?? innermost.get(f.from) !== innermost.get(f.to);
    const drawn = flowSvg(f, rects.get(f.from)!, rects.get(f.to)!, offset, crosses, prefix);
    lines.push(drawn.line);
    labels.push(drawn.label);
  }
  body.push(...lines);
  // Names of boundaries above the flows that pass over them, below the elements.
  body.push(...boundaryLabels);
  for (const e of elements) body.push(elementSvg(e, rects.get(e.id)!, options.risks?.[e.id]));
  body.push(...labels);

  let height = maxY - minY;
  if (options.legend ?? true) {
    const legend = legendSvg(
      elements.map((e) => e.kind),
      boundaries.length > 0,
      options.risks ? Object.values(options.risks).map((r) => r.severity) : [],
      width - 2 * MARGIN,
      prefix,
    );
    body.push(`<g transform="translate(${n(minX + MARGIN)} ${n(maxY)})">${legend.svg}</g>`);
    height += legend.height + MARGIN;
  }

  const title = xmlText(oneLine(options.title ?? 'Architecture diagram'));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="${n(minX)} ${n(minY)} ${n(width)} ${n(height)}" role="img" aria-label="${title}" font-family="${xmlText(FONT)}">`,
    `<title>${title}</title>`,
    `<defs>${markers(prefix)}</defs>`,
    `<rect x="${n(minX)}" y="${n(minY)}" width="${n(width)}" height="${n(height)}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

function rectOf(position: Position, shape?: ElementShape): Rect {
  return {
    x: position.x,
    y: position.y,
    width: position.width ?? shape?.width ?? 0,
    height: position.height ?? shape?.height ?? 0,
  };
}

function depth(id: string, boundaries: DiagramInput['boundaries']): number {
  const byId = new Map(boundaries.map((b) => [b.id, b]));
  let d = 0;
  const seen = new Set<string>();
  for (let b = byId.get(id); b?.parent && !seen.has(b.id); b = byId.get(b.parent)) {
    seen.add(b.id);
    d++;
  }
  return d;
}

function boundarySvg(boundary: DiagramInput['boundaries'][number], r: Rect): { box: string; label: string } {
  const kind = boundary.kind ? ` (${boundary.kind})` : '';
  const label = fit(`${oneLine(boundary.name)}${kind}`, r.width - 16, 11);
  const id = xmlText(boundary.id);
  return {
    box: `<g class="boundary" data-id="${id}"><rect x="${n(r.x)}" y="${n(r.y)}" width="${n(r.width)}" height="${n(r.height)}" rx="6" fill="#fbfbfd" fill-opacity="0.6" stroke="#6c6c80" stroke-width="1.2" stroke-dasharray="8 5"/></g>`,
    label:
      `<g class="boundary-label" data-id="${id}"><rect x="${n(r.x + 4)}" y="${n(r.y + 3)}" width="${n(textWidth(label, 11) + 8)}" height="16" rx="3" fill="#ffffff" fill-opacity="0.9"/>` +
      `<text x="${n(r.x + 8)}" y="${n(r.y + 15)}" font-size="11" font-weight="bold" fill="#4a4a5c">${xmlText(label)}</text></g>`,
  };
}

function elementSvg(
  element: DiagramInput['elements'][number],
  r: Rect,
  risk: ElementRisk | undefined,
): string {
  const shape = shapeOf(element.kind);
  const palette = paletteOf(element.kind);
  const sx = r.width / shape.width;
  const sy = r.height / shape.height;
  const scale = sx === 1 && sy === 1 ? '' : ` scale(${n(sx)} ${n(sy)})`;
  const parts = shape.parts.map((p) => partSvg(p.d, p.role, palette)).join('');
  const lx = r.x + shape.label.x * sx;
  const ly = r.y + shape.label.y * sy;
  const lw = shape.label.width * sx;
  const lh = shape.label.height * sy;
  const lines = wrap(oneLine(element.name), lw, NAME_SIZE);
  const lineHeight = NAME_SIZE * 1.2;
  const top = ly + lh / 2 - (lines.length * lineHeight) / 2 + NAME_SIZE * 0.9;
  const text = lines
    .map(
      (line, i) =>
        `<text x="${n(lx + lw / 2)}" y="${n(top + i * lineHeight)}" font-size="${NAME_SIZE}" text-anchor="middle" fill="${palette.text}">${xmlText(line)}</text>`,
    )
    .join('');
  const badge = risk && risk.count > 0 ? badgeSvg(r.x + r.width - 4, r.y + 2, risk) : '';
  return `<g class="element" data-id="${xmlText(element.id)}"><g transform="translate(${n(r.x)} ${n(r.y)})${scale}">${parts}</g>${text}${badge}</g>`;
}

function partSvg(d: string, role: 'body' | 'shade' | 'line', palette: ShapePalette): string {
  const fill = role === 'body' ? palette.fill : role === 'shade' ? palette.shade : 'none';
  return `<path d="${d}" fill="${fill}" stroke="${palette.stroke}" stroke-width="1.4" stroke-linejoin="round"/>`;
}

function badgeSvg(cx: number, cy: number, risk: ElementRisk): string {
  const text = risk.count > 99 ? '99+' : String(risk.count);
  const rx = Math.max(10, 4 + text.length * 3.5);
  return (
    `<g class="risk" data-severity="${risk.severity}">` +
    `<rect x="${n(cx - rx)}" y="${n(cy - 10)}" width="${n(2 * rx)}" height="20" rx="10" fill="${SEVERITY_COLOURS[risk.severity]}" stroke="#ffffff" stroke-width="1.5"/>` +
    `<text x="${n(cx)}" y="${n(cy + 4)}" font-size="11" font-weight="bold" text-anchor="middle" fill="#ffffff">${text}</text>` +
    `<title>${risk.count} finding${risk.count === 1 ? '' : 's'}, worst ${risk.severity}</title></g>`
  );
}

function flowStyle(protection: string | undefined): FlowStyle {
  if (protection === 'tls' || protection === 'mtls' || protection === 'ipsec') return 'protected';
  if (protection === 'none') return 'plaintext';
  return 'unknown';
}

const PROTECTION_WORDS: Record<string, string> = {
  tls: 'TLS',
  mtls: 'mTLS',
  ipsec: 'IPsec',
  none: 'plaintext',
};

function flowSvg(
  flow: DiagramInput['flows'][number],
  from: Rect,
  to: Rect,
  offset: number,
  crosses: boolean,
  prefix: string,
): { line: string; label: string } {
  const a = centre(from);
  const b = centre(to);
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = Math.hypot(dx, dy) || 1;
  // The perpendicular, oriented the same way for both directions of a pair.
  const sign = flow.from < flow.to ? 1 : -1;
  const ox = (-dy / length) * offset * sign;
  const oy = (dx / length) * offset * sign;
  const start = clip({ x: a.x + ox, y: a.y + oy }, { x: b.x + ox, y: b.y + oy }, from);
  const end = clip({ x: b.x + ox, y: b.y + oy }, { x: a.x + ox, y: a.y + oy }, to);
  const style = flowStyle(flow.protection);
  const stroke = FLOW_STROKES[style];
  const d = `M${n(start.x)} ${n(start.y)}L${n(end.x)} ${n(end.y)}`;
  const halo = crosses
    ? `<path d="${d}" stroke="${CROSSING_HALO}" stroke-opacity="0.45" stroke-width="8" fill="none" stroke-linecap="round"/>`
    : '';
  const dash = stroke.dash ? ` stroke-dasharray="${stroke.dash}"` : '';
  const line =
    `<g class="flow" data-id="${xmlText(flow.id)}" data-protection="${xmlText(flow.protection ?? 'unknown')}"${crosses ? ' data-crosses-boundary="true"' : ''}>` +
    `${halo}<path d="${d}" stroke="${stroke.colour}" stroke-width="${crosses ? 2 : 1.4}"${dash} fill="none" marker-end="url(#${prefix}-arrow-${style})"/></g>`;

  const endpoint = `${oneLine(flow.protocol ?? '')}${flow.port !== undefined ? `:${flow.port}` : ''}`;
  const protection = PROTECTION_WORDS[flow.protection ?? ''] ?? 'protection unknown';
  const texts = [fit(endpoint || 'flow', 150, 10), protection];
  const mx = (start.x + end.x) / 2;
  const my = (start.y + end.y) / 2;
  const w = Math.max(...texts.map((t) => textWidth(t, 10))) + 8;
  const h = texts.length * 12 + 4;
  const label =
    `<g class="flow-label"><rect x="${n(mx - w / 2)}" y="${n(my - h / 2)}" width="${n(w)}" height="${n(h)}" rx="3" fill="#ffffff" fill-opacity="0.88" stroke="${stroke.colour}" stroke-width="0.6"/>` +
    texts
      .map(
        (t, i) =>
          `<text x="${n(mx)}" y="${n(my - h / 2 + 12 + i * 12)}" font-size="10" text-anchor="middle" fill="${i === 1 && style === 'plaintext' ? stroke.colour : '#333333'}"${i === 1 && style === 'plaintext' ? ' font-weight="bold"' : ''}>${xmlText(t)}</text>`,
      )
      .join('') +
    '</g>';
  return { line, label };
}

function centre(r: Rect): { x: number; y: number } {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/** Where the segment from `inside` towards `outside` leaves the rectangle. */
function clip(inside: { x: number; y: number }, outside: { x: number; y: number }, r: Rect) {
  const dx = outside.x - inside.x;
  const dy = outside.y - inside.y;
  const cx = r.x + r.width / 2;
  const cy = r.y + r.height / 2;
  const tx = dx === 0 ? Infinity : (dx > 0 ? r.x + r.width - inside.x : r.x - inside.x) / dx;
  const ty = dy === 0 ? Infinity : (dy > 0 ? r.y + r.height - inside.y : r.y - inside.y) / dy;
  const t = Math.max(0, Math.min(tx, ty, 1));
  const point = { x: inside.x + dx * t, y: inside.y + dy * t };
  // A point that started outside its own box (a large offset) stays where it is.
  return Math.abs(point.x - cx) <= r.width && Math.abs(point.y - cy) <= r.height ? point : inside;
}

function markers(prefix: string): string {
  return (Object.keys(FLOW_STROKES) as FlowStyle[])
    .map(
      (style) =>
        `<marker id="${prefix}-arrow-${style}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10Z" fill="${FLOW_STROKES[style].colour}"/></marker>`,
    )
    .join('');
}

function legendSvg(
  kindsShown: string[],
  hasBoundaries: boolean,
  severities: Severity[],
  maxWidth: number,
  prefix: string,
): { svg: string; height: number } {
  const items: { width: number; draw: (x: number, y: number) => string }[] = [];
  const kinds = (Object.keys(ELEMENT_KIND_LABELS) as ElementKind[]).filter((k) => kindsShown.includes(k));
  for (const kind of kinds) {
    const label = ELEMENT_KIND_LABELS[kind];
    items.push({
      width: 44 + textWidth(label, 10) + 16,
      draw: (x, y) => {
        const shape = shapeOf(kind);
        const s = Math.min(36 / shape.width, 22 / shape.height);
        const parts = shape.parts.map((p) => partSvg(p.d, p.role, paletteOf(kind))).join('');
        return (
          `<g transform="translate(${n(x)} ${n(y + 11 - (shape.height * s) / 2)}) scale(${n(s)})">${parts}</g>` +
          `<text x="${n(x + 44)}" y="${n(y + 15)}" font-size="10" fill="#333333">${label}</text>`
        );
      },
    });
  }
  if (hasBoundaries) {
    items.push({
      width: 44 + textWidth('Trust boundary', 10) + 16,
      draw: (x, y) =>
        `<rect x="${n(x)}" y="${n(y + 2)}" width="36" height="18" rx="4" fill="none" stroke="#6c6c80" stroke-width="1.2" stroke-dasharray="6 4"/>` +
        `<text x="${n(x + 44)}" y="${n(y + 15)}" font-size="10" fill="#333333">Trust boundary</text>`,
    });
  }
  for (const style of Object.keys(FLOW_STROKES) as FlowStyle[]) {
    const s = FLOW_STROKES[style];
    items.push({
      width: 44 + textWidth(s.label, 10) + 16,
      draw: (x, y) =>
        `<path d="M${n(x)} ${n(y + 11)}H${n(x + 34)}" stroke="${s.colour}" stroke-width="1.4"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''} fill="none" marker-end="url(#${prefix}-arrow-${style})"/>` +
        `<text x="${n(x + 44)}" y="${n(y + 15)}" font-size="10" fill="#333333">${s.label}</text>`,
    });
  }
  items.push({
    width: 44 + textWidth('Crosses a trust boundary', 10) + 16,
    draw: (x, y) =>
      `<path d="M${n(x)} ${n(y + 11)}H${n(x + 34)}" stroke="${CROSSING_HALO}" stroke-opacity="0.45" stroke-width="8" stroke-linecap="round"/>` +
      `<path d="M${n(x)} ${n(y + 11)}H${n(x + 34)}" stroke="#555555" stroke-width="2"/>` +
      `<text x="${n(x + 44)}" y="${n(y + 15)}" font-size="10" fill="#333333">Crosses a trust boundary</text>`,
  });
  for (const severity of SEVERITY_ORDER.filter((s) => severities.includes(s))) {
    const label = `Findings, worst ${severity}`;
    items.push({
      width: 30 + textWidth(label, 10) + 16,
      draw: (x, y) =>
        `<rect x="${n(x + 2)}" y="${n(y + 1)}" width="20" height="20" rx="10" fill="${SEVERITY_COLOURS[severity]}"/>` +
        `<text x="${n(x + 12)}" y="${n(y + 15)}" font-size="11" font-weight="bold" text-anchor="middle" fill="#ffffff">n</text>` +
        `<text x="${n(x + 30)}" y="${n(y + 15)}" font-size="10" fill="#333333">${label}</text>`,
    });
  }
  const out: string[] = [`<text x="0" y="14" font-size="11" font-weight="bold" fill="#333333">Legend</text>`];
  let x = 0;
  let y = 22;
  for (const item of items) {
    if (x > 0 && x + item.width > maxWidth) {
      x = 0;
      y += 28;
    }
    out.push(item.draw(x, y));
    x += item.width;
  }
  return { svg: `<g class="legend">${out.join('')}</g>`, height: y + 28 };
}

function textWidth(text: string, size: number): number {
  return [...text].length * size * CHAR_WIDTH;
}

/** The text, cut with an ellipsis to fit `width`. */
function fit(text: string, width: number, size: number): string {
  const max = Math.max(1, Math.floor(width / (size * CHAR_WIDTH)));
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/** Up to two lines: broken after a separator where possible, the rest cut with an ellipsis. */
function wrap(text: string, width: number, size: number): string[] {
  const max = Math.max(1, Math.floor(width / (size * CHAR_WIDTH)));
  const chars = [...text];
  if (chars.length <= max) return [text];
  let cut = -1;
  for (let i = Math.min(max, chars.length - 1); i > max / 3; i--) {
    if (/[\s./:_-]/.test(chars[i - 1]!)) {
      cut = i;
      break;
    }
  }
  if (cut < 0) cut = max;
  const first = chars.slice(0, cut).join('').trimEnd();
  return [first, fit(chars.slice(cut).join('').trimStart(), width, size)];
}

function n(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
