import type { AnalysisResult } from '../../analysis/analyze';
import type { ThreatAnalysis } from '../../analysis/analyze-threats';
import { CONDITIONS } from '../../conditions/condition-catalogue';
import type { Severity } from '../../conditions/condition-ids';
import type { Finding } from '../../conditions/finding';
import type { Workload } from '../../import/workload';
import { MITIGATIONS } from '../../mitigations/catalogue';
import { formatRequirement } from '../../mitigations/format-requirement';
import { formatSourceRef, type SourceRef } from '../../source/source-ref';
import type { DataFlow, TopologyElement, TrustBoundary } from '../../topology/types';
import { stableUuid } from '../sarif/stable-hash';
import { layoutDiagram, type DiagramPositions, type LayoutNode } from './diagram-layout';
import { strideFor } from './stride';
import {
  threatStatus,
  treeMitigationStates,
  type MitigationStateLookup,
  type ThreatStatus,
} from './threat-status';

/** The Threat Dragon release whose v2 file format this export follows (`version` fields). */
export const THREAT_DRAGON_VERSION = '2.6.2';

export interface ThreatDragonOptions {
  /** Model title; defaults to "Rampart threat model". */
  title?: string;
  owner?: string;
  /** People named in `detail.contributors`. */
  contributors?: string[];
  /** Element and boundary positions (Rampart ids); unplaced ones go on the default grid. */
  positions?: DiagramPositions;
  /** Mitigation states per element or flow, e.g. with a workshop's overrides; defaults to what
   * the evaluated attack trees say (`treeMitigationStates`). */
  mitigationStates?: MitigationStateLookup;
}

type NodeShape = 'process' | 'store' | 'actor';

interface TdThreat {
  id: string;
  number: number;
  title: string;
  type: string;
  modelType: 'STRIDE';
  status: ThreatStatus;
  severity: 'Critical' | 'High' | 'Medium' | 'Low';
  score: string;
  description: string;
  mitigation: string;
  new: false;
}

/** Threat Dragon has no info level: info findings are filed as Low (reference §1.7). */
const TD_SEVERITY: Record<Severity, TdThreat['severity']> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  info: 'Low',
};

const SIZES: Record<NodeShape, { width: number; height: number }> = {
  process: { width: 100, height: 100 },
  store: { width: 160, height: 80 },
  actor: { width: 160, height: 80 },
};

const STROKE = '#333333';
/** Threat Dragon draws elements with open threats in red. */
const OPEN_STROKE = 'red';

/** A diagram node before it becomes a cell: a topology element, or a workload the topology does
 * not draw (an image built from a Dockerfile no service runs). */
interface DiagramNode {
  id: string;
  shape: NodeShape;
  name: string;
  description: string;
  boundary?: string;
  privilegeLevel?: string;
}

/**
 * The analysis as a Threat Dragon v2 model (reference/threat-model-formats.md §1): one STRIDE
 * diagram whose cells are the services (processes), data stores (stores), the internet and external
 * hosts (actors), hosts and clusters (processes: Threat Dragon has no host type), the data flows and
 * the trust boundaries (boxes, nested as the boundaries are). Every finding becomes a threat on
 * the element it concerns — a flow for `plaintext-flow`, the services built from a Dockerfile for
 * image findings, each member for a finding on a network — with its STRIDE category (`strideFor`),
 * severity, status from the mitigation states (`threatStatus`), the finding with its evidence as
 * `file:line:column`, and the requirement text of its mitigations.
 *
 * Cell and threat ids are UUIDs derived from Rampart ids, so the same analysis gives the same file.
 * Threat Dragon has no slot for Rampart's structured mitigation states: they survive only as text.
 */
