import type { AnalysisResult } from '../../analysis/analyze';
import type { ConditionId } from '../../conditions/condition-ids';
import type { Finding } from '../../conditions/finding';
import type { Container, Workload } from '../../import/workload';
import {
  applyOverrides,
  deriveMitigationStates,
  type MitigationOverride,
  type ResolvedMitigationState,
} from '../../mitigations/derive-states';
import type { MitigationId } from '../../mitigations/mitigation-ids';
import type { DataFlow, TopologyElement } from '../../topology/types';
import { defaultAssumptions, type AssumptionKey, type AssumptionValue } from '../rules/assumptions';
import type { PreconditionContext } from '../rules/evaluate-precondition';

/** Conditions that describe the image, found on the Dockerfile a compose service builds from. */
const IMAGE_CONDITIONS = new Set<ConditionId>([
  'mutable-image',
  'dockerfile-remote-add',
  'dockerfile-pipe-to-shell',
  'dockerfile-workdir-proc-fd',
  'full-os-base-image',
]);

export interface GenerateOptions {
  /** Host assumptions set in the workshop or with `--assume`; the rest take the catalogue default. */
  assumptions?: Partial<Record<AssumptionKey, AssumptionValue>>;
  /** Mitigation states set by hand, per workload id or flow id. */
  overrides?: Record<string, MitigationOverride[]>;
}

/** Everything the generator looks up, indexed once. */
export class GeneratorContext {
  readonly assumptions: Record<AssumptionKey, AssumptionValue>;
  readonly workloads: Workload[];
  readonly elements: Map<string, TopologyElement>;
  readonly workloadsById: Map<string, Workload>;
  /** Flows by the element they leave from and the one they go to. */
  readonly flowsFrom = new Map<string, DataFlow[]>();
  readonly flowsTo = new Map<string, DataFlow[]>();
  private readonly byWorkload = new Map<string, Finding[]>();
  private readonly states = new Map<string, Map<MitigationId, ResolvedMitigationState>>();
  private readonly dockerfileWorkloads: Map<string, string>;

  constructor(
    readonly analysis: AnalysisResult,
    private readonly options: GenerateOptions,
  ) {
    this.assumptions = { ...defaultAssumptions(), ...(options.assumptions ?? {}) } as Record<
      AssumptionKey,
      AssumptionValue
    >;
    // Images are not running elements: their trees are those of the services that run them.
    this.workloads = analysis.bundle.workloads.filter((w) => w.kind !== 'dockerfile');
    this.elements = new Map(analysis.topology.elements.map((e) => [e.id, e]));
    this.workloadsById = new Map(this.workloads.map((w) => [w.id, w]));
    for (const flow of analysis.topology.flows) {
      this.flowsFrom.set(flow.from, [...(this.flowsFrom.get(flow.from) ?? []), flow]);
      this.flowsTo.set(flow.to, [...(this.flowsTo.get(flow.to) ?? []), flow]);
    }
    for (const f of analysis.findings) {
      const list = this.byWorkload.get(f.workload);
      if (list) list.push(f);
      else this.byWorkload.set(f.workload, [f]);
    }
    this.dockerfileWorkloads = new Map(
      analysis.bundle.workloads.filter((w) => w.kind === 'dockerfile').map((w) => [w.at.file, w.id]),
    );
  }

  /** Findings that concern one container: its own, its workload's, and its image's. */
  containerFindings(workload: Workload, container: Container): Finding[] {
    const own = (this.byWorkload.get(workload.id) ?? []).filter(
      (f) => f.container === undefined || f.container === container.name,
    );
    const dockerfile = container.dockerfile
      ? this.dockerfileWorkloads.get(container.dockerfile.value)
      : undefined;
    if (!dockerfile) return own;
    const image = (this.byWorkload.get(dockerfile) ?? []).filter((f) => IMAGE_CONDITIONS.has(f.condition));
    return [...own, ...image];
  }

  private readonly contexts = new Map<string, PreconditionContext>();

  /** One container as the rules see it; cached, since every goal asks again. */
  preconditionContext(workload: Workload, container: Container): PreconditionContext {
    const key = `${workload.id}\u0000${container.name}`;
    const cached = this.contexts.get(key);
    if (cached) return cached;
    const context = this.buildContext(workload, container);
    this.contexts.set(key, context);
    return context;
  }

  private buildContext(workload: Workload, container: Container): PreconditionContext {
    const findings = this.containerFindings(workload, container);
    const byCondition = new Map<ConditionId, Finding[]>();
    for (const f of findings) byCondition.set(f.condition, [...(byCondition.get(f.condition) ?? []), f]);
    return {
      findings: (condition) => byCondition.get(condition) ?? [],
      assumption: (key) => this.assumptions[key],
      platform: workload.platform,
    };
  }

  /** The mitigation state of a workload: derived from its findings, then the user's overrides. */
  mitigationState(workload: Workload, mitigation: MitigationId): ResolvedMitigationState | undefined {
    let states = this.states.get(workload.id);
    if (!states) {
      const own = this.byWorkload.get(workload.id) ?? [];
      const derived = deriveMitigationStates(
        {
          kind: 'workload',
          id: workload.id,
          platform: workload.platform,
          containers: workload.containers.map((c) => ({
            name: c.name,
            at: c.at,
            findings: this.containerFindings(workload, c).filter((f) => f.container !== undefined),
            dockerfileAnalysed:
              c.dockerfile !== undefined && this.dockerfileWorkloads.has(c.dockerfile.value),
          })),
          findings: own.filter((f) => f.container === undefined),
          topologyAnalysed: true,
        },
        { assumptions: this.assumptions },
      );
      const resolved = applyOverrides(derived, this.options.overrides?.[workload.id] ?? []);
      states = new Map(resolved.map((s) => [s.mitigation, s]));
      this.states.set(workload.id, states);
    }
    return states.get(mitigation);
  }

  /** Transport mitigations of a flow follow its protection, unless a user override says otherwise. */
  flowMitigationActive(flow: DataFlow, mitigation: MitigationId): boolean {
    const override = [...(this.options.overrides?.[flow.id] ?? [])]
      .reverse()
      .find((o) => o.mitigation === mitigation);
    if (override) return override.state === 'implemented';
    if (mitigation === 'tls') return flow.protection === 'tls' || flow.protection === 'mtls';
    return flow.protection === mitigation;
  }

  /** The host or cluster element whose kernel runs a workload. */
  hostOf(workloadId: string): string | undefined {
    return this.elements.get(workloadId)?.runsOn;
  }

  findingsOf(workloadId: string): Finding[] {
    return this.byWorkload.get(workloadId) ?? [];
  }
}
