import { createEmptyModel, type IdGenerator } from '../../model/create-model';
import type {
  MitigationStateEdit,
  ModelBoundary,
  ModelElement,
  ModelFlow,
  ModelLayout,
  ModelNote,
  Position,
  ThreatModel,
} from '../../model/threat-model';
import {
  compareDiagnostics,
  diagnosticAt,
  type Diagnostic,
  type DiagnosticSpec,
} from '../../source/diagnostic';
import type { SourceRef } from '../../source/source-ref';
import { SourceText } from '../../source/source-text';
import { parseYaml } from '../../yaml/parse-yaml';
import { LocatedReader } from '../located-reader';
import { THREAT_DRAGON_DIAGNOSTICS as D } from './diagnostics';
import { mitigationOfThreat, stateOfThreat, type TargetKind } from './threat-mapping';

/**
 * Opening a Threat Dragon v2 model (OWASP Threat Dragon's JSON; v1 files are read where their
 * shapes agree):
 *
 *   importThreatDragon(text, fileName, { newId, now }) → { model?, layout?, diagnostics }
 *
 * | Threat Dragon                          | Rampart                                                  |
 * |----------------------------------------|----------------------------------------------------------|
 * | `summary.title`, `description`, `owner`, contributors | name, description, document authors       |
 * | `process`                              | element `service`                                        |
 * | `store`                                | element `data-store`                                     |
 * | `actor`                                | element `external`                                       |
 * | `flow` (edge between two elements)     | flow: `protocol` (a port written in it, `HTTPS:443`, is read), `isEncrypted` → `tls` (`none` when false, `unknown` when absent), `isBidirectional` → a second flow back (`<id>:reverse`, or `<id>:reverse~2`… when a cell has that id) |
 * | `trust-boundary-box`                   | boundary `network`; elements inside it (by their centre) belong to the innermost box, boxes nest likewise |
 * | `trust-boundary-curve`                 | boundary `network` without members or position           |
 * | `td-text-block`                        | appended to the model description                        |
 * | `outOfScope` + `reasonOutOfScope`      | a note on the element                                    |
 * | threats                                | notes, and mitigation-state edits (see `threat-mapping.ts`) |
 * | cell `position`/`size`, several diagrams | layout positions; diagrams placed side by side, left to right; a negative size counts as none, a coordinate moved past the largest number as no position |
 *
 * Everything is `origin: 'user'`: a drawing, not configuration, so re-importing configs never
 * removes it. Cell ids are kept, except `__proto__`, which cannot key a diagram position: that
 * cell is named by its place in the file, as a cell without an id is. Fields the schema requires
 * but the file lacks, and fields it does not define, are reported with their JSON path, line and
 * column. Never throws.
 */

export interface ThreatDragonImportOptions {
  newId: IdGenerator;
  /** ISO 8601 time stamped on the notes and edits made from threats. */
  now: string;
}

export interface ThreatDragonImport {
  model?: ThreatModel;
  layout?: ModelLayout;
  diagnostics: Diagnostic[];
}

type Json = Record<string, unknown>;

const ROOT_FIELDS = ['version', 'summary', 'detail', 'release_version', 'released_at'];
const SUMMARY_FIELDS = ['title', 'owner', 'description', 'id'];
const DETAIL_FIELDS = ['contributors', 'reviewer', 'diagramTop', 'threatTop', 'diagrams'];
const DIAGRAM_FIELDS = [
  'id',
  'title',
  'version',
  'diagramType',
  'thumbnail',
  'description',
  'placeholder',
  'cells',
  'diagramJson',
  'size',
];
const CELL_FIELDS = [
  'id',
  'shape',
  'zIndex',
  'position',
  'size',
  'attrs',
  'ports',
  'visible',
  'data',
  'source',
  'target',
  'vertices',
  'connector',
  'labels',
  'width',
  'height',
  'angle',
  'router',
  'tools',
  'threats',
  'type',
  'parent',
];
const DATA_FIELDS = [
  'type',
  'name',
  'description',
  'outOfScope',
  'reasonOutOfScope',
  'hasOpenThreats',
  'isTrustBoundary',
  'threats',
  'threatFrequency',
  'providesAuthentication',
  'privilegeLevel',
  'handlesCardPayment',
  'handlesGoodsOrServices',
  'isWebApplication',
  'isALog',
  'isEncrypted',
  'isSigned',
  'storesCredentials',
  'storesInventory',
  'protocol',
  'isPublicNetwork',
  'isBidirectional',
  'trustBoundaryIds',
  'containedElements',
  'crossingFlows',
];
const THREAT_FIELDS = [
  'id',
  'threatId',
  'number',
  'title',
  'type',
  'modelType',
  'status',
  'severity',
  'score',
  'description',
  'mitigation',
  'new',
];