export function analysisToThreatDragon(
  result: AnalysisResult | ThreatAnalysis,
  options: ThreatDragonOptions = {},
): string {
  const { bundle, topology, findings } = result;
  const states = options.mitigationStates ?? treeMitigationStates(result);
  const workloads = new Map(bundle.workloads.map((w) => [w.id, w]));
  const elementIds = new Set(topology.elements.map((e) => e.id));
  const flows = new Map(topology.flows.map((f) => [f.id, f]));
  const boundaries = new Map(topology.boundaries.map((b) => [b.id, b]));

  const conditionsOf = new Map<string, Set<string>>();
  for (const f of findings)
    conditionsOf.set(f.workload, (conditionsOf.get(f.workload) ?? new Set()).add(f.condition));
  const nodes: DiagramNode[] = topology.elements.map((e) =>
    elementNode(e, workloads.get(e.workload ?? e.id), conditionsOf),
  );
  const nodesById = new Map(nodes.map((n) => [n.id, n]));
  const nameOf = (id: string): string => nodesById.get(id)?.name ?? id;
  const builtFrom = imageUsers(bundle.workloads, elementIds);

  // Where each finding goes: cell ids (Rampart ids) of elements or flows.
  const unplaced: Finding[] = [];
  const targetsOf = (f: Finding): string[] => {
    // A flow finding names the client workload and, as its subject, the flow itself.
    if (f.data.subject !== undefined && flows.has(f.data.subject)) return [f.data.subject];
    if (elementIds.has(f.workload) || flows.has(f.workload)) return [f.workload];
    const users = builtFrom.get(f.workload);
    if (users && users.length > 0) return users;
    const boundary = boundaries.get(f.workload);
    if (boundary) return boundary.members.filter((m) => elementIds.has(m));
    const workload = workloads.get(f.workload);
    if (workload) {
      if (!nodesById.has(workload.id)) {
        const node = workloadNode(workload);
        nodes.push(node);
        nodesById.set(node.id, node);
      }
      return [workload.id];
    }
    return [];
  };

  const threats = new Map<string, TdThreat[]>();
  let number = 0;
  for (const f of findings) {
    const targets = targetsOf(f);
    if (targets.length === 0) unplaced.push(f);
    for (const target of targets) {
      const flow = flows.get(target);
      const shape = flow ? 'flow' : (nodesById.get(target)?.shape ?? 'process');
      const name = flow ? flowName(flow, nameOf) : nameOf(target);
      number += 1;
      const threat: TdThreat = {
        id: stableUuid(`threat\u0000${f.id}\u0000${target}`),
        number,
        title:
          f.container !== undefined
            ? `${CONDITIONS[f.condition].title} (${f.container})`
            : CONDITIONS[f.condition].title,
        type: strideFor(f.condition, shape),
        modelType: 'STRIDE',
        status: threatStatus(f, target, states),
        severity: TD_SEVERITY[f.severity],
        score: '',
        description: threatDescription(f),
        mitigation: mitigationText(f, name),
        new: false,
      };
      threats.set(target, [...(threats.get(target) ?? []), threat]);
    }
  }

  const layoutNodes: LayoutNode[] = nodes.map((n) => ({ id: n.id, boundary: n.boundary, ...SIZES[n.shape] }));
  const layout = layoutDiagram(layoutNodes, topology.boundaries, options.positions);
  const cellId = new CellIds();
  const cells: unknown[] = [];
  let z = 0;

  for (const b of boundaryOrder(topology.boundaries)) {
    const box = layout.boundaries.get(b.id)!;
    const contained = nodes.filter((n) => n.boundary === b.id).map((n) => cellId.of(n.id));
    cells.push({
      position: { x: box.x, y: box.y },
      size: { width: box.width, height: box.height },
      attrs: {
        label: { text: b.name },
        body: { stroke: STROKE, strokeWidth: 2, strokeDasharray: '10 5' },
      },
      visible: true,
      shape: 'trust-boundary-box',
      id: cellId.of(b.id),
      zIndex: ++z,
      data: {
        type: 'tm.BoundaryBox',
        name: b.name,
        description: boundaryDescription(b),
        isTrustBoundary: true,
        hasOpenThreats: false,
        containedElements: contained,
        crossingFlows: topology.flows
          .filter((f) => f.boundariesCrossed.includes(b.id))
          .map((f) => cellId.of(f.id)),
      },
    });
  }

  for (const n of [...nodes].sort((a, b) => compare(a.id, b.id))) {
    const box = layout.nodes.get(n.id)!;
    const own = threats.get(n.id) ?? [];
    const open = own.some((t) => t.status === 'Open');
    const stroke = {
      stroke: open ? OPEN_STROKE : STROKE,
      strokeWidth: open ? 2.5 : 1.5,
      strokeDasharray: null,
    };
    const attrs =
      n.shape === 'store'
        ? { text: { text: n.name }, topLine: stroke, bottomLine: stroke }
        : { text: { text: n.name }, body: stroke };
    cells.push({
      position: { x: box.x, y: box.y },
      size: { width: box.width, height: box.height },
      attrs,
      visible: true,
      shape: n.shape,
      id: cellId.of(n.id),
      zIndex: ++z,
      data: {
        type: n.shape === 'process' ? 'tm.Process' : n.shape === 'store' ? 'tm.Store' : 'tm.Actor',
        name: n.name,
        description: n.description,
        outOfScope: false,
        reasonOutOfScope: '',
        isTrustBoundary: false,
        hasOpenThreats: open,
        threats: own,
        ...shapeProperties(n),
      },
    });
  }

  for (const f of topology.flows) {
    if (!layout.nodes.has(f.from) || !layout.nodes.has(f.to)) continue;
    const own = threats.get(f.id) ?? [];
    const open = own.some((t) => t.status === 'Open');
    const name = flowName(f, nameOf);
    cells.push({
      shape: 'flow',
      attrs: {
        line: {
          stroke: open ? OPEN_STROKE : STROKE,
          strokeWidth: open ? 2.5 : 1.5,
          targetMarker: { name: 'block' },
          sourceMarker: { name: '' },
          strokeDasharray: null,
        },
      },
      width: 200,
      height: 100,
      zIndex: ++z,
      connector: 'smooth',
      data: {
        type: 'tm.Flow',
        name,
        description: flowDescription(f),
        outOfScope: false,
        reasonOutOfScope: '',
        protocol: f.port !== undefined ? `${f.protocol}/${f.port}` : f.protocol,
        isEncrypted: f.protection === 'tls' || f.protection === 'mtls' || f.protection === 'ipsec',
        isPublicNetwork: f.boundariesCrossed.some((b) => boundaries.get(b)?.kind === 'internet'),
        isBidirectional: false,
        isTrustBoundary: false,
        hasOpenThreats: open,
        threats: own,
      },
      id: cellId.of(f.id),
      labels: [{ position: 0.5, attrs: { label: { text: name } } }],
      source: { cell: cellId.of(f.from) },
      target: { cell: cellId.of(f.to) },
      vertices: [],
    });
  }

  const title = options.title ?? 'Rampart threat model';
  const summaryLines = [
    `Generated by Rampart from ${bundle.inputs.length} input file${bundle.inputs.length === 1 ? '' : 's'}: ` +
      `${bundle.workloads.length} workloads, ${findings.length} findings, ${number} threats.`,
    ...(unplaced.length > 0
      ? [
          `Findings with no element on the diagram: ${unplaced
            .map((f) => `${f.condition} (${f.workload}) at ${formatSourceRef(f.source)}`)
            .join('; ')}.`,
        ]
      : []),
  ];
  const model = {
    version: THREAT_DRAGON_VERSION,
    summary: { title, owner: options.owner ?? '', description: summaryLines.join('\n'), id: 0 },
    detail: {
      contributors: (options.contributors ?? []).map((name) => ({ name })),
      diagrams: [
        {
          id: 0,
          title,
          diagramType: 'STRIDE',
          placeholder: '',
          thumbnail: './public/content/images/thumbnail.stride.jpg',
          version: THREAT_DRAGON_VERSION,
          description: summaryLines[0],
          cells,
        },
      ],
      diagramTop: 1,
      reviewer: '',
      // One above the highest threat number, so a threat added in Threat Dragon never reuses one.
      threatTop: number + 1,
    },
  };
  return `${JSON.stringify(model, null, 2)}\n`;
}

