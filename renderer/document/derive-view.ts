import { analyzeFiles, type AnalysisResult } from '../../models/analysis/analyze';
import { GeneratorContext } from '../../models/attack/generate/generator-context';
import { SEVERITY_ORDER, type Severity } from '../../models/conditions/condition-ids';
import type { Finding } from '../../models/conditions/finding';
import { modelOverrides } from '../../models/model/derive-model';
import type { ModelFlow, ThreatModel } from '../../models/model/threat-model';
import {
  applyOverrides,
  deriveMitigationStates,
  type MitigationOverride,
  type ResolvedMitigationState,
} from '../../models/mitigations/derive-states';
import { MITIGATION_IDS, type MitigationId } from '../../models/mitigations/mitigation-ids';
import type { Diagnostic } from '../../models/source/diagnostic';

/**
 * What the workspace shows beside the diagram, derived from the model: findings per element and
 * flow, the highest severity per element (its risk badge), counts per severity, and the resolved
 * mitigation states of any element or flow. The analysis of the model's sources is cached by the
 * identity of its `sources` array, so diagram edits never re-run it; attack trees are not needed
 * here and are left to the tree views.
 */
export interface DerivedView {
  analysis: AnalysisResult;
  findings: readonly Finding[];
  /** Findings by element id (through its workload) or flow id. */
  findingsByTarget: ReadonlyMap<string, readonly Finding[]>;
  /** Highest severity among the findings of each element or flow. */
  risk: ReadonlyMap<string, Severity>;
  counts: Readonly<Record<Severity, number>>;
  diagnostics: readonly Diagnostic[];
  /** Resolved mitigation states (configuration evidence, then the model's edits) of a target. */
  states(target: string): ResolvedMitigationState[];
}

const analysisCache = new WeakMap<ThreatModel['sources'], AnalysisResult>();

export function analyzeSources(sources: ThreatModel['sources']): AnalysisResult {
  let analysis = analysisCache.get(sources);
  if (!analysis) {
    analysis = analyzeFiles(sources.map((s) => ({ path: s.path, text: s.text })));
    analysisCache.set(sources, analysis);
  }
  return analysis;
}

const TRANSPORT: readonly MitigationId[] = ['tls', 'mtls', 'ipsec'];

function impliedTransport(flow: ModelFlow): MitigationOverride[] {
  if (flow.protection === 'unknown') return [];
  const implies = (m: MitigationId) => flow.protection === m || (m === 'tls' && flow.protection === 'mtls');
  return TRANSPORT.map((mitigation) => ({
    mitigation,
    state: implies(mitigation) ? 'implemented' : 'missing',
  }));
}

export function deriveView(model: ThreatModel): DerivedView {
  const analysis = analyzeSources(model.sources);
  const elementIds = new Map<string, string[]>();
  for (const element of model.elements) {
    const key = element.workload ?? element.id;
    elementIds.set(key, [...(elementIds.get(key) ?? []), element.id]);
  }
  // Image findings (Dockerfile conditions) belong to the services built from that Dockerfile.
  const dockerfileWorkloads = new Map(
    analysis.bundle.workloads.filter((w) => w.kind === 'dockerfile').map((w) => [w.id, w.at.file]),
  );
  const buildersOf = new Map<string, string[]>();
  for (const workload of analysis.bundle.workloads)
    for (const container of workload.containers)
      if (container.dockerfile)
        buildersOf.set(container.dockerfile.value, [
          ...(buildersOf.get(container.dockerfile.value) ?? []),
          workload.id,
        ]);

  const findingsByTarget = new Map<string, Finding[]>();
  const add = (target: string, finding: Finding) => {
    const list = findingsByTarget.get(target);
    if (list) list.push(finding);
    else findingsByTarget.set(target, [finding]);
  };
  const flowIds = new Set(model.flows.map((f) => f.id));
  for (const finding of analysis.findings) {
    const subject = finding.data.subject;
    if (flowIds.has(finding.workload)) add(finding.workload, finding);
    else if (subject && flowIds.has(subject)) add(subject, finding);
    const file = dockerfileWorkloads.get(finding.workload);
    const owners = file ? (buildersOf.get(file) ?? []) : [finding.workload];
    for (const owner of owners) for (const id of elementIds.get(owner) ?? []) add(id, finding);
  }
  const counts = Object.fromEntries(SEVERITY_ORDER.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of analysis.findings) counts[finding.severity]++;
  const risk = new Map<string, Severity>();
  for (const [target, findings] of findingsByTarget) {
    const worst = SEVERITY_ORDER.find((s) => findings.some((f) => f.severity === s));
    if (worst) risk.set(target, worst);
  }

  let context: GeneratorContext | undefined;
  let overrides: Record<string, MitigationOverride[]> | undefined;
  const cache = new Map<string, ResolvedMitigationState[]>();
  const states = (target: string): ResolvedMitigationState[] => {
    const cached = cache.get(target);
    if (cached) return cached;
    overrides ??= modelOverrides(model, analysis.topology.flows);
    context ??= new GeneratorContext(analysis, { assumptions: model.assumptions, overrides });
    let resolved: ResolvedMitigationState[] = [];
    const element = model.elements.find((e) => e.id === target);
    const flow = element ? undefined : model.flows.find((f) => f.id === target);
    if (element) {
      const key = element.workload ?? element.id;
      const workload = context.workloadsById.get(key);
      if (workload)
        resolved = MITIGATION_IDS.map((id) => context!.mitigationState(workload, id)).filter(
          (s) => s !== undefined,
        );
      else resolved = applyOverrides([], overrides[key] ?? []);
    } else if (flow) {
      const fromConfig = analysis.topology.flows.find((f) => f.id === flow.id);
      const protection = fromConfig?.protection ?? flow.protection;
      const derived = deriveMitigationStates({
        kind: 'flow',
        id: flow.id,
        protection: protection === 'unknown' ? 'none' : protection,
        ...(fromConfig ? { at: fromConfig.at } : {}),
      });
      const own = fromConfig
        ? (overrides[flow.id] ?? [])
        : [...impliedTransport(flow), ...(overrides[flow.id] ?? [])];
      resolved = applyOverrides(derived, own);
    }
    cache.set(target, resolved);
    return resolved;
  };

  return {
    analysis,
    findings: analysis.findings,
    findingsByTarget,
    risk,
    counts,
    diagnostics: analysis.diagnostics,
    states,
  };
}