const SHAPES: Record<string, TargetKind | 'box' | 'curve' | 'text'> = {
  actor: 'actor',
  process: 'process',
  store: 'store',
  flow: 'flow',
  'trust-boundary-box': 'box',
  'trust-boundary-curve': 'curve',
  // The misspelt name some early v2 files carry.
  'trust-broundary-curve': 'curve',
  'td-text-block': 'text',
  // Threat Dragon v1 (jointjs) types.
  'tm.Actor': 'actor',
  'tm.Process': 'process',
  'tm.Store': 'store',
  'tm.Flow': 'flow',
  'tm.Boundary': 'curve',
  'tm.BoundaryBox': 'box',
  'tm.Text': 'text',
};

const DEFAULT_SIZE: Record<string, { width: number; height: number }> = {
  actor: { width: 150, height: 80 },
  process: { width: 100, height: 100 },
  store: { width: 150, height: 75 },
  box: { width: 500, height: 300 },
};

const GAP_BETWEEN_DIAGRAMS = 200;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A width or height the layout can keep: finite and not negative. */
function extent(value: unknown): number | undefined {
  const n = finite(value);
  return n !== undefined && n >= 0 ? n : undefined;
}

/** The one cell id that cannot key the layout's positions (see `readCell`). */
const RESERVED_ID = '__proto__';

interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  private readonly located: LocatedReader;

  constructor(
    private readonly source: SourceText,
    located: LocatedReader,
  ) {
    this.located = located;
  }

  report(spec: DiagnosticSpec, message: string, at: SourceRef): void {
    this.diagnostics.push(diagnosticAt(spec, message, at, this.source));
  }

  at(mapping: unknown, key: string | undefined, path: string): SourceRef {
    return key === undefined ? this.located.node(mapping, path) : this.located.key(mapping, key, path);
  }

  /** Reports required fields that are missing and fields the schema does not define. */
  check(value: Json, path: string, known: readonly string[], required: readonly string[]): void {
    for (const key of required) {
      if (value[key] === undefined || value[key] === null)
        this.report(
          D.TD_MISSING_FIELD,
          `${path}: \`${key}\` is missing`,
          this.at(value, undefined, `${path}.${key}`),
        );
    }
    for (const key of Object.keys(value)) {
      if (!known.includes(key))
        this.report(
          D.TD_UNKNOWN_FIELD,
          `${path}.${key}: not a Threat Dragon v2 field; ignored`,
          this.at(value, key, `${path}.${key}`),
        );
    }
  }
}