function elementNode(
  e: TopologyElement,
  workload: Workload | undefined,
  conditionsOf: ReadonlyMap<string, ReadonlySet<string>>,
): DiagramNode {
  const shape: NodeShape =
    e.kind === 'data-store' ? 'store' : e.kind === 'internet' || e.kind === 'external' ? 'actor' : 'process';
  const parts = [
    e.kind === 'service' || e.kind === 'data-store'
      ? `${workload?.kind ?? e.kind}${e.namespace ? ` in ${e.namespace}` : ''}${e.technology ? ` (${e.technology})` : ''}`
      : e.kind,
    `Defined at ${formatSourceRef(e.at)}.`,
  ];
  const node: DiagramNode = {
    id: e.id,
    shape,
    name: e.name,
    description: parts.join('. '),
    boundary: e.boundary,
  };
  if (shape === 'process' && workload) node.privilegeLevel = privilegeLevel(conditionsOf.get(workload.id));
  return node;
}

function workloadNode(w: Workload): DiagramNode {
  return {
    id: w.id,
    shape: 'process',
    name: w.kind === 'dockerfile' ? `${w.name} (image)` : w.name,
    description: `${w.kind}. Defined at ${formatSourceRef(w.at)}.`,
  };
}

/** `privilegeLevel` from what the findings show about the process's user and mode. */
function privilegeLevel(conditions: ReadonlySet<string> | undefined): string {
  if (conditions?.has('privileged')) return 'privileged container';
  if (conditions?.has('runs-as-root')) return 'root';
  return 'non-root';
}

/** The requirement text of the mitigations that address a finding on one element; several are
 * alternatives (TLS, mTLS or IPsec), not all required at once. */
function mitigationText(finding: Finding, target: string): string {
  const requirements = finding.mitigations.map((m) => formatRequirement(MITIGATIONS[m], target));
  if (requirements.length <= 1) return requirements.join('');
  return `Any of these controls addresses it:\n\n${requirements.map((r) => `- ${r}`).join('\n')}`;
}

