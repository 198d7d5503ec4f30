import type { AnalysisResult } from '../analysis/analyze';
import type { ThreatAnalysis } from '../analysis/analyze-threats';
import { treesJson } from './tree-json';
import type { Finding } from '../conditions/finding';
import type { Diagnostic } from '../source/diagnostic';
import type { Workload } from '../import/workload';
import type { DataFlow, TopologyElement, TrustBoundary } from '../topology/types';
import type { SourceRef } from '../source/source-ref';

export const ANALYSIS_SCHEMA_VERSION = 1;

/** The `rampart analyze --format json` document (DESIGN §7). Keys are written in a fixed order and
 * every array is already sorted, so the same inputs give byte-identical output. */
export function analysisToJson(
  result: AnalysisResult | ThreatAnalysis,
  tool: { name: string; version: string },
): string {
  const doc = {
    schemaVersion: ANALYSIS_SCHEMA_VERSION,
    tool: { name: tool.name, version: tool.version },
    inputs: result.bundle.inputs.map((i) => ({ file: i.file, kind: i.kind })),
    workloads: result.bundle.workloads.map(workloadJson),
    findings: result.findings.map(findingJson),
    elements: result.topology.elements.map(elementJson),
    boundaries: result.topology.boundaries.map(boundaryJson),
    flows: result.topology.flows.map(flowJson),
    trees: 'trees' in result ? treesJson(result.trees.tree, result.trees.goals, result.evaluation) : [],
    diagnostics: result.diagnostics.map(diagnosticJson),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

function workloadJson(w: Workload) {
  return {
    id: w.id,
    name: w.name,
    kind: w.kind,
    ...(w.namespace !== undefined ? { namespace: w.namespace } : {}),
    containers: w.containers.map((c) => c.name),
    source: { file: w.at.file, line: w.at.line },
  };
}

function findingJson(f: Finding) {
  return {
    id: f.id,
    condition: f.condition,
    workload: f.workload,
    ...(f.container !== undefined ? { container: f.container } : {}),
    severity: f.severity,
    message: f.message,
    ...(f.detail !== undefined ? { detail: f.detail } : {}),
    source: refJson(f.source),
    evidence: f.evidence.map(refJson),
    implicit: f.implicit,
    attack: f.attack,
    mitigations: f.mitigations,
  };
}

function diagnosticJson(d: Diagnostic) {
  return {
    severity: d.severity,
    code: d.code,
    message: d.message,
    file: d.file,
    line: d.line,
    column: d.column,
    ...(d.path !== undefined ? { path: d.path } : {}),
    ...(d.excerpt !== undefined ? { excerpt: d.excerpt } : {}),
  };
}

function refJson(r: SourceRef) {
  return { file: r.file, line: r.line, column: r.column, ...(r.path ? { path: r.path } : {}) };
}

function elementJson(e: TopologyElement) {
  return {
    id: e.id,
    kind: e.kind,
    name: e.name,
    ...(e.workload !== undefined ? { workload: e.workload } : {}),
    ...(e.technology !== undefined ? { technology: e.technology } : {}),
    ...(e.namespace !== undefined ? { namespace: e.namespace } : {}),
    boundary: e.boundary,
    memberOf: e.memberOf,
    ...(e.runsOn !== undefined ? { runsOn: e.runsOn } : {}),
    source: refJson(e.at),
  };
}

function boundaryJson(b: TrustBoundary) {
  return {
    id: b.id,
    kind: b.kind,
    name: b.name,
    ...(b.parent !== undefined ? { parent: b.parent } : {}),
    members: b.members,
    ...(b.internal !== undefined ? { internal: b.internal } : {}),
    ...(b.encrypted !== undefined ? { encrypted: b.encrypted } : {}),
  };
}

function flowJson(f: DataFlow) {
  return {
    id: f.id,
    from: f.from,
    to: f.to,
    protocol: f.protocol,
    ...(f.port !== undefined ? { port: f.port } : {}),
    protection: f.protection,
    ...(f.protectionEvidence
      ? {
          protectionEvidence: {
            detail: f.protectionEvidence.detail,
            source: refJson(f.protectionEvidence.at),
          },
        }
      : {}),
    crossesBoundary: f.crossesBoundary,
    boundariesCrossed: f.boundariesCrossed,
    carriesCredentials: f.carriesCredentials,
    inferredFrom: f.inferredFrom.map((o) => ({ kind: o.kind, detail: o.detail, source: refJson(o.at) })),
    source: refJson(f.at),
  };
}