export function importThreatDragon(
  fileText: string,
  fileName: string,
  options: ThreatDragonImportOptions,
): ThreatDragonImport {
  const source = new SourceText(fileName, fileText);
  const parsed = parseYaml(source);
  const reader = new Reader(source, new LocatedReader(source, parsed.locations));
  const root = parsed.documents[0]?.value;
  const start = { file: fileName, line: 1, column: 1 };
  if (
    parsed.diagnostics.some((d) => d.severity === 'error') ||
    !isRecord(root) ||
    !fileText.trimStart().startsWith('{')
  ) {
    const first = parsed.diagnostics.find((d) => d.severity === 'error');
    return {
      diagnostics: [
        diagnosticAt(
          D.TD_NOT_JSON,
          first ? `invalid JSON: ${first.message.replace(/^invalid YAML: /, '')}` : 'expected a JSON object',
          first ?? start,
          source,
        ),
      ],
    };
  }
  const detail = root.detail;
  if (!isRecord(root.summary) || !isRecord(detail) || !Array.isArray(detail.diagrams)) {
    return {
      diagnostics: [
        diagnosticAt(
          D.TD_NOT_THREAT_DRAGON,
          'expected `summary` and `detail.diagrams` of a Threat Dragon model',
          start,
          source,
        ),
      ],
    };
  }
  const version = text(root.version);
  const v1 = version === undefined || version.startsWith('1.');
  if (v1)
    reader.report(
      D.TD_VERSION_1,
      `version ${version ?? '(none)'}: read as Threat Dragon v1`,
      reader.at(root, 'version', 'version'),
    );
  reader.check(root, '$', ROOT_FIELDS, v1 ? [] : ['version']);
  const summary = root.summary;
  reader.check(summary, 'summary', SUMMARY_FIELDS, ['title']);
  reader.check(
    detail,
    'detail',
    DETAIL_FIELDS,
    v1 ? ['diagrams'] : ['contributors', 'diagrams', 'diagramTop', 'reviewer', 'threatTop'],
  );

  const model = createEmptyModel(options.newId, text(summary.title) || 'Threat Dragon model');
  const descriptions = [text(summary.description) ?? ''];
  const contributors = Array.isArray(detail.contributors)
    ? detail.contributors.map((c) => (isRecord(c) ? text(c.name) : text(c))).filter((n): n is string => !!n)
    : [];
  const owner = text(summary.owner);
  model.document.authors = [...new Set([...(owner ? [owner] : []), ...contributors])];

  const state = new ImportState(reader, options, descriptions);
  let left: number | undefined;
  detail.diagrams.forEach((diagram, index) => {
    const path = `detail.diagrams[${index}]`;
    if (!isRecord(diagram)) {
      reader.report(
        D.TD_WRONG_TYPE,
        `${path}: expected an object`,
        reader.at(detail.diagrams, undefined, path),
      );
      return;
    }
    reader.check(diagram, path, DIAGRAM_FIELDS, v1 ? ['title'] : ['id', 'title', 'version']);
    const cells = Array.isArray(diagram.cells)
      ? diagram.cells
      : isRecord(diagram.diagramJson) && Array.isArray(diagram.diagramJson.cells)
        ? diagram.diagramJson.cells
        : [];
    const cellsPath = Array.isArray(diagram.cells) ? `${path}.cells` : `${path}.diagramJson.cells`;
    left = state.readDiagram(cells, cellsPath, left) + GAP_BETWEEN_DIAGRAMS;
  });
  state.finishFlows();
  state.resolveBoundaries();

  const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const result: ThreatModel = {
    ...model,
    description: descriptions.filter((d) => d.trim() !== '').join('\n\n'),
    elements: state.elements.sort(byId),
    boundaries: state.boundaries.sort(byId),
    flows: state.flows.filter((f) => state.hasElement(f.from) && state.hasElement(f.to)).sort(byId),
    mitigationStates: state.edits.sort((a, b) =>
      a.target < b.target
        ? -1
        : a.target > b.target
          ? 1
          : a.mitigation < b.mitigation
            ? -1
            : a.mitigation > b.mitigation
              ? 1
              : 0,
    ),
    notes: state.notes.sort(byId),
  };
  return {
    model: result,
    layout: { positions: state.positions },
    diagnostics: reader.diagnostics.sort(compareDiagnostics),
  };
}

class ImportState {
  readonly elements: ModelElement[] = [];
  readonly boundaries: ModelBoundary[] = [];
  readonly flows: ModelFlow[] = [];
  readonly edits: MitigationStateEdit[] = [];
  readonly notes: ModelNote[] = [];
  readonly positions = Object.create(null) as Record<string, Position>;
  private readonly ids = new Set<string>();
  private readonly boxes: Box[] = [];
  private readonly edited = new Set<string>();
  /** Flows whose way back is added once every cell id is known (see `finishFlows`). */
  private readonly bidirectional: ModelFlow[] = [];
  /** The id given to the (first) cell whose id was `__proto__`. */
  private reservedCell: string | undefined;

  constructor(
    private readonly reader: Reader,
    private readonly options: ThreatDragonImportOptions,
    private readonly descriptions: string[],
  ) {}