function shapeProperties(n: DiagramNode): Record<string, unknown> {
  if (n.shape === 'process')
    return {
      privilegeLevel: n.privilegeLevel ?? '',
      handlesCardPayment: false,
      handlesGoodsOrServices: false,
      isWebApplication: false,
    };
  if (n.shape === 'store')
    return {
      isALog: false,
      isEncrypted: false,
      isSigned: false,
      storesCredentials: false,
      storesInventory: false,
    };
  return { providesAuthentication: false };
}

/** Services whose image a Dockerfile builds, keyed by the Dockerfile workload id: image findings
 * are threats to what runs the image. */
function imageUsers(workloads: readonly Workload[], elementIds: ReadonlySet<string>): Map<string, string[]> {
  const byFile = new Map(workloads.filter((w) => w.kind === 'dockerfile').map((w) => [w.at.file, w.id]));
  const users = new Map<string, string[]>();
  for (const w of workloads) {
    if (!elementIds.has(w.id)) continue;
    for (const c of w.containers) {
      const dockerfile = c.dockerfile ? byFile.get(c.dockerfile.value) : undefined;
      if (dockerfile && !(users.get(dockerfile) ?? []).includes(w.id))
        users.set(dockerfile, [...(users.get(dockerfile) ?? []), w.id]);
    }
  }
  return users;
}

function flowName(f: DataFlow, name: (id: string) => string): string {
  return `${name(f.from)} → ${name(f.to)} (${f.protocol}${f.port !== undefined ? `:${f.port}` : ''})`;
}

function flowDescription(f: DataFlow): string {
  const lines = [
    `Protection: ${f.protection}${f.protectionEvidence ? ` (${f.protectionEvidence.detail}, ${formatSourceRef(f.protectionEvidence.at)})` : ''}.`,
    ...(f.carriesCredentials ? ['Carries credentials.'] : []),
    ...(f.crossesBoundary ? ['Crosses a trust boundary.'] : []),
    ...f.inferredFrom.map((o) => `Inferred from ${o.kind} ${o.detail} at ${formatSourceRef(o.at)}.`),
  ];
  return lines.join('\n');
}

function boundaryDescription(b: TrustBoundary): string {
  const flags = [b.internal ? 'internal' : '', b.encrypted ? 'encrypted' : '', b.external ? 'external' : '']
    .filter(Boolean)
    .join(', ');
  return `${b.kind} boundary${flags ? ` (${flags})` : ''}${b.at ? `, defined at ${formatSourceRef(b.at)}` : ''}.`;
}

function threatDescription(f: Finding): string {
  const evidence = uniqueRefs([f.source, ...f.evidence]).map(refText);
  return [
    `${f.message}${f.detail ? ` (${f.detail})` : ''}`,
    `Condition: ${f.condition}${f.container !== undefined ? `, container ${f.container}` : ''}.`,
    `Evidence: ${evidence.join('; ')}.`,
    ...(f.attack.length > 0 ? [`MITRE ATT&CK: ${f.attack.join(', ')}.`] : []),
  ].join('\n');
}

function refText(ref: SourceRef): string {
  return `${formatSourceRef(ref)}${ref.path ? ` (${ref.path})` : ''}`;
}

function uniqueRefs(refs: readonly SourceRef[]): SourceRef[] {
  const out: SourceRef[] = [];
  for (const r of refs)
    if (
      !out.some((o) => o.file === r.file && o.line === r.line && o.column === r.column && o.path === r.path)
    )
      out.push(r);
  return out;
}

/** Outer boundaries first, so nested boxes are drawn above the ones that contain them. */
function boundaryOrder(boundaries: readonly TrustBoundary[]): TrustBoundary[] {
  const byId = new Map(boundaries.map((b) => [b.id, b]));
  const depth = (b: TrustBoundary): number => {
    let d = 0;
    const seen = new Set<string>();
    for (let p = b.parent; p !== undefined && byId.has(p) && !seen.has(p); p = byId.get(p)!.parent) {
      seen.add(p);
      d++;
    }
    return d;
  };
  return [...boundaries].sort((a, b) => depth(a) - depth(b) || compare(a.id, b.id));
}

/** UUID-shaped cell ids from Rampart ids, told apart should two ever hash alike. */
class CellIds {
  private readonly ids = new Map<string, string>();
  private readonly used = new Set<string>();

  of(rampartId: string): string {
    const known = this.ids.get(rampartId);
    if (known) return known;
    let id = stableUuid(`cell\u0000${rampartId}`);
    for (let n = 2; this.used.has(id); n++) id = stableUuid(`cell\u0000${rampartId}\u0000${n}`);
    this.ids.set(rampartId, id);
    this.used.add(id);
    return id;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