  hasElement(id: string): boolean {
    return this.elements.some((e) => e.id === id);
  }

  /** Reads one diagram's cells. The first keeps its coordinates; each later one is moved so that
   * its left edge is at `left`. Returns the diagram's right edge. */
  readDiagram(cells: unknown[], path: string, left: number | undefined): number {
    let minX = Infinity;
    let maxX = -Infinity;
    for (const cell of cells) {
      if (!isRecord(cell)) continue;
      const x = finite(isRecord(cell.position) ? cell.position.x : undefined);
      if (x === undefined) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x + (extent(isRecord(cell.size) ? cell.size.width : undefined) ?? 0));
    }
    const moved = left === undefined || !Number.isFinite(minX) ? 0 : left - minX;
    // Coordinates near the largest number cannot be moved by the width of earlier diagrams:
    // such a diagram keeps its own, rather than every later position becoming infinite.
    const shift = Number.isFinite(moved) ? moved : 0;
    cells.forEach((cell, index) => {
      const cellPath = `${path}[${index}]`;
      if (!isRecord(cell)) {
        this.reader.report(
          D.TD_WRONG_TYPE,
          `${cellPath}: expected an object`,
          this.reader.at(cells, undefined, cellPath),
        );
        return;
      }
      this.readCell(cell, cellPath, shift);
    });
    const right = maxX + shift;
    return Number.isFinite(right) ? right : (left ?? 0);
  }

  private readCell(cell: Json, path: string, shift: number): void {
    const data = isRecord(cell.data) ? cell.data : undefined;
    const shapeName = text(cell.shape) ?? text(cell.type) ?? text(data?.type);
    // Own keys only: a shape named `constructor` must not find Object's.
    const kind = shapeName !== undefined && Object.hasOwn(SHAPES, shapeName) ? SHAPES[shapeName] : undefined;
    this.reader.check(
      cell,
      path,
      CELL_FIELDS,
      kind === 'flow' || kind === 'curve' ? ['id', 'shape'] : ['id', 'shape', 'zIndex'],
    );
    if (data)
      this.reader.check(
        data,
        `${path}.data`,
        DATA_FIELDS,
        kind === 'text' ? ['type'] : ['type', 'hasOpenThreats'],
      );
    const at = this.reader.at(cell, undefined, path);
    if (kind === undefined) {
      this.reader.report(
        D.TD_UNKNOWN_SHAPE,
        `${path}: unknown shape ${JSON.stringify(shapeName ?? null)}; left out`,
        at,
      );
      return;
    }
    // A cell without an id is named by its place in the file, which is stable. So is the first
    // cell with id `__proto__`: positions are keyed by id, and the model's restore step refuses
    // that key (in a plain object it would reach Object.prototype); flows naming it follow it
    // (`finishFlows`).
    const given = text(cell.id) ?? path;
    const id = given === RESERVED_ID ? path : given;
    if (this.ids.has(given) || this.ids.has(id)) {
      this.reader.report(
        D.TD_DUPLICATE_ID,
        `${path}: another cell already has id ${JSON.stringify(this.ids.has(given) ? given : id)}; left out`,
        at,
      );
      return;
    }
    this.ids.add(given);
    this.ids.add(id);
    if (id !== given) {
      this.reservedCell = id;
      this.reader.report(
        D.TD_RESERVED_ID,
        `${path}: the id ${JSON.stringify(given)} cannot be kept; the cell is named ${JSON.stringify(id)}`,
        at,
      );
    }
    const name = text(data?.name) ?? labelOf(cell) ?? '';
    const description = text(data?.description);
    const position = positionOf(cell, kind, shift);

    switch (kind) {
      case 'text':
        if ((labelOf(cell) ?? name).trim() !== '') {
          this.descriptions.push(labelOf(cell) ?? name);
          this.reader.report(D.TD_TEXT_BLOCK, `${path}: text block added to the model description`, at);
        }
        return;
      case 'box':
        this.boundaries.push({ id, kind: 'network', name, origin: 'user' });
        if (position) {
          this.positions[id] = position;
          this.boxes.push({
            id,
            x: position.x,
            y: position.y,
            width: position.width!,
            height: position.height!,
          });
        }
        return;
      case 'curve':
        this.boundaries.push({ id, kind: 'network', name, origin: 'user' });
        this.reader.report(
          D.TD_CURVED_BOUNDARY,
          `${path}: curved trust boundary ${JSON.stringify(name)} kept without members`,
          at,
        );
        return;
      case 'flow': {
        const from = endpoint(cell.source);
        const to = endpoint(cell.target);
        if (from === undefined || to === undefined) {
          this.reader.report(
            D.TD_UNCONNECTED_FLOW,
            `${path}: flow ${JSON.stringify(name)} is not attached to two elements; left out`,
            at,
          );
          return;
        }
        const protocolText = text(data?.protocol)?.trim() ?? '';
        const portMatch = /(?:^|[^\d])(\d{1,5})\s*$/.exec(protocolText);
        const port = portMatch ? Number(portMatch[1]) : undefined;
        const protocol = (
          portMatch
            ? protocolText.slice(0, portMatch.index + portMatch[0].length - portMatch[1]!.length)
            : protocolText
        )
          .replace(/[\s:/]+$/, '')
          .toLowerCase();
        const encrypted = data?.isEncrypted;
        const flow: ModelFlow = {
          id,
          from,
          to,
          protocol: protocol || 'unknown',
          ...(port !== undefined && port <= 65535 ? { port } : {}),
          protection: encrypted === true ? 'tls' : encrypted === false ? 'none' : 'unknown',
          ...(name ? { data: name } : {}),
          origin: 'user',
        };
        this.flows.push(flow);
        if (data?.isBidirectional === true) this.bidirectional.push(flow);
        this.readThreats(cell, data, id, 'flow', path);
        return;
      }
      default: {
        const element: ModelElement = {
          id,
          kind: kind === 'process' ? 'service' : kind === 'store' ? 'data-store' : 'external',
          name,
          origin: 'user',
          ...(description ? { description } : {}),
        };
        this.elements.push(element);
        if (position) this.positions[id] = position;
        if (data?.outOfScope === true) {
          const reason = text(data.reasonOutOfScope);
          this.addNote(`td-scope:${id}`, id, reason ? `Out of scope: ${reason}` : 'Out of scope');
        }
        this.readThreats(cell, data, id, kind, path);
      }
    }
  }

  private readThreats(
    cell: Json,
    data: Json | undefined,
    target: string,
    kind: TargetKind,
    path: string,
  ): void {
    const list = Array.isArray(data?.threats)
      ? data.threats
      : Array.isArray(cell.threats)
        ? cell.threats
        : [];
    const listPath = Array.isArray(data?.threats) ? `${path}.data.threats` : `${path}.threats`;
    list.forEach((threat, index) => {
      const threatPath = `${listPath}[${index}]`;
      if (!isRecord(threat)) {
        this.reader.report(
          D.TD_WRONG_TYPE,
          `${threatPath}: expected an object`,
          this.reader.at(list, undefined, threatPath),
        );
        return;
      }
      this.reader.check(threat, threatPath, THREAT_FIELDS, [
        'title',
        'type',
        'status',
        'severity',
        'description',
        'mitigation',
      ]);
      const title = text(threat.title) ?? 'Untitled threat';
      const category = text(threat.type);
      const severity = text(threat.severity);
      const status = text(threat.status) ?? 'Open';
      const description = text(threat.description) ?? '';
      const mitigationText = text(threat.mitigation) ?? '';
      const threatId = text(threat.id) ?? text(threat.threatId) ?? `${target}#${index}`;
      const facts = [category, severity, status].filter(Boolean).join(', ');
      const lines = [`Threat: ${title}${facts ? ` (${facts})` : ''}`];
      if (description.trim()) lines.push(description.trim());
      if (mitigationText.trim()) lines.push(`Mitigation: ${mitigationText.trim()}`);
      this.addNote(`td-threat:${threatId}`, target, lines.join('\n'));

      const mitigation = mitigationOfThreat(`${title}\n${description}\n${mitigationText}`, kind);
      const state = stateOfThreat(status, mitigationText.trim() !== '');
      if (!mitigation || !state || this.edited.has(`${target}\u0000${mitigation}`)) return;
      this.edited.add(`${target}\u0000${mitigation}`);
      const transferred = status.toLowerCase() === 'transferred' ? 'transferred: ' : '';
      this.edits.push({
        target,
        mitigation,
        state,
        reason: `${transferred}Threat Dragon threat "${title}" (${status})${mitigationText.trim() ? `: ${mitigationText.trim()}` : ''}`,
        at: this.options.now,
      });
    });
  }

  /** Once every cell is read: flow ends that name the renamed `__proto__` cell follow it, and each
   * bidirectional flow gets its way back, under an id no cell has (a cell may be called `f:reverse`,
   * before or after flow `f`), so that no flow replaces another. */
  finishFlows(): void {
    const renamed = this.reservedCell;
    if (renamed !== undefined)
      for (const flow of this.flows) {
        if (flow.from === RESERVED_ID) flow.from = renamed;
        if (flow.to === RESERVED_ID) flow.to = renamed;
      }
    for (const flow of this.bidirectional) {
      let id = `${flow.id}:reverse`;
      for (let n = 2; this.ids.has(id); n++) id = `${flow.id}:reverse~${n}`;
      this.ids.add(id);
      this.flows.push({ ...flow, id, from: flow.to, to: flow.from });
    }
  }

  private addNote(id: string, target: string, noteText: string): void {
    if (this.notes.some((n) => n.id === id)) return;
    this.notes.push({ id, target, text: noteText, at: this.options.now });
  }

  /** Puts every element into the innermost box that contains its centre, and nests boxes. */
  resolveBoundaries(): void {
    const area = (b: Box): number => b.width * b.height;
    const inside = (x: number, y: number, b: Box): boolean =>
      x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height;
    const innermost = (x: number, y: number, exclude?: Box): Box | undefined =>
      this.boxes
        .filter((b) => b !== exclude && inside(x, y, b) && (!exclude || area(b) > area(exclude)))
        .sort((a, b) => area(a) - area(b) || (a.id < b.id ? -1 : 1))[0];
    for (const element of this.elements) {
      const p = this.positions[element.id];
      if (!p) continue;
      const box = innermost(p.x + (p.width ?? 0) / 2, p.y + (p.height ?? 0) / 2);
      if (box) element.boundary = box.id;
    }
    for (const boundary of this.boundaries) {
      const box = this.boxes.find((b) => b.id === boundary.id);
      if (!box) continue;
      const parent = innermost(box.x + box.width / 2, box.y + box.height / 2, box);
      if (parent && inside(box.x, box.y, parent) && inside(box.x + box.width, box.y + box.height, parent))
        boundary.parent = parent.id;
    }
  }
}

function labelOf(cell: Json): string | undefined {
  const attrs = isRecord(cell.attrs) ? cell.attrs : undefined;
  for (const key of ['text', 'label', 'headerText']) {
    const part = attrs?.[key];
    if (isRecord(part) && text(part.text)) return text(part.text);
  }
  if (Array.isArray(cell.labels) && isRecord(cell.labels[0])) {
    const label = cell.labels[0];
    if (text(label.text)) return text(label.text);
    if (isRecord(label.attrs) && isRecord(label.attrs.label)) return text(label.attrs.label.text);
  }
  return undefined;
}

function endpoint(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  return text(value.cell) ?? text(value.id);
}

function positionOf(cell: Json, kind: string, shift: number): Position | undefined {
  const position = isRecord(cell.position) ? cell.position : undefined;
  const x = finite(position?.x);
  const y = finite(position?.y);
  if (x === undefined || y === undefined || !Number.isFinite(x + shift)) return undefined;
  const size = isRecord(cell.size) ? cell.size : undefined;
  const fallback = DEFAULT_SIZE[kind] ?? { width: 100, height: 100 };
  const width = extent(size?.width) ?? extent(cell.width) ?? fallback.width;
  const height = extent(size?.height) ?? extent(cell.height) ?? fallback.height;
  return { x: x + shift, y, width, height };
}
